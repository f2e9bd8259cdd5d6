/**
 * The SQL of usage over time: the credits of every bucket of a series, for many rows at once, in
 * one statement. Each bucket is planned on its own (window-planner.ts) — a local day is not a UTC
 * day, and the signed plan makes each bucket exact — and every planned range is tagged with its
 * bucket's index. Ranges of one source are a VALUES list joined to that source's index, so a
 * month of Berlin days is four arms (days, hours, ledger, late entries), not ninety.
 */
import { placeholdersFor, type Dialect } from '../db';
import type { Statement } from './rollup-sql';
import { CAMPAIGN_DAYS, CAMPAIGN_HOURS, CAMPAIGN_MONTHS, WORKSPACE_DAYS, WORKSPACE_HOURS, WORKSPACE_MONTHS, type RollupTable } from './rollups';
import { planWindow, type GrainName } from './window-planner';
import { CAMPAIGN_LOCAL_DAYS, dayStartsIn, isLocalDayStart, WORKSPACE_LOCAL_DAYS } from './local-days';

/**
 * The bucket of the one row a series statement answers when it was to read whole local days but
 * the account's local-day rollup is not kept in the series' zone: it then counted none of them,
 * and the caller reads again without (UsageRepository.readSeries).
 */
export const NOT_IN_LOCAL_DAYS_BUCKET = -1;

/** What a series is summed per: the account's (or the visible workspaces') total, each workspace, or each campaign row. */
export type SeriesLevel = 'account' | 'workspace' | 'campaign';

export interface SeriesSnapshot {
  readonly dialect: Dialect;
  readonly accountId: string;
  readonly asOf: number;
  /** Bucket edges, ascending (usage-math seriesEdges): bucket i is [edges[i], edges[i + 1]). */
  readonly edges: readonly number[];
  /** null: every workspace of the account. */
  readonly workspaceIds: readonly string[] | null;
  /** The zone of the edges, when buckets of whole local days may be read from the local-day rollup; null: never. */
  readonly timeZone: string | null;
}

const ROLLUPS: Record<'workspace' | 'campaign', Record<GrainName, RollupTable>> = {
  workspace: { month: WORKSPACE_MONTHS, day: WORKSPACE_DAYS, hour: WORKSPACE_HOURS },
  campaign: { month: CAMPAIGN_MONTHS, day: CAMPAIGN_DAYS, hour: CAMPAIGN_HOURS },
};

const KEYS: Record<SeriesLevel, readonly ('workspace_id' | 'campaign_key')[]> = {
  account: [],
  workspace: ['workspace_id'],
  campaign: ['workspace_id', 'campaign_key'],
};

/** An integer for the SQL text itself: every value written this way is computed here, never given by a caller. */
function literal(value: number): string {
  if (!Number.isSafeInteger(value)) throw new RangeError(`expected a safe integer for a series range, got ${value}`);
  return String(value);
}

/** A VALUES list of integer rows, read as column1, column2, … on both databases. */
function valuesList(rows: readonly (readonly number[])[]): string {
  return `(VALUES ${rows.map((row) => `(${row.map(literal).join(', ')})`).join(', ')})`;
}

/** A planned range read once, and the buckets it counts for: (bucket, sign) pairs. */
interface SharedRange {
  readonly id: number;
  readonly from: number;
  readonly to: number;
  readonly tags: [number, 1 | -1][];
}

/**
 * The planned ranges of every bucket, by source, each distinct range once with all the buckets
 * it counts for. Neighbouring local days share their edge: Berlin's October day d ends with the
 * hours 22:00–24:00 UTC taken away and day d + 1 starts with the same hours added, so a range
 * read once for both halves the hour rows a page reads. `buckets`: the buckets to plan (default all).
 */
export function sharedRanges(edges: readonly number[], buckets: readonly number[] = edges.slice(1).map((_, bucket) => bucket)): Map<GrainName | 'ledger', SharedRange[]> {
  const bySource = new Map<GrainName | 'ledger', Map<string, SharedRange>>();
  let id = 0;
  for (const bucket of buckets) {
    for (const range of planWindow(edges[bucket]!, edges[bucket + 1]!).ranges) {
      const ranges = bySource.get(range.source) ?? new Map<string, SharedRange>();
      bySource.set(range.source, ranges);
      const key = `${range.from}/${range.to}`;
      let shared = ranges.get(key);
      if (!shared) {
        shared = { id: id++, from: range.from, to: range.to, tags: [] };
        ranges.set(key, shared);
      }
      shared.tags.push([bucket, range.sign]);
    }
  }
  return new Map([...bySource].map(([source, ranges]) => [source, [...ranges.values()]]));
}

