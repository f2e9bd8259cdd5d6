import type { Dialect } from '../db';
import { DAY, DAY_MS, HOUR, HOUR_MS, MONTH, type Grain } from './window-planner';

/**
 * The pre-aggregated rollups of the ledger, maintained in the same transaction as every ledger
 * insert. Grains were chosen by measurement (see docs/performance.md): the page reads
 * per-workspace sums and the account's per-kind sums, the expand per-campaign-and-kind sums,
 * each by UTC month, UTC day and UTC hour, so that any window is a few buckets (see
 * rollup-buckets.ts). Month buckets made a billing period one bucket and a few hours at its edges
 * instead of thirty days and up to two days of hours. Keeping kind out of
 * the workspace rollup makes the page read about six times fewer rows. `entry_count` lets a sum
 * tell "no entries" from "nets to 0".
 */
export interface RollupTable {
  readonly name: string;
  readonly grain: Grain;
  /** Grouping columns besides account_id and bucket_start, in primary-key order. */
  readonly keys: readonly ('workspace_id' | 'campaign_key' | 'kind')[];
  /** Where bucket_start sits in the primary key: right after account_id (page) or after workspace_id (expand). */
  readonly bucketAfterWorkspace: boolean;
}

export const WORKSPACE_MONTHS: RollupTable = { name: 'usage_workspace_totals_months', grain: MONTH, keys: ['workspace_id'], bucketAfterWorkspace: false };
export const WORKSPACE_DAYS: RollupTable = { name: 'usage_workspace_totals_days', grain: DAY, keys: ['workspace_id'], bucketAfterWorkspace: false };
export const WORKSPACE_HOURS: RollupTable = { name: 'usage_workspace_totals_hours', grain: HOUR, keys: ['workspace_id'], bucketAfterWorkspace: false };
export const KIND_MONTHS: RollupTable = { name: 'usage_kind_months', grain: MONTH, keys: ['kind'], bucketAfterWorkspace: false };
export const KIND_DAYS: RollupTable = { name: 'usage_kind_days', grain: DAY, keys: ['kind'], bucketAfterWorkspace: false };
export const KIND_HOURS: RollupTable = { name: 'usage_kind_hours', grain: HOUR, keys: ['kind'], bucketAfterWorkspace: false };
export const CAMPAIGN_MONTHS: RollupTable = { name: 'usage_campaign_months', grain: MONTH, keys: ['workspace_id', 'campaign_key', 'kind'], bucketAfterWorkspace: true };
export const CAMPAIGN_DAYS: RollupTable = { name: 'usage_campaign_days', grain: DAY, keys: ['workspace_id', 'campaign_key', 'kind'], bucketAfterWorkspace: true };
export const CAMPAIGN_HOURS: RollupTable = { name: 'usage_campaign_hours', grain: HOUR, keys: ['workspace_id', 'campaign_key', 'kind'], bucketAfterWorkspace: true };

export const ROLLUP_TABLES: readonly RollupTable[] = [
  WORKSPACE_MONTHS,
  WORKSPACE_DAYS,
  WORKSPACE_HOURS,
  KIND_MONTHS,
  KIND_DAYS,
  KIND_HOURS,
  CAMPAIGN_MONTHS,
  CAMPAIGN_DAYS,
  CAMPAIGN_HOURS,
];

/** The rollups store "no campaign" as '' so that it can sit in a primary key; ids are never empty. */
export const NO_CAMPAIGN_KEY = '';

export function primaryKey(table: RollupTable): string[] {
  const [first, ...rest] = table.keys;
  return table.bucketAfterWorkspace ? ['account_id', first!, 'bucket_start', ...rest] : ['account_id', 'bucket_start', ...table.keys];
}

/** Floor of occurred_at to a fixed-size bucket, also right for instants before 1970 (SQL % truncates). */
function fixedBucketExpression(bucketMs: number, column: string): string {
  return `(${column} - ((${column} % ${bucketMs}) + ${bucketMs}) % ${bucketMs})`;
}

/** Floor of occurred_at to the grain's bucket, in SQL: the same instants as `grain.floor`. */
export function bucketExpression(grain: Grain, dialect: Dialect, column = 'occurred_at'): string {
  if (grain.name === 'hour') return fixedBucketExpression(HOUR_MS, column);
  const day = fixedBucketExpression(DAY_MS, column);
  if (grain.name === 'day') return day;
  // From the day's start, a whole number of seconds, so that the division below is exact.
  return dialect === 'postgres'
    ? `(CAST(EXTRACT(EPOCH FROM date_trunc('month', to_timestamp(${day} / 1000) AT TIME ZONE 'UTC')) AS BIGINT) * 1000)`
    : `(CAST(strftime('%s', ${day} / 1000, 'unixepoch', 'start of month') AS INTEGER) * 1000)`;
}

/** A rollup key as the ledger spells it. */
export function keyExpression(key: RollupTable['keys'][number]): string {
  return key === 'campaign_key' ? `COALESCE(campaign_id, '${NO_CAMPAIGN_KEY}')` : key;
}

/** A rollup key read from the ledger under the rollup's column name, for a SELECT list. */
export function keyColumn(key: RollupTable['keys'][number]): string {
  return `${keyExpression(key)} AS ${key}`;
}

/** A rollup's rows summed from some ledger rows: `source` is a FROM clause (a table or CTE, with its WHERE). */
function sumsSql(table: RollupTable, dialect: Dialect, source: string, inKeyOrder = false): string {
  const keys = table.keys.map(keyExpression);
  const bucket = bucketExpression(table.grain, dialect);
  // Named as the rollup's columns, so that ORDER BY can name the primary key.
  return `INSERT INTO ${table.name} (account_id, bucket_start, ${table.keys.join(', ')}, credits, entry_count)
    SELECT account_id, ${bucket} AS bucket_start, ${table.keys.map(keyColumn).join(', ')}, SUM(credits), COUNT(*)
    FROM ${source}
    GROUP BY account_id, ${bucket}, ${keys.join(', ')}${inKeyOrder ? `
    ORDER BY ${primaryKey(table).join(', ')}` : ''}`;
}

/**
 * Recomputes one account's rows of a rollup from the ledger (rows must have been deleted first),
 * written in primary key order. A range read of a rollup (the hours of a series' edge, say)
 * then finds its rows side by side on a few pages instead of one page each: rows summed by a
 * hash aggregate land in its hash order, and the same series read took twice as long
 * (docs/performance.md). Live ingest writes each hour's rows together, so they stay close.
 */
export function rebuildSql(table: RollupTable, dialect: Dialect): string {
  return sumsSql(table, dialect, 'usage_entries WHERE account_id = ?', true);
}

/**
 * Adds to a rollup the ledger rows in `source` (see UsageRepository.addRecordedToRollups): summed
 * per bucket and key, then added to the rows already there.
 */
export function addToRollupSql(table: RollupTable, dialect: Dialect, source: string): string {
  return `${sumsSql(table, dialect, source)}
    ON CONFLICT (${primaryKey(table).join(', ')}) DO UPDATE SET
      credits = ${table.name}.credits + excluded.credits, entry_count = ${table.name}.entry_count + excluded.entry_count`;
}
