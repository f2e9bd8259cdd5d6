import 'reflect-metadata';
import path from 'node:path';
import autocannon from 'autocannon';
import type { Database } from '../db';
import { openDatabase } from '../db';
import { flag, postGraphQL } from './bench-client';
import { BENCH_ACCOUNT, BENCH_MONTH, INGEST_ACCOUNT_PREFIX, insertCatalog } from './bench-data';
import { BENCH_ADMIN_KEY, startServer } from './bench-server';

/**
 * The usage page under load: autocannon (loopback only, bounded in time) sends the page query of
 * the bench account from API keys of that account taken in turn, first alone, then with one
 * writer beside it recording 10,000 entries/s (batches of 1,000 every 100 ms, into an account of
 * its own). Enough keys that none meets the per-credential rate limit (a burst of 60, then 5/s):
 * 400 keys allow 400 × 5 = 2,000 requests/s after their bursts, more than one server process
 * answers here; a 429 would be counted as an error.
 *
 * Alone: `node server/dist/bench/page-load.js --db=sqlite|postgres --database=<url>` (after
 * `npm run build`), on a kept bench data set; `npm run bench` runs it on each data set.
 */
export const LOAD_KEYS = 400;
export const LOAD_CONNECTIONS = 20;
export const LOAD_SECONDS = 20;
export const WRITER_ENTRIES_PER_SECOND = 10_000;
const WRITER_BATCH = 1000;

const PAGE = `query($id: ID!, $window: UsageWindowInput) { account(id: $id) { usage(window: $window) { asOf totalCredits byKind { kind credits } workspaces { id workspace { id name } credits share percent } } } }`;
const CREATE_KEY = `mutation($accountId: ID!) { createApiKey(accountId: $accountId, scopes: [USAGE_READ], label: "page load bench") { secret } }`;
const RECORD = `mutation($entries: [UsageEntryInput!]!) { recordUsage(entries: $entries) { accepted duplicates } }`;

export interface LoadFigures {
  readonly requestsPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly requests: number;
  /** Transport errors, timeouts, non-2xx answers and answers with GraphQL errors. */
  readonly errors: number;
}

export interface PageLoadResult {
  readonly alone: LoadFigures;
  readonly withWriter: LoadFigures;
  /** What the writer recorded while the load ran. */
  readonly writer: { readonly entries: number; readonly perSecond: number; readonly slowestBatchMs: number };
}

async function pageLoad(url: URL, keys: readonly string[]): Promise<LoadFigures> {
  const body = JSON.stringify({ query: PAGE, variables: { id: BENCH_ACCOUNT, window: { from: new Date(BENCH_MONTH.from).toISOString(), to: new Date(BENCH_MONTH.to).toISOString() } } });
  let next = 0;
  let graphqlErrors = 0;
  const result = await autocannon({
    url: url.toString(),
    connections: LOAD_CONNECTIONS,
    duration: LOAD_SECONDS,
    requests: [
      {
        method: 'POST',
        body,
        setupRequest: (request) => ({ ...request, headers: { 'content-type': 'application/json', authorization: `Bearer ${keys[next++ % keys.length]}` } }),
        onResponse: (status, responseBody) => {
          if (status === 200 && responseBody.includes('"errors"')) graphqlErrors += 1;
        },
      },
    ],
  });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.timeouts + result.non2xx + graphqlErrors,
  };
}

