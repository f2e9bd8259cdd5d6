import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { seriesEdges } from '@creditlens/usage-math';
import { openDatabase, type Database } from '../db';
import { UsageRepository } from '../usage';
import { flag, measure, measureInTurn, postGraphQL, type Timing } from './bench-client';
import { BENCH_ADMIN_KEY, startServer } from './bench-server';
import { BENCH_ACCOUNT, BENCH_MONTH } from './bench-data';

/**
 * Usage over time at scale: the page with series(DAY) and comparison for every workspace next to
 * the plain page, measured in the same run, one request of each in turn (goal: p95 ≤ 2× the plain
 * page, ≤ 25 ms at 10 M on PostgreSQL), the expand with its campaign rows' series and comparisons
 * beside the plain expand, likewise (goal p95 ≤ 15 ms), and
 * the naive ledger query for the page's series beside them. Called from scale-bench.ts; also runs
 * alone: `node server/dist/bench/series-bench.js --db=sqlite|postgres [--runs=N]`, on the data
 * sets scale-bench keeps (it never creates or drops them).
 */
const PLAIN_PAGE = `query($id: ID!, $window: UsageWindowInput) { account(id: $id) { usage(window: $window) { asOf totalCredits workspaces { id workspace { id name } credits share percent } } } }`;
/**
 * The series page as the widget asks for it (widget/src/data/operations/credit-usage-page.graphql):
 * the days once, with the account's series, and each row's daily credits. FULL_BUCKETS_PAGE,
 * printed beside it, spells every row's buckets in full, as a partner's report might.
 */
const SERIES_PAGE = `query($id: ID!, $window: UsageWindowInput) { account(id: $id) { usage(window: $window) { asOf totalCredits comparison { window { from to } totalCredits } series { from } workspaces { id workspace { id name } credits share percent previousCredits change series { credits } } } } }`;
const FULL_BUCKETS_PAGE = `query($id: ID!, $window: UsageWindowInput) { account(id: $id) { usage(window: $window) { asOf totalCredits comparison { window { from to } totalCredits } workspaces { id workspace { id name } credits share percent previousCredits change series { from to credits } } } } }`;
const PLAIN_EXPAND = `query($ws: ID!, $window: UsageWindowInput!, $asOf: DateTime) { workspaceUsage(workspaceId: $ws, window: $window, asOf: $asOf) { id credits campaigns { campaign { id name archived } label credits share percent byKind { kind credits } } } }`;
/** The expand with the row's own series and its campaign rows' daily credits (the widget's credit-usage-workspace.graphql asks for the latter). */
const SERIES_EXPAND = `query($ws: ID!, $window: UsageWindowInput!, $asOf: DateTime) { workspaceUsage(workspaceId: $ws, window: $window, asOf: $asOf) { id credits previousCredits change series { from to credits } campaigns { campaign { id name archived } label credits share percent byKind { kind credits } previousCredits change series { credits } } } }`;

export interface SeriesBenchRow {
  readonly name: string;
  readonly api: Timing;
}

export interface SeriesBenchResult {
  readonly workspaces: number;
  readonly buckets: number;
  readonly rows: readonly SeriesBenchRow[];
  /** The page's workspace series read from the ledger (the naive query) and from the rollups without the API. */
  readonly naiveSeries: Timing;
  readonly bareSeries: Timing;
}

