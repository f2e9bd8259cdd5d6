/**
 * The entries behind a number, at scale: usageEntries pages of the biggest workspace (the first
 * page, and a page 50,000 entries deep) through the API and as bare SQL, and GET /export/entries.csv
 * of about a million entries with the server's peak RSS beside its peak over plain page requests.
 * Called by scale-bench.ts; also runnable alone on an existing data set:
 * `node server/dist/bench/entries-bench.js --url=postgres://…/creditlens_bench_10000000 --runs=50`
 * (its server runs the migrations first).
 */
import 'reflect-metadata';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { openDatabase, type Database } from '../db';
import { flag, measure, postGraphQL, type Timing } from './bench-client';
import { BENCH_ACCOUNT, BENCH_MONTH } from './bench-data';
import { BENCH_ADMIN_KEY, startServer } from './bench-server';

const ENTRIES = `query($id: ID!, $window: UsageWindowInput!, $asOf: DateTime, $filter: UsageEntryFilter, $first: Int, $after: String) {
  usageEntries(accountId: $id, window: $window, asOf: $asOf, filter: $filter, first: $first, after: $after) {
    totalCount totalCredits asOf pageInfo { hasNextPage endCursor }
    edges { cursor node { idempotencyKey occurredAt recordedAt kind credits workspace { id name } campaign { id name archived } } } } }`;
const EXPAND = `query($ws: ID!, $window: UsageWindowInput!, $asOf: DateTime) { workspaceUsage(workspaceId: $ws, window: $window, asOf: $asOf) { id credits campaigns { campaign { id name archived } label credits share percent byKind { kind credits } } } }`;
const PAGE = `query($id: ID!, $window: UsageWindowInput) { account(id: $id) { usage(window: $window) { asOf totalCredits workspaces { id workspace { id name } credits share percent } } } }`;
/** How deep the later page starts: walked there with pages of 500 (keyset paging costs the same at any depth). */
const LATER_PAGE_DEPTH = 50_000;
/** The export's window: the month's first hours, about a million entries of the 10 M data set. */
const EXPORT_HOURS = 75;

export interface EntriesBench {
  readonly workspace: string;
  readonly totalCount: number;
  readonly firstPage: Timing;
  readonly laterPage: Timing;
  readonly laterPageDepth: number;
  /** The baseline of the same run: the expand query of the same row (its campaign rows, from the same rollups). */
  readonly expand: Timing;
  readonly plans: { readonly first: string; readonly later: string };
  readonly export: { readonly entries: number; readonly bytes: number; readonly seconds: number; readonly peakRssMiB: number };
  readonly pagePeakRssMiB: number;
}

/** Peak VmRSS (MiB) of a process while `work` runs, sampled every 20 ms. */
async function peakRss<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; peakMiB: number }> {
  const read = () => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
  let peak = read();
  const timer = setInterval(() => (peak = Math.max(peak, read())), 20);
  try {
    const result = await work();
    return { result, peakMiB: Math.max(peak, read()) };
  } finally {
    clearInterval(timer);
  }
}

/** Downloads a CSV, counting its lines and bytes as they arrive (never holding it whole). */
function download(url: string): Promise<{ lines: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { authorization: `Bearer ${BENCH_ADMIN_KEY}` } }, (response) => {
        if (response.statusCode !== 200) reject(new Error(`entries.csv answered HTTP ${response.statusCode}`));
        let lines = 0;
        let bytes = 0;
        response.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines += 1;
        });
        response.on('end', () => resolve({ lines, bytes }));
        response.on('error', reject);
      })
      .on('error', reject);
  });
}