/**
 * Which buckets are whole local days of the snapshot's zone (both edges local midnights: every
 * bucket of a DAY, WEEK or MONTH series but a cut first or last one), read from the local-day
 * rollups, and which are planned over the UTC rollups.
 */
function localDayBuckets(snapshot: SeriesSnapshot): { wholeDays: number[]; planned: number[] } {
  const buckets = snapshot.edges.slice(1).map((_, bucket) => bucket);
  if (snapshot.timeZone === null) return { wholeDays: [], planned: buckets };
  const dayStartOf = dayStartsIn(snapshot.timeZone);
  const atMidnight = snapshot.edges.map((edge) => isLocalDayStart(edge, dayStartOf));
  return {
    wholeDays: buckets.filter((bucket) => atMidnight[bucket] && atMidnight[bucket + 1]),
    planned: buckets.filter((bucket) => !(atMidnight[bucket] && atMidnight[bucket + 1])),
  };
}

/**
 * One statement: rows of (workspace_id?, campaign_key?, parts: see partsPerRow), only for
 * buckets with entries. The ledger arms read the planned unaligned edges, then take away the
 * window's entries recorded after asOf (see ledgerSums in rollup-sql.ts for why that arm is
 * guarded by the account's clock and why SQLite's workspace test is kept from choosing an index).
 */
