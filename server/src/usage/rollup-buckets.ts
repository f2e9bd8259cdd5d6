/**
 * How a window is read: whole UTC days from the day rollups, whole UTC hours from the hour
 * rollups, and the leftover minutes at either edge from the ledger itself. Every instant of
 * [from, to) falls in exactly one of the ranges, which is what makes rollup answers exact.
 */
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** A half-open range of epoch milliseconds. */
export interface MsRange {
  readonly from: number;
  readonly to: number;
}

export interface WindowPlan {
  /** Day-aligned, read from the day rollups (at most one range). */
  readonly days: readonly MsRange[];
  /** Hour-aligned, read from the hour rollups (up to two: before and after the days). */
  readonly hours: readonly MsRange[];
  /** Unaligned edges, read from the ledger (up to two). */
  readonly ledger: readonly MsRange[];
}

export function bucketStart(instant: number, size: number): number {
  return Math.floor(instant / size) * size;
}

function ceilTo(instant: number, size: number): number {
  return Math.ceil(instant / size) * size;
}

function nonEmpty(ranges: MsRange[]): MsRange[] {
  return ranges.filter((range) => range.from < range.to);
}

export function planWindow(from: number, to: number): WindowPlan {
  const firstHour = ceilTo(from, HOUR_MS);
  const lastHour = bucketStart(to, HOUR_MS);
  // Inside one hour: no boundary to split at.
  if (firstHour > lastHour) return { days: [], hours: [], ledger: [{ from, to }] };

  const firstDay = ceilTo(firstHour, DAY_MS);
  const lastDay = bucketStart(lastHour, DAY_MS);
  const ledger = nonEmpty([
    { from, to: firstHour },
    { from: lastHour, to },
  ]);
  if (firstDay >= lastDay) return { days: [], hours: nonEmpty([{ from: firstHour, to: lastHour }]), ledger };
  return {
    days: [{ from: firstDay, to: lastDay }],
    hours: nonEmpty([
      { from: firstHour, to: firstDay },
      { from: lastDay, to: lastHour },
    ]),
    ledger,
  };
}