export async function benchEntries(options: { endpoint: string; child: ChildProcess; db: Database; runs: number; log: (line: string) => void }): Promise<EntriesBench> {
  const { endpoint, child, db, runs, log } = options;
  const gql = (query: string, variables: Record<string, unknown>) => postGraphQL(endpoint, BENCH_ADMIN_KEY, query, variables);
  const window = { from: new Date(BENCH_MONTH.from).toISOString(), to: new Date(BENCH_MONTH.to).toISOString() };
  const page = (await gql(PAGE, { id: BENCH_ACCOUNT, window })).account.usage;
  const workspace = page.workspaces[0].workspace.id as string;
  const base = { id: BENCH_ACCOUNT, window, asOf: page.asOf, filter: { workspaceId: workspace }, first: 50 };

  const first = await gql(ENTRIES, base);
  let after: string | null = null;
  for (let walked = 0; walked < LATER_PAGE_DEPTH; walked += 500) {
    const deeper: any = await gql(ENTRIES, { ...base, first: 500, after });
    after = deeper.usageEntries.pageInfo.endCursor;
  }
  const firstPage = await measure(runs, () => gql(ENTRIES, base));
  const laterPage = await measure(runs, () => gql(ENTRIES, { ...base, after }));
  const expand = await measure(runs, () => gql(EXPAND, { ws: workspace, window, asOf: page.asOf }));
  const plans = await pagePlans(db, workspace, Date.parse(page.asOf), after);

  const pageRss = await peakRss(child.pid!, () => measure(runs, () => gql(PAGE, { id: BENCH_ACCOUNT, window })));
  const url = new URL('/export/entries.csv', endpoint);
  url.search = new URLSearchParams({ accountId: BENCH_ACCOUNT, from: window.from, to: new Date(BENCH_MONTH.from + EXPORT_HOURS * 3_600_000).toISOString(), asOf: page.asOf }).toString();
  const started = Date.now();
  const exported = await peakRss(child.pid!, () => download(url.toString()));
  const result: EntriesBench = {
    workspace,
    totalCount: first.usageEntries.totalCount,
    firstPage,
    laterPage,
    laterPageDepth: LATER_PAGE_DEPTH,
    expand,
    plans,
    export: { entries: exported.result.lines - 1, bytes: exported.result.bytes, seconds: (Date.now() - started) / 1000, peakRssMiB: exported.peakMiB },
    pagePeakRssMiB: pageRss.peakMiB,
  };
  log(
    `usageEntries of the biggest workspace (${workspace}, ${result.totalCount.toLocaleString('en-US')} entries), 50 per page, ${runs} runs: first page p50 ${firstPage.p50.toFixed(1)} ms, p95 ${firstPage.p95.toFixed(1)} ms; page ${LATER_PAGE_DEPTH.toLocaleString('en-US')} entries deep p50 ${laterPage.p50.toFixed(1)} ms, p95 ${laterPage.p95.toFixed(1)} ms; the row's expand (baseline) p50 ${expand.p50.toFixed(1)} ms, p95 ${expand.p95.toFixed(1)} ms (first page / expand p95 ${(firstPage.p95 / expand.p95).toFixed(1)}×)`,
  );
  log(`usageEntries page plans: first ${summary(plans.first)}; later ${summary(plans.later)} (full plans in the JSON file)`);
  log(
    `GET /export/entries.csv: ${result.export.entries.toLocaleString('en-US')} entries (${(result.export.bytes / 1048576).toFixed(0)} MiB) in ${result.export.seconds.toFixed(1)} s; server peak RSS ${result.export.peakRssMiB.toFixed(0)} MiB while exporting, ${result.pagePeakRssMiB.toFixed(0)} MiB over ${runs} plain page requests`,
  );
  return result;
}

function summary(plan: string): string {
  const index = /Index (Only )?Scan (?:Backward )?using (\S+)/.exec(plan) ?? /USING (COVERING )?INDEX (\S+)/.exec(plan);
  const time = /Execution Time: ([\d.]+) ms/.exec(plan);
  const heap = /Heap Fetches: (\d+)/.exec(plan);
  return `${index ? `${index[1] ? 'index-only ' : ''}${index[2]}` : 'no index range'}${heap ? `, ${heap[1]} heap fetches` : ''}${time ? `, ${time[1]} ms` : ''}${/Sort Method/.test(plan) ? ', SORTS' : ''}`;
}

/** EXPLAIN of the page statement, first and later, as the repository sends it (PostgreSQL: ANALYZE, BUFFERS). */
async function pagePlans(db: Database, workspace: string, asOf: number, after: string | null): Promise<{ first: string; later: string }> {
  const postgres = db.dialect === 'postgres';
  const collate = postgres ? ' COLLATE "C"' : '';
  const [, , key] = JSON.parse(Buffer.from(after ?? '', 'base64url').toString('utf8') || '[null,null,["0","0",""]]') as [string, string, string[]];
  const sql = (later: boolean) => `SELECT idempotency_key, workspace_id, campaign_id, kind, CAST(credits AS TEXT) AS credits, occurred_at, recorded_at
    FROM usage_entries WHERE account_id = ? AND occurred_at >= ? AND occurred_at ${later ? '<=' : '<'} ? AND recorded_at <= ? AND workspace_id IN (?)
    ${later ? `AND (occurred_at < ? OR idempotency_key${collate} > ?)` : ''}
    ORDER BY occurred_at DESC, idempotency_key${collate} LIMIT 51`;
  const params = (later: boolean) => [BENCH_ACCOUNT, BENCH_MONTH.from, later ? Number(key[1]) : BENCH_MONTH.to, asOf, workspace, ...(later ? [Number(key[1]), key[2]] : [])];
  const explain = async (later: boolean) => {
    const rows = await db.reader.query<Record<string, string>>(`${postgres ? 'EXPLAIN (ANALYZE, BUFFERS)' : 'EXPLAIN QUERY PLAN'} ${sql(later)}`, params(later));
    return rows.map((row) => row['QUERY PLAN'] ?? row['detail']).join('\n');
  };
  return { first: await explain(false), later: await explain(true) };
}

if (require.main === module) {
  (async () => {
    const url = flag('url', '');
    if (!url) throw new Error('pass --url=postgres://… (or sqlite:FILE) of an existing bench data set');
    const db = await openDatabase(url.startsWith('sqlite:') ? { kind: 'sqlite', file: url.slice('sqlite:'.length) } : { kind: 'postgres', url });
    const { child, endpoint } = await startServer(url);
    try {
      const result = await benchEntries({ endpoint, child, db, runs: Number(flag('runs', '200')), log: (line) => console.log(line) });
      fs.writeFileSync(flag('out', '/dev/null'), JSON.stringify(result, null, 2));
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
