import 'reflect-metadata';
import { loadConfig, parseDatabaseUrl } from '../config';
import { openDatabase } from '../db';
import { RollupMaintenance } from './rollup-maintenance';

/**
 * `npm run rollups -- rebuild [ACCOUNT_ID…]` recomputes the rollups from the ledger;
 * `npm run rollups -- check [ACCOUNT_ID…]` reports every difference and exits 1 if there is any.
 * Without ids, every account. Uses DATABASE_URL like the server.
 */
async function main(): Promise<void> {
  const [command, ...ids] = process.argv.slice(2);
  if (command !== 'rebuild' && command !== 'check') {
    console.error('usage: npm run rollups -- rebuild|check [ACCOUNT_ID…]');
    process.exit(2);
  }
  const config = loadConfig(process.env);
  const db = await openDatabase(parseDatabaseUrl(config.databaseUrl));
  const maintenance = new RollupMaintenance(db);
  const accounts = ids.length > 0 ? ids : await maintenance.accountIds();
  let differences = 0;
  for (const accountId of accounts) {
    const started = Date.now();
    if (command === 'rebuild') {
      await maintenance.rebuild(accountId);
      console.log(`${accountId}: rollups rebuilt in ${Date.now() - started} ms`);
      continue;
    }
    const found = await maintenance.check(accountId);
    differences += found.length;
    for (const difference of found.slice(0, 20)) {
      console.log(
        `${accountId}: ${difference.table} ${new Date(difference.bucketStart).toISOString()} ${JSON.stringify(difference.keys)}: ledger − rollup = ${difference.credits} credits, ${difference.entries} entries`,
      );
    }
    console.log(`${accountId}: ${found.length === 0 ? 'rollups agree with the ledger' : `${found.length} differences`} (${Date.now() - started} ms)`);
  }
  await db.close();
  process.exit(differences > 0 ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