export function seriesSumsStatement(snapshot: SeriesSnapshot, level: SeriesLevel): Statement {
  const rollups = ROLLUPS[level === 'campaign' ? 'campaign' : 'workspace'];
  const keys = KEYS[level];
  const scope = snapshot.workspaceIds ?? [];
  const inWorkspaces = (column: string) => (snapshot.workspaceIds === null ? '' : ` AND ${column} IN (${placeholdersFor(scope.length)})`);
  const fromLedger = keys.map((key) => (key === 'campaign_key' ? `, COALESCE(u.campaign_id, '') AS campaign_key` : `, u.${key}`)).join('');
  const { edges } = snapshot;

  const arms: string[] = [];
  const params: unknown[] = [];
  const lateral = snapshot.dialect === 'postgres';
  const { wholeDays, planned } = localDayBuckets(snapshot);
  const localDays = level === 'campaign' ? CAMPAIGN_LOCAL_DAYS : WORKSPACE_LOCAL_DAYS;
  if (wholeDays.length > 0) {
    // A bucket of whole local days is its rows of the local-day rollup: one per row and day, where
    // the UTC rollups need the day's edge hours too. Only while the rollups are kept in the edges'
    // zone (checked in the statement's own snapshot); else the sentinel row says it counted nothing.
    const inZone = `EXISTS (SELECT 1 FROM accounts WHERE account_id = ? AND local_days_zone = ?)`;
    const rangeRows = valuesList(wholeDays.map((bucket) => [bucket, edges[bucket]!, edges[bucket + 1]!]));
    const test = `d.account_id = ? AND d.bucket_start >= r.column2 AND d.bucket_start < r.column3${inWorkspaces('d.workspace_id')}`;
    arms.push(
      lateral
        ? `SELECT r.column1 AS bucket${keys.map((key) => `, y.${key}`).join('')}, y.credits FROM ${rangeRows} r
        CROSS JOIN LATERAL (SELECT ${[...keys.map((key) => `d.${key}`), 'd.credits'].join(', ')} FROM ${localDays.name} d WHERE ${test} OFFSET 0) y
        WHERE ${inZone}`
        : // CROSS JOIN keeps SQLite's loop order: each bucket one index range scan, not every row of
          // the account tested against each bucket (4× slower for a page's series).
          `SELECT r.column1 AS bucket${keys.map((key) => `, d.${key}`).join('')}, d.credits FROM ${rangeRows} r
        CROSS JOIN ${localDays.name} d ON ${test}
        WHERE ${inZone}`,
      `SELECT ${NOT_IN_LOCAL_DAYS_BUCKET} AS bucket${keys.map((key) => `, NULL AS ${key}`).join('')}, 0 AS credits WHERE NOT ${inZone}`,
    );
    params.push(snapshot.accountId, ...scope, snapshot.accountId, snapshot.timeZone, snapshot.accountId, snapshot.timeZone);
  }
  for (const [source, ranges] of sharedRanges(edges, planned)) {
    const [table, alias, time, columns] =
      source === 'ledger'
        ? ['usage_entries', 'u', 'occurred_at', keys.map((key) => (key === 'campaign_key' ? `COALESCE(u.campaign_id, '') AS campaign_key` : `u.${key}`))]
        : [rollups[source].name, 't', 'bucket_start', keys.map((key) => `t.${key}`)];
    const test = `${alias}.account_id = ? AND ${alias}.${time} >= r.column2 AND ${alias}.${time} < r.column3${inWorkspaces(`${alias}.workspace_id`)}`;
    const rangeRows = valuesList(ranges.map((range) => [range.id, range.from, range.to]));
    const tagRows = valuesList(ranges.flatMap((range) => range.tags.map(([bucket, sign]) => [range.id, bucket, sign])));
    // PostgreSQL plans a plain join as every row of the workspaces filtered by each range (0.9 s
    // for one big workspace's campaign hours at 10 M); LATERAL with OFFSET 0, which keeps it from
    // being pulled up into that join, makes each range one index range scan, as SQLite plans it.
    // The outer OFFSET 0 keeps the tags' join after the scans: joined first, a range counted for
    // two buckets would be scanned twice again.
    arms.push(
      lateral
        ? `SELECT g.column2 AS bucket${keys.map((key) => `, y.${key}`).join('')}, g.column3 * y.credits AS credits
        FROM (SELECT r.column1 AS range_id, x.* FROM ${rangeRows} r
          CROSS JOIN LATERAL (SELECT ${[...columns, `${alias}.credits`].join(', ')} FROM ${table} ${alias} WHERE ${test} OFFSET 0) x OFFSET 0) y
        JOIN ${tagRows} g ON g.column1 = y.range_id`
        : `SELECT g.column2 AS bucket${columns.map((column) => `, ${column}`).join('')}, g.column3 * ${alias}.credits AS credits FROM ${rangeRows} r
        JOIN ${table} ${alias} ON ${test}
        JOIN ${tagRows} g ON g.column1 = r.column1`,
    );
    params.push(snapshot.accountId, ...scope);
  }
  const buckets = edges.slice(0, -1).map((edge, bucket) => [bucket, edge, edges[bucket + 1]!, -1] as [number, number, number, number]);
  if (buckets.length > 0) {
    arms.push(`SELECT r.column1 AS bucket${fromLedger}, -u.credits AS credits FROM usage_entries u
      JOIN ${valuesList(buckets)} r ON u.occurred_at >= r.column2 AND u.occurred_at < r.column3
      WHERE u.account_id = ? AND u.recorded_at > ? AND u.occurred_at >= ? AND u.occurred_at < ?${inWorkspaces(snapshot.dialect === 'sqlite' ? '+u.workspace_id' : 'u.workspace_id')}
        AND EXISTS (SELECT 1 FROM accounts WHERE account_id = ? AND ledger_clock > ?)`);
    params.push(snapshot.accountId, snapshot.asOf, edges[0], edges[edges.length - 1], ...scope, snapshot.accountId, snapshot.asOf);
  }
  const union = arms.join('\n UNION ALL ');
  // Local-day rows are one per bucket and key already, but for the few entries recorded after
  // asOf taken away: parts the caller adds up. Planned ranges come as several rows per bucket and
  // key (28,000 for a page's 6,200) and are summed here first.
  const summed = planned.length === 0 ? `(${union}) s` : `(SELECT ${['bucket', ...keys].join(', ')}, SUM(credits) AS credits FROM (${union}) s GROUP BY ${['bucket', ...keys].join(', ')}) b`;
  return { sql: partsPerRow(snapshot.dialect, keys, summed), params };
}

/**
 * One answer row per series row (workspace, campaign row, or the account's one), its buckets as
 * "bucket:credits" parts joined by commas (parseSeriesParts): a page's 200 rows instead of 6,200,
 * which the driver would parse one by one — measured, the statement is faster too and its slow
 * tail (GC in the driver) is gone (docs/performance.md).
 */