export async function benchSeries(endpoint: string, db: Database, runs: number, naiveRuns: number): Promise<SeriesBenchResult> {
  const graphql = (query: string, variables: Record<string, unknown>) => postGraphQL(endpoint, BENCH_ADMIN_KEY, query, variables);
  const window = { from: new Date(BENCH_MONTH.from).toISOString(), to: new Date(BENCH_MONTH.to).toISOString() };
  const page = (await graphql(SERIES_PAGE, { id: BENCH_ACCOUNT, window })).account.usage;
  const biggest = page.workspaces[0].workspace.id as string;
  const workspaceIds = page.workspaces.map((row: { workspace: { id: string } }) => row.workspace.id) as string[];
  const asOf = page.asOf as string;
  // Each page with its plain baseline in turn, request by request (measureInTurn): the ratios
  // compare them under the same conditions.
  const [plainPage, seriesPage, fullPage] = await measureInTurn(runs, [PLAIN_PAGE, SERIES_PAGE, FULL_BUCKETS_PAGE].map((query) => () => graphql(query, { id: BENCH_ACCOUNT, window })));
  const [plainExpand, seriesExpand] = await measureInTurn(runs, [PLAIN_EXPAND, SERIES_EXPAND].map((query) => () => graphql(query, { ws: biggest, window, asOf })));
  const rows: SeriesBenchRow[] = [
    { name: 'page, plain', api: plainPage! },
    { name: 'page + series(DAY) + comparison', api: seriesPage! },
    { name: '  the same, every bucket in full', api: fullPage! },
    { name: 'expand, plain', api: plainExpand! },
    { name: 'expand + series + comparison', api: seriesExpand! },
  ];
  const repository = new UsageRepository(db);
  const edges = seriesEdges({ from: new Date(window.from), to: new Date(window.to) }, 'DAY', 'Europe/Berlin');
  const read = { accountId: BENCH_ACCOUNT, asOf: Date.parse(asOf), edges, workspaceIds, timeZone: 'Europe/Berlin' };
  return {
    workspaces: workspaceIds.length,
    buckets: edges.length - 1,
    rows,
    // --naive-runs=0 leaves the naive query out (minutes at 10 M), e.g. to re-measure the rest.
    naiveSeries: naiveRuns > 0 ? await measure(naiveRuns, () => repository.ledgerSumSeries(read, 'workspace')) : { p50: Number.NaN, p95: Number.NaN },
    bareSeries: await measure(runs, () => repository.sumSeries(read, 'workspace')),
  };
}

export function printSeriesBench(result: SeriesBenchResult, log: (line: string) => void): void {
  const ms = (value: number) => value.toFixed(1).padStart(8);
  const p95 = (name: string) => result.rows.find((row) => row.name === name)!.api.p95;
  log(`usage over time: ${result.workspaces} workspaces × ${result.buckets} local days; times in ms`);
  log(`${'query'.padEnd(34)}${'API p50'.padStart(8)}${'API p95'.padStart(8)}`);
  for (const row of result.rows) log(`${row.name.padEnd(34)}${ms(row.api.p50)}${ms(row.api.p95)}`);
  log(`series page / plain page, p95: ${(p95('page + series(DAY) + comparison') / p95('page, plain')).toFixed(2)}× (goal ≤ 2×); series expand / plain expand, p95: ${(p95('expand + series + comparison') / p95('expand, plain')).toFixed(2)}×`);
  log(`the page's workspace series alone: rollups (bare) p50 ${result.bareSeries.p50.toFixed(1)}, p95 ${result.bareSeries.p95.toFixed(1)}; naive ledger query p50 ${result.naiveSeries.p50.toFixed(1)}, p95 ${result.naiveSeries.p95.toFixed(1)} (naive/bare p50 ${(result.naiveSeries.p50 / result.bareSeries.p50).toFixed(1)}×)`);
}

/** Alone: opens a kept data set read-only in spirit (no writes, never created or dropped here) and benches it. */
async function main(): Promise<void> {
  const kind = flag('db', 'sqlite') as 'sqlite' | 'postgres';
  const runs = Number(flag('runs', '100'));
  const root = path.resolve(__dirname, '../../..');
  let url: string;
  let db: Database;
  if (kind === 'sqlite') {
    const file = path.join(root, 'bench-results', 'data', `bench-${flag('sqlite-entries', '1000000')}.sqlite`);
    if (!fs.existsSync(`${file}.complete`)) throw new Error(`no complete data set at ${file}: run npm run bench first`);
    url = `sqlite:${file}`;
    db = await openDatabase({ kind, file });
  } else {
    const admin = new URL(process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
    admin.pathname = `/creditlens_bench_${flag('pg-entries', '10000000')}`;
    url = admin.toString();
    db = await openDatabase({ kind, url });
    const complete = (await db.reader.query<{ done: boolean }>(`SELECT to_regclass('bench_complete') IS NOT NULL AS done`))[0]!.done;
    if (!complete) throw new Error(`${admin.pathname.slice(1)} is not complete yet: leaving it alone`);
  }
  const { child, endpoint } = await startServer(url);
  try {
    const result = await benchSeries(endpoint, db, runs, Number(flag('naive-runs', '3')));
    printSeriesBench(result, console.log);
    fs.mkdirSync(path.join(root, 'bench-results'), { recursive: true });
    fs.writeFileSync(path.join(root, 'bench-results', `series-${kind}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`), JSON.stringify(result, null, 2));
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await db.close();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