/** Sends a batch of WRITER_BATCH entries every 1000 · WRITER_BATCH / WRITER_ENTRIES_PER_SECOND ms until `stop` resolves (a late batch is not made up). */
async function writeWhile(endpoint: string, db: Database, stop: Promise<unknown>) {
  const account = `${INGEST_ACCOUNT_PREFIX}_load${Date.now().toString(36)}`;
  const prefix = `${account}_`;
  await insertCatalog(db, account, prefix);
  let stopped = false;
  void stop.then(() => (stopped = true));
  const interval = (1000 * WRITER_BATCH) / WRITER_ENTRIES_PER_SECOND;
  const started = Date.now();
  let entries = 0;
  let slowest = 0;
  for (let b = 0; !stopped; b++) {
    const due = started + b * interval;
    if (Date.now() < due) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
    if (stopped) break;
    const batch = Array.from({ length: WRITER_BATCH }, (_, i) => {
      const w = (i * 7 + b) % 200;
      return {
        idempotencyKey: `load-${b}-${i}`,
        accountId: account,
        workspaceId: `${prefix}ws${w}`,
        campaignId: i % 10 === 0 ? null : `${prefix}ws${w}_c${i % 40}`,
        kind: i % 10 === 0 ? 'LEAD_FINDING' : 'REPLY',
        credits: 1 + (i % 50),
        occurredAt: new Date(BENCH_MONTH.to + 86_400_000 + ((b * 1000 + i) % 86_400) * 1000).toISOString(),
      };
    });
    const sent = Date.now();
    const result = (await postGraphQL(endpoint, BENCH_ADMIN_KEY, RECORD, { entries: batch })).recordUsage;
    slowest = Math.max(slowest, Date.now() - sent);
    if (result.accepted !== WRITER_BATCH) throw new Error(`writer batch ${b} not fully accepted: ${JSON.stringify(result)}`);
    entries += WRITER_BATCH;
  }
  const seconds = (Date.now() - started) / 1000;
  return { entries, perSecond: Math.round(entries / seconds), slowestBatchMs: slowest };
}

/** The page under load from LOAD_KEYS keys, alone and with the writer, against a running server on the bench data set. */
export async function measurePageLoad(endpoint: string, db: Database): Promise<PageLoadResult> {
  const keys: string[] = [];
  for (let i = 0; i < LOAD_KEYS; i++) keys.push((await postGraphQL(endpoint, BENCH_ADMIN_KEY, CREATE_KEY, { accountId: BENCH_ACCOUNT })).createApiKey.secret);
  const url = new URL(endpoint);
  // Untimed: every key's first use (its last-used stamp is written then) and the server's warm-up.
  let warm = 0;
  await autocannon({
    url: url.toString(),
    connections: LOAD_CONNECTIONS,
    amount: LOAD_KEYS,
    requests: [
      {
        method: 'POST',
        body: JSON.stringify({ query: '{ __typename }' }),
        setupRequest: (request) => ({ ...request, headers: { 'content-type': 'application/json', authorization: `Bearer ${keys[warm++ % keys.length]}` } }),
      },
    ],
  });
  const alone = await pageLoad(url, keys);
  let finish!: () => void;
  const stop = new Promise<void>((resolve) => (finish = resolve));
  const writer = writeWhile(endpoint, db, stop);
  const withWriter = await pageLoad(url, keys).finally(finish);
  return { alone, withWriter, writer: await writer };
}

/** The lines the bench prints for the load case. */
export function describePageLoad(result: PageLoadResult): string[] {
  const figures = (f: LoadFigures) => `${f.requestsPerSecond.toLocaleString('en-US')} req/s, p50 ${f.p50} ms, p99 ${f.p99} ms, ${f.errors} errors of ${f.requests.toLocaleString('en-US')}`;
  return [
    `page under load (autocannon, ${LOAD_CONNECTIONS} connections, ${LOAD_SECONDS} s, ${LOAD_KEYS} API keys in turn): alone ${figures(result.alone)}`,
    `  with one writer at ${WRITER_ENTRIES_PER_SECOND.toLocaleString('en-US')} entries/s beside it: ${figures(result.withWriter)}; the writer recorded ${result.writer.entries.toLocaleString('en-US')} entries = ${result.writer.perSecond.toLocaleString('en-US')} entries/s (slowest batch ${result.writer.slowestBatchMs} ms)`,
  ];
}

if (require.main === module) {
  const kind = flag('db', 'sqlite') as 'sqlite' | 'postgres';
  const databaseUrl = flag('database', kind === 'sqlite' ? `sqlite:${path.resolve(__dirname, '../../../bench-results/data/bench-1000000.sqlite')}` : 'postgres://postgres@127.0.0.1:5432/creditlens_bench_10000000');
  (async () => {
    const db = await openDatabase(kind === 'sqlite' ? { kind, file: databaseUrl.slice('sqlite:'.length) } : { kind, url: databaseUrl });
    const { child, endpoint } = await startServer(databaseUrl);
    try {
      for (const line of [`${kind} (${databaseUrl}):`, ...describePageLoad(await measurePageLoad(endpoint, db))]) console.log(line);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      await db.close();
    }
  })().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
