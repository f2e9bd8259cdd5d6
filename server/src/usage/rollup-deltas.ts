import { DAY, HOUR, MONTH, type GrainName } from './rollup-buckets';
import { NO_CAMPAIGN_KEY, ROLLUP_TABLES, type RollupTable } from './rollups';

/** What a rollup delta is made of: one ledger line's grouping and amount. */
export interface DeltaSource {
  readonly accountId: string;
  readonly workspaceId: string;
  readonly campaignId: string | null;
  readonly kind: string;
  readonly credits: bigint;
  readonly occurredAt: Date;
}

/** One row to add to a rollup, in rollupColumns order: account_id, bucket_start, the keys, credits, entry_count. */
export type DeltaRow = [string, number, ...string[], string, number];

/**
 * The rows every rollup gains from some new ledger lines: lines of one bucket and key summed into
 * one row. One pass over the lines; each line's bucket of each grain is found once (a month
 * start takes two Date objects) rather than once per rollup.
 */
export function rollupDeltas(entries: readonly DeltaSource[], tables: readonly RollupTable[] = ROLLUP_TABLES): Map<RollupTable, DeltaRow[]> {
  const sums = tables.map(() => new Map<string, { row: (string | number)[]; credits: bigint; count: number }>());
  const buckets: Record<GrainName, number> = { month: 0, day: 0, hour: 0 };
  for (const entry of entries) {
    const instant = entry.occurredAt.getTime();
    buckets.hour = HOUR.floor(instant);
    buckets.day = DAY.floor(instant);
    buckets.month = MONTH.floor(instant);
    const campaignKey = entry.campaignId ?? NO_CAMPAIGN_KEY;
    tables.forEach((table, index) => {
      const bucket = buckets[table.grain.name];
      const keys = table.keys.map((key) => (key === 'workspace_id' ? entry.workspaceId : key === 'kind' ? entry.kind : campaignKey));
      const id = `${entry.accountId}\u0000${bucket}\u0000${keys.join('\u0000')}`;
      const sum = sums[index]!.get(id);
      if (sum) {
        sum.credits += entry.credits;
        sum.count += 1;
      } else sums[index]!.set(id, { row: [entry.accountId, bucket, ...keys], credits: entry.credits, count: 1 });
    });
  }
  return new Map(tables.map((table, index) => [table, [...sums[index]!.values()].map((sum) => [...sum.row, sum.credits.toString(), sum.count] as DeltaRow)]));
}
