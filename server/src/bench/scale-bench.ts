import 'reflect-metadata';
import { execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { openDatabase, type Database } from '../db';
import { campaignSumsStatement, type UsageSnapshot, pageSumsStatement, planWindow, ROLLUP_TABLES, UsageRepository } from '../usage';
import { flag, measure, postGraphQL, type Timing } from './bench-client';
import { benchBudgetIngest } from './budget-ingest';
import { BENCH_ADMIN_KEY, startServer } from './bench-server';
import { BENCH_ACCOUNT, BENCH_MONTH, generateBenchData } from './bench-data';
import { describeHistoryImport, measureHistoryImport } from './history-import';
import { measureIngest, WARM_UP_BATCHES } from './live-ingest';
import { describePageLoad, measurePageLoad } from './page-load';
import { benchRateLimitDecisions } from './rate-limit-decisions';
import { benchEntries } from './entries-bench';
import { benchSeries, printSeriesBench } from './series-bench';

/**
 * `npm run bench` — usage pages at scale, through the real HTTP API of a server process, next to
 * the naive ledger query and the bare rollup SQL for the same answer, measured in the same run.
 *
 * Flags: --db=sqlite|postgres|both (default both), --pg-entries=N (10,000,000),
 * --sqlite-entries=N (1,000,000), --runs=N (200), --sqlite-import=N (1,000,000) and
 * --pg-import=N (10,000,000) for the history import (history-import.ts). The data sets are generated once and kept
 * (bench-results/data for SQLite, database creditlens_bench_<N> on PostgreSQL).
 */
const ROOT = path.resolve(__dirname, '../../..');
const RESULTS = path.join(ROOT, 'bench-results');
const POSTGRES_ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const RUNS = Number(flag('runs', '200'));
const NAIVE_RUNS = 5;
const log = (line: string) => console.log(line);

function rssOf(child: ChildProcess): number {
  const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

function graphql(endpoint: string, query: string, variables: Record<string, unknown>): Promise<any> {
  return postGraphQL(endpoint, BENCH_ADMIN_KEY, query, variables);
}

const PAGE = `query($id: ID!, $window: UsageWindowInput, $asOf: DateTime) { account(id: $id) { usage(window: $window, asOf: $asOf) { asOf totalCredits byKind { kind credits } workspaces { id workspace { id name } credits share percent } } } }`;
const EXPAND = `query($ws: ID!, $window: UsageWindowInput!, $asOf: DateTime) { workspaceUsage(workspaceId: $ws, window: $window, asOf: $asOf) { id credits campaigns { campaign { id name archived } label credits share percent byKind { kind credits } } } }`;

async function prepare(kind: 'sqlite' | 'postgres', entries: number): Promise<{ db: Database; url: string }> {
  if (kind === 'sqlite') {
    const file = path.join(RESULTS, 'data', `bench-${entries}.sqlite`);
    const done = `${file}.complete`;
    if (!fs.existsSync(done)) for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const db = await openDatabase({ kind, file });
    if (!fs.existsSync(done)) {
      log(`Generating ${entries.toLocaleString('en-US')} entries on SQLite (kept in ${path.relative(ROOT, file)}):`);
      await generateBenchData(db, { kind, file }, entries, log);
      fs.writeFileSync(done, new Date().toISOString());
    }
    return { db, url: `sqlite:${file}` };
  }
  const name = `creditlens_bench_${entries}`;
  const admin = new Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount! > 0;
  let complete = false;
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  if (exists) {
    const probe = new Client({ connectionString: url.toString() });
    await probe.connect();
    complete = (await probe.query(`SELECT to_regclass('bench_complete') IS NOT NULL AS done`)).rows[0].done;
    await probe.end();
    if (!complete) await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
  }
  if (!complete) await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const db = await openDatabase({ kind, url: url.toString() });
  // Cheap when nothing changed; after a migration that built indexes, index-only scans need it.
  await db.reader.query('VACUUM ANALYZE');
  if (!complete) {
    log(`Generating ${entries.toLocaleString('en-US')} entries on PostgreSQL (kept in database ${name}):`);
    await generateBenchData(db, { kind, url: url.toString() }, entries, log);
    await db.reader.query('CREATE TABLE bench_complete (done INTEGER)');
  }
  return { db, url: url.toString() };
}

interface Row {
  readonly name: string;
  readonly api: Timing;
  readonly bare: Timing;
  readonly naive: Timing;
}

async function benchDatabase(kind: 'sqlite' | 'postgres', entries: number) {
  const { db, url } = await prepare(kind, entries);
  const repository = new UsageRepository(db);
  const counts: Record<string, number> = {};
  for (const table of ['usage_entries', ...ROLLUP_TABLES.map((t) => t.name)]) {
    counts[table] = Number((await db.reader.query<{ n: string | number }>(`SELECT COUNT(*) AS n FROM ${table} WHERE account_id = ?`, [BENCH_ACCOUNT]))[0]!.n);
  }
  const clock = Number((await db.reader.query<{ c: string | number }>('SELECT ledger_clock AS c FROM accounts WHERE account_id = ?', [BENCH_ACCOUNT]))[0]!.c);
  // The server's own settings bound what ingest can do (a small buffer pool makes every insert evict and write pages).
  const settings: Record<string, string> = {};
  if (kind === 'postgres') {
    for (const name of ['server_version', 'shared_buffers', 'synchronous_commit', 'max_wal_size']) {
      settings[name] = String(Object.values((await db.reader.query(`SHOW ${name}`))[0]!)[0]);
    }
  }

  const { child, endpoint } = await startServer(url);
  try {
    const aligned = { from: new Date(BENCH_MONTH.from).toISOString(), to: new Date(BENCH_MONTH.to).toISOString() };
    const unaligned = { from: new Date(BENCH_MONTH.from + 17 * 60_000 + 13_000).toISOString(), to: new Date(BENCH_MONTH.to - 23 * 60_000).toISOString() };
    const cases = [
      { name: 'aligned month', window: aligned, asOf: null as number | null },
      { name: 'unaligned window', window: unaligned, asOf: null },
      { name: 'asOf one hour back', window: aligned, asOf: clock - 3_600_000 },
    ];
    const biggest = (await graphql(endpoint, PAGE, { id: BENCH_ACCOUNT, window: aligned })).account.usage.workspaces[0].workspace.id as string;
    // The API's floor: what any request costs before it reads anything (HTTP, Express, the
    // credential, Apollo), so that the API/bare ratios can be read against it.
    const floor = await measure(RUNS, () => graphql(endpoint, '{ __typename }', {}));
    const rssBefore = rssOf(child);
    // RSS after each row of the table: a warm-up step at the first rows, then flat if nothing grows.
    const rssAfterRows: number[] = [];
    const rows: Row[] = [];
    for (const { name, window, asOf } of cases) {
      const asOfIso = asOf === null ? null : new Date(asOf).toISOString();
      const slice: UsageSnapshot = { accountId: BENCH_ACCOUNT, window: { from: new Date(window.from), to: new Date(window.to) }, asOf: asOf ?? clock };
      const range = { from: slice.window.from.getTime(), to: slice.window.to.getTime() };
      const plan = planWindow(range.from, range.to);
      const page = pageSumsStatement({ dialect: kind, accountId: BENCH_ACCOUNT, plan, window: range, asOf: slice.asOf, workspaceIds: null });
      const expand = campaignSumsStatement({ dialect: kind, accountId: BENCH_ACCOUNT, plan, window: range, asOf: slice.asOf, workspaceIds: [biggest] });
      rows.push({
        name: `page, ${name}`,
        api: await measure(RUNS, () => graphql(endpoint, PAGE, { id: BENCH_ACCOUNT, window, asOf: asOfIso })),
        bare: await measure(RUNS, () => db.reader.query(page.sql, page.params)),
        naive: await measure(NAIVE_RUNS, () => repository.ledgerSumPage(slice, null)),
      });
      rows.push({
        name: `expand, ${name}`,
        api: await measure(RUNS, () => graphql(endpoint, EXPAND, { ws: biggest, window, asOf: asOfIso ?? new Date(clock).toISOString() })),
        bare: await measure(RUNS, () => db.reader.query(expand.sql, expand.params)),
        naive: await measure(NAIVE_RUNS, () => repository.ledgerSumByCampaignAndKind(slice, [biggest])),
      });
      rssAfterRows.push(rssOf(child));
    }
    const series = await benchSeries(endpoint, db, RUNS, NAIVE_RUNS);
    const steady = await memoryOverRequests(endpoint, child);
    const plans = await queryPlans(kind, db, clock, biggest);
    const entryPages = await benchEntries({ endpoint, child, db, runs: RUNS, log });
    const ingest = await measureIngest(endpoint, db);
    const budgetIngest = await benchBudgetIngest(endpoint, db, log);
    const rssAfter = rssOf(child);
    const load = await measurePageLoad(endpoint, db);
    return { kind, entries, settings, counts, biggest, floor, rows, series, ingest, budgetIngest, load, plans, entryPages, rss: { beforeMiB: rssBefore, afterEachCaseMiB: rssAfterRows, steadyMiB: steady, afterMiB: rssAfter } };
  } finally {
    // Also on a failure: never leave a server process behind.
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await db.close();
  }
}

/**
 * The plans of the page and expand statements for an unaligned window one hour back (the case
 * with every kind of arm), kept with the results: EXPLAIN ANALYZE on PostgreSQL, EXPLAIN QUERY
 * PLAN on SQLite. `ledgerWindowScan` says whether any step reads usage_entries other than
 * through an index range.
 */
async function queryPlans(kind: 'sqlite' | 'postgres', db: Database, clock: number, biggest: string) {
  const window = { from: BENCH_MONTH.from + 17 * 60_000, to: BENCH_MONTH.to - 23 * 60_000 };
  const slice = { dialect: kind, accountId: BENCH_ACCOUNT, plan: planWindow(window.from, window.to), window, asOf: clock - 3_600_000 };
  const statements = { page: pageSumsStatement({ ...slice, workspaceIds: null }), expand: campaignSumsStatement({ ...slice, workspaceIds: [biggest] }) };
  const plans: Record<string, { plan: string; ledgerWindowScan: boolean; parallelWorkers: boolean }> = {};
  for (const [name, statement] of Object.entries(statements)) {
    const rows = await db.reader.query<Record<string, string>>(`${kind === 'postgres' ? 'EXPLAIN (ANALYZE, BUFFERS)' : 'EXPLAIN QUERY PLAN'} ${statement.sql}`, statement.params);
    const plan = rows.map((row) => row['QUERY PLAN'] ?? row.detail).join('\n');
    // A scan, or an index search bounded by account (and workspace) only, reads the ledger of the window or more.
    const unbounded = /Seq Scan on usage_entries|SCAN usage_entries|SEARCH usage_entries USING (COVERING )?INDEX \S+ \(account_id=\?( AND workspace_id=\?)?\)/;
    // Worker start-up alone costs more than these statements (see db/database.ts).
    plans[name] = { plan, ledgerWindowScan: unbounded.test(plan), parallelWorkers: /Gather/.test(plan) };
  }
  return plans;
}

/**
 * Whether the server's memory stays flat: RSS after every 600 requests (page and expand, on
 * windows that shift by the minute so that no two requests in a row are the same).
 */
async function memoryOverRequests(endpoint: string, child: ChildProcess): Promise<number[]> {
  const samples = [rssOf(child)];
  for (let round = 0; round < 10; round++) {
    for (let i = 0; i < 300; i++) {
      const window = { from: new Date(BENCH_MONTH.from + (i % 50) * 60_000).toISOString(), to: new Date(BENCH_MONTH.to - (i % 37) * 60_000).toISOString() };
      const usage = (await graphql(endpoint, PAGE, { id: BENCH_ACCOUNT, window })).account.usage;
      await graphql(endpoint, EXPAND, { ws: usage.workspaces[i % 20].workspace.id, window, asOf: usage.asOf });
    }
    samples.push(rssOf(child));
  }
  return samples;
}

function widgetBundle(): string | null {
  const script = path.join(ROOT, 'widget/scripts/bundle-size.mjs');
  if (!fs.existsSync(script)) return null;
  return execFileSync(process.execPath, [script], { cwd: path.join(ROOT, 'widget'), encoding: 'utf8' }).trim();
}

/**
 * How fast this machine is right now: the same fixed loop every run. A shared 2-core machine's
 * speed varies by half between runs (the naive SQLite query: 3.7 s in one run, 5.9 s in the next),
 * so runs are compared alongside this.
 */
function cpuProbe(): number {
  const start = process.hrtime.bigint();
  let x = 0;
  for (let i = 0; i < 100_000_000; i++) x = (x + i * 7) % 1_000_003;
  if (x < 0) throw new Error('unreachable: keeps the loop from being optimised away');
  return Math.round(Number(process.hrtime.bigint() - start) / 1e6);
}

const ms = (value: number) => value.toFixed(1).padStart(8);
const ratio = (value: number) => `${value.toFixed(1)}×`.padStart(8);

async function main(): Promise<void> {
  const which = flag('db', 'both');
  const plans: Array<['sqlite' | 'postgres', number, number]> = [];
  if (which !== 'postgres') plans.push(['sqlite', Number(flag('sqlite-entries', '1000000')), Number(flag('sqlite-import', '1000000'))]);
  if (which !== 'sqlite') plans.push(['postgres', Number(flag('pg-entries', '10000000')), Number(flag('pg-import', '10000000'))]);
  fs.mkdirSync(RESULTS, { recursive: true });
  const results = [];
  if (flag('data-only', 'no') === 'yes') {
    // Generates (or checks) the kept data sets and stops: the slow part of a first run, on its own.
    for (const [kind, entries] of plans) await (await prepare(kind, entries)).db.close();
    return;
  }
  for (const [kind, entries, imported] of plans) {
    const probeBefore = cpuProbe();
    const result = { ...(await benchDatabase(kind, entries)), historyImport: await measureHistoryImport(kind, imported, ROOT, POSTGRES_ADMIN_URL), cpuProbeMs: [probeBefore, cpuProbe()] };
    results.push(result);
    log(`\n${kind}: ${entries.toLocaleString('en-US')} ledger entries in the month; rollup rows: ${ROLLUP_TABLES.map((t) => `${t.name} ${result.counts[t.name]!.toLocaleString('en-US')}`).join(', ')}`);
    if (Object.keys(result.settings).length > 0) log(`database settings: ${Object.entries(result.settings).map(([name, value]) => `${name} ${value}`).join(', ')}`);
    log(`machine speed probe (a fixed loop; lower is faster, compare runs by it): ${result.cpuProbeMs.join(' ms before, ')} ms after`);
    log(`biggest workspace ${result.biggest}; ${RUNS} API runs and ${RUNS} bare runs per row, ${NAIVE_RUNS} naive runs; times in ms`);
    log(`${'query'.padEnd(30)}${'API p50'.padStart(8)}${'API p95'.padStart(8)}${'bare p95'.padStart(9)}${'naive p50'.padStart(10)}  naive/API  API/bare`);
    for (const row of result.rows) {
      log(`${row.name.padEnd(30)}${ms(row.api.p50)}${ms(row.api.p95)}${ms(row.bare.p95).padStart(9)}${ms(row.naive.p50).padStart(10)}  ${ratio(row.naive.p50 / row.api.p50)}  ${ratio(row.api.p95 / row.bare.p95)}`);
    }
    printSeriesBench(result.series, log);
    log(`the API's floor, \`{ __typename }\` (HTTP, Express, the credential, Apollo; no database): p50 ${result.floor.p50.toFixed(1)} ms, p95 ${result.floor.p95.toFixed(1)} ms`);
    const rate = (ingest: { entries: number; seconds: number; perSecond: number }) =>
      `${ingest.entries.toLocaleString('en-US')} entries in ${ingest.seconds.toFixed(1)} s = ${ingest.perSecond.toLocaleString('en-US')} entries/s`;
    log(`ingest (batches of 1,000, two clients, after ${2 * WARM_UP_BATCHES} untimed batches): into one account ${rate(result.ingest.oneAccount)}; into two accounts ${rate(result.ingest.twoAccounts)}`);
    for (const line of describeHistoryImport(result.historyImport)) log(line);
    for (const line of describePageLoad(result.load)) log(line);
    const mib = (value: number) => value.toFixed(0);
    log(
      `server RSS (MiB): ${mib(result.rss.beforeMiB)} before the queries; ${result.rss.afterEachCaseMiB.map(mib).join(', ')} after each of the three cases (${2 * (RUNS + 3)} API requests each); ${mib(result.rss.afterMiB)} after the ingest (220 batches)`,
    );
    log(`server RSS (MiB) over 6,000 more requests, every 600: ${result.rss.steadyMiB.map(mib).join(', ')}`);
    for (const [name, plan] of Object.entries(result.plans)) {
      const workers = plan.parallelWorkers ? '; STARTS parallel workers' : '';
      log(`${name} plan: ${plan.ledgerWindowScan ? 'SCANS the ledger of the window' : 'reads the ledger only through index ranges (edges, entries after asOf)'}${workers} (full plan in the JSON file)`);
    }
  }
  await benchRateLimitDecisions(log);
  const bundle = widgetBundle();
  if (bundle) log(`\nwidget bundle: ${bundle}`);
  const file = path.join(RESULTS, `scale-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), results, widgetBundle: bundle }, null, 2));
  log(`\nresults written to ${path.relative(ROOT, file)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
