import { DAY_MS, HOUR_MS } from './rollup-buckets';

/**
 * The pre-aggregated rollups of the ledger, maintained in the same transaction as every ledger
 * insert. Grains were chosen by measurement (see README "Performance"): the page reads
 * per-workspace sums and the account's per-kind sums, the expand per-campaign-and-kind sums,
 * each by UTC day with UTC hours for the partial days at a window's edges. Keeping kind out of
 * the workspace rollup makes the page read about six times fewer rows. `entry_count` lets a sum
 * tell "no entries" from "nets to 0".
 */
export interface RollupTable {
  readonly name: string;
  readonly bucketMs: number;
  /** Grouping columns besides account_id and bucket_start, in primary-key order. */
  readonly keys: readonly ('workspace_id' | 'campaign_key' | 'kind')[];
  /** Where bucket_start sits in the primary key: right after account_id (page) or after workspace_id (expand). */
  readonly bucketAfterWorkspace: boolean;
}

export const WORKSPACE_DAYS: RollupTable = { name: 'usage_workspace_totals_days', bucketMs: DAY_MS, keys: ['workspace_id'], bucketAfterWorkspace: false };
export const WORKSPACE_HOURS: RollupTable = { name: 'usage_workspace_totals_hours', bucketMs: HOUR_MS, keys: ['workspace_id'], bucketAfterWorkspace: false };
export const KIND_DAYS: RollupTable = { name: 'usage_kind_days', bucketMs: DAY_MS, keys: ['kind'], bucketAfterWorkspace: false };
export const KIND_HOURS: RollupTable = { name: 'usage_kind_hours', bucketMs: HOUR_MS, keys: ['kind'], bucketAfterWorkspace: false };
export const CAMPAIGN_DAYS: RollupTable = { name: 'usage_campaign_days', bucketMs: DAY_MS, keys: ['workspace_id', 'campaign_key', 'kind'], bucketAfterWorkspace: true };
export const CAMPAIGN_HOURS: RollupTable = { name: 'usage_campaign_hours', bucketMs: HOUR_MS, keys: ['workspace_id', 'campaign_key', 'kind'], bucketAfterWorkspace: true };

export const ROLLUP_TABLES: readonly RollupTable[] = [WORKSPACE_DAYS, WORKSPACE_HOURS, KIND_DAYS, KIND_HOURS, CAMPAIGN_DAYS, CAMPAIGN_HOURS];

/** The rollups store "no campaign" as '' so that it can sit in a primary key; ids are never empty. */
export const NO_CAMPAIGN_KEY = '';

export function primaryKey(table: RollupTable): string[] {
  const [first, ...rest] = table.keys;
  return table.bucketAfterWorkspace ? ['account_id', first!, 'bucket_start', ...rest] : ['account_id', 'bucket_start', ...table.keys];
}

/** Floor of occurred_at to the bucket, also right for instants before 1970 (SQL % truncates). */
export function bucketExpression(bucketMs: number, column = 'occurred_at'): string {
  return `(${column} - ((${column} % ${bucketMs}) + ${bucketMs}) % ${bucketMs})`;
}

/** A rollup key as the ledger spells it. */
export function keyExpression(key: RollupTable['keys'][number]): string {
  return key === 'campaign_key' ? `COALESCE(campaign_id, '${NO_CAMPAIGN_KEY}')` : key;
}

/** Recomputes one account's rows of a rollup from the ledger (rows must have been deleted first). */
export function rebuildSql(table: RollupTable): string {
  const keys = table.keys.map(keyExpression);
  return `INSERT INTO ${table.name} (account_id, bucket_start, ${table.keys.join(', ')}, credits, entry_count)
    SELECT account_id, ${bucketExpression(table.bucketMs)}, ${keys.join(', ')}, SUM(credits), COUNT(*)
    FROM usage_entries WHERE account_id = ?
    GROUP BY account_id, ${bucketExpression(table.bucketMs)}, ${keys.join(', ')}`;
}

/** Adds `rows` rows of deltas; each row binds account_id, bucket_start, the keys, credits, entry_count. */
export function upsertSql(table: RollupTable, rows: number): string {
  const columns = ['account_id', 'bucket_start', ...table.keys, 'credits', 'entry_count'];
  const tuple = `(${columns.map((column) => (column === 'credits' ? 'CAST(? AS BIGINT)' : '?')).join(', ')})`;
  return `INSERT INTO ${table.name} (${columns.join(', ')}) VALUES ${Array.from({ length: rows }, () => tuple).join(', ')}
    ON CONFLICT (${primaryKey(table).join(', ')}) DO UPDATE SET
      credits = ${table.name}.credits + excluded.credits, entry_count = ${table.name}.entry_count + excluded.entry_count`;
}
