import type { Database } from '../db';
import { bucketExpression, keyColumn, ROLLUP_TABLES, rebuildSql, type RollupTable } from './rollups';

/** A rollup row that disagrees with the ledger it summarises. */
export interface RollupDifference {
  readonly table: string;
  readonly bucketStart: number;
  readonly keys: Record<string, string>;
  /** Ledger minus rollup. */
  readonly credits: bigint;
  readonly entries: bigint;
}

/**
 * Rebuilding the rollups from the ledger (after a migration, or to repair) and checking that
 * they agree with it. Both work account by account, as every query here does.
 */
export class RollupMaintenance {
  constructor(private readonly db: Database) {}

  async accountIds(): Promise<string[]> {
    const rows = await this.db.reader.query<{ account_id: string }>('SELECT account_id FROM accounts ORDER BY account_id');
    return rows.map((row) => row.account_id);
  }

  /** Recomputes every rollup of one account in one transaction, holding the account's writers off meanwhile. */
  async rebuild(accountId: string): Promise<void> {
    await this.db.writeTransaction(async (tx) => {
      // The same row lock recordUsage takes first: no batch of this account commits halfway through.
      await tx.query('UPDATE accounts SET ledger_clock = ledger_clock WHERE account_id = ?', [accountId]);
      for (const table of ROLLUP_TABLES) {
        await tx.query(`DELETE FROM ${table.name} WHERE account_id = ?`, [accountId]);
        await tx.query(rebuildSql(table, this.db.dialect), [accountId]);
      }
    });
  }

  /** Every rollup row of the account that differs from the ledger, in one statement per table. */
  async check(accountId: string): Promise<RollupDifference[]> {
    const differences: RollupDifference[] = [];
    for (const table of ROLLUP_TABLES) differences.push(...(await this.checkTable(table, accountId)));
    return differences;
  }

  private async checkTable(table: RollupTable, accountId: string): Promise<RollupDifference[]> {
    const bucket = bucketExpression(table.grain, this.db.dialect);
    const ledgerKeys = table.keys.map(keyColumn);
    const keys = table.keys.join(', ');
    const rows = await this.db.reader.query<Record<string, string> & { bucket_start: string | number; credits: string; entries: string }>(
      `SELECT bucket_start, ${keys}, CAST(SUM(credits) AS TEXT) AS credits, CAST(SUM(entry_count) AS TEXT) AS entries FROM (
         SELECT ${bucket} AS bucket_start, ${ledgerKeys.join(', ')}, credits, 1 AS entry_count FROM usage_entries WHERE account_id = ?
         UNION ALL
         SELECT bucket_start, ${keys}, -credits AS credits, -entry_count AS entry_count FROM ${table.name} WHERE account_id = ?
       ) d
       GROUP BY bucket_start, ${keys}
       HAVING SUM(credits) <> 0 OR SUM(entry_count) <> 0`,
      [accountId, accountId],
    );
    return rows.map((row) => ({
      table: table.name,
      bucketStart: Number(row.bucket_start),
      keys: Object.fromEntries(table.keys.map((key) => [key, row[key]!])),
      credits: BigInt(row.credits),
      entries: BigInt(row.entries),
    }));
  }
}