function partsPerRow(dialect: Dialect, keys: readonly string[], source: string): string {
  const parts = dialect === 'postgres' ? `string_agg(bucket || ':' || credits, ',')` : `group_concat(bucket || ':' || credits, ',')`;
  return keys.length === 0 ? `SELECT ${parts} AS parts FROM ${source}` : `SELECT ${keys.join(', ')}, ${parts} AS parts FROM ${source} GROUP BY ${keys.join(', ')}`;
}

/**
 * A series row's credits per bucket from its `parts` text (partsPerRow): every bucket, zeros
 * included; a bucket's parts add up. Numbers, exact: each part and each partial sum is a sum of
 * some of one account's entries, whose |credits| add up to at most 2^53 − 1 (and a number parses
 * several times faster than a BigInt). null when a part is the NOT_IN_LOCAL_DAYS_BUCKET sentinel.
 * Digits are read one by one, without a string per part and number (a page has 6,200 parts);
 * text in any other form than the statement writes (integers) is read by Number instead.
 */
export function parseSeriesParts(parts: string | null, buckets: number): number[] | null {
  const credits = new Array<number>(buckets).fill(0);
  if (parts === null || parts === '') return credits;
  const end = parts.length;
  let i = 0;
  while (i < end) {
    let c = parts.charCodeAt(i);
    // Only the sentinel's bucket is negative.
    if (c === MINUS) return null;
    let bucket = 0;
    while (c !== COLON) {
      if (!isDigit(c)) return parsePartsByNumber(parts, buckets);
      bucket = bucket * 10 + (c - ZERO);
      c = parts.charCodeAt(++i);
    }
    c = parts.charCodeAt(++i);
    const negative = c === MINUS;
    if (negative) c = parts.charCodeAt(++i);
    const first = i;
    // Every prefix of the digits is below the whole value, so each step is exact too.
    let value = 0;
    while (i < end && c !== COMMA) {
      if (!isDigit(c)) return parsePartsByNumber(parts, buckets);
      value = value * 10 + (c - ZERO);
      c = parts.charCodeAt(++i);
    }
    if (i === first || bucket >= buckets) return parsePartsByNumber(parts, buckets);
    credits[bucket] += negative ? -value : value;
    i += 1;
  }
  return credits;
}

const [MINUS, COLON, COMMA, ZERO] = ['-', ':', ',', '0'].map((char) => char.charCodeAt(0)) as [number, number, number, number];

function isDigit(code: number): boolean {
  return code >= ZERO && code <= ZERO + 9;
}

/** parseSeriesParts for parts in any form Number reads. */
function parsePartsByNumber(parts: string, buckets: number): number[] | null {
  const credits = new Array<number>(buckets).fill(0);
  for (const part of parts.split(',')) {
    const colon = part.indexOf(':');
    const bucket = Number(part.slice(0, colon));
    if (bucket === NOT_IN_LOCAL_DAYS_BUCKET) return null;
    credits[bucket] += Number(part.slice(colon + 1));
  }
  return credits;
}

/** The plain ledger query for a series: every entry of the window, bucketed by a join on the edges. The reference for tests and the bench. */
export function ledgerSeriesStatement(snapshot: SeriesSnapshot, level: SeriesLevel): Statement {
  const keys = KEYS[level];
  const { edges } = snapshot;
  const buckets = edges.slice(0, -1).map((edge, bucket) => [bucket, edge, edges[bucket + 1]!, 1] as [number, number, number, number]);
  const select = ['r.column1 AS bucket', ...keys.map((key) => (key === 'campaign_key' ? `COALESCE(u.campaign_id, '') AS campaign_key` : `u.${key}`))].join(', ');
  const groupBy = ['r.column1', ...keys.map((key) => (key === 'campaign_key' ? `COALESCE(u.campaign_id, '')` : `u.${key}`))].join(', ');
  const scope = snapshot.workspaceIds ?? [];
  return {
    sql: partsPerRow(
      snapshot.dialect,
      keys,
      `(SELECT ${select}, SUM(u.credits) AS credits FROM usage_entries u
      JOIN ${valuesList(buckets)} r ON u.occurred_at >= r.column2 AND u.occurred_at < r.column3
      WHERE u.account_id = ? AND u.occurred_at >= ? AND u.occurred_at < ? AND u.recorded_at <= ?${snapshot.workspaceIds === null ? '' : ` AND u.workspace_id IN (${placeholdersFor(scope.length)})`}
      GROUP BY ${groupBy}) b`,
    ),
    params: [snapshot.accountId, edges[0], edges[edges.length - 1], snapshot.asOf, ...scope],
  };
}
