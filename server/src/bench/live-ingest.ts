import type { Database } from '../db';
import { postGraphQL } from './bench-client';
import { BENCH_MONTH, INGEST_ACCOUNT_PREFIX, insertCatalog } from './bench-data';
import { BENCH_ADMIN_KEY } from './bench-server';

export const WARM_UP_BATCHES = 5;

/**
 * recordUsage at 1,000 entries per batch from two concurrent clients, into new accounts of the
 * run's own: both clients into one account (its writers queue on the account's ledger clock, the
 * price of exact snapshots: the rate one account can send at), and then each client into an
 * account of its own (what the server process takes from several accounts at once).
 */
export async function measureIngest(endpoint: string, db: Database) {
  const runId = Date.now().toString(36);
  return {
    oneAccount: await ingestInto(endpoint, db, [`${runId}a`, `${runId}a`]),
    twoAccounts: await ingestInto(endpoint, db, [`${runId}b`, `${runId}c`]),
  };
}

export async function ingestInto(endpoint: string, db: Database, accountOfClient: readonly [string, string]) {
  const accounts = [...new Set(accountOfClient)];
  for (const id of accounts) await insertCatalog(db, `${INGEST_ACCOUNT_PREFIX}_${id}`, `ingest_${id}_`);
  const batches = 50;
  const mutation = `mutation($entries: [UsageEntryInput!]!) { recordUsage(entries: $entries) { accepted duplicates } }`;
  const client = async (id: number, count = batches) => {
    const account = accountOfClient[Math.abs(id) - 1]!;
    const prefix = `ingest_${account}_`;
    for (let b = 0; b < count; b++) {
      const entries = Array.from({ length: 1000 }, (_, i) => {
        const w = (i * 7 + b) % 200;
        return {
          idempotencyKey: `ingest-${id}-${b}-${i}`,
          accountId: `${INGEST_ACCOUNT_PREFIX}_${account}`,
          workspaceId: `${prefix}ws${w}`,
          campaignId: i % 10 === 0 ? null : `${prefix}ws${w}_c${i % 40}`,
          kind: i % 10 === 0 ? 'LEAD_FINDING' : 'REPLY',
          credits: 1 + (i % 50),
          occurredAt: new Date(BENCH_MONTH.to + 86_400_000 + ((b * 1000 + i) % 86_400) * 1000).toISOString(),
        };
      });
      const result = await postGraphQL(endpoint, BENCH_ADMIN_KEY, mutation, { entries });
      if (result.recordUsage.accepted !== 1000) throw new Error(`batch not fully accepted: ${JSON.stringify(result)}`);
    }
  };
  // Untimed warm-up: the server's first batches compile its code paths and fill its caches.
  await Promise.all([client(-1, WARM_UP_BATCHES), client(-2, WARM_UP_BATCHES)]);
  const start = Date.now();
  await Promise.all([client(1), client(2)]);
  const seconds = (Date.now() - start) / 1000;
  return { entries: 2 * batches * 1000, seconds, perSecond: Math.round((2 * batches * 1000) / seconds) };
}
