/**
 * Each row's share of its parent, and display percents of sibling rows that add up to exactly 100.0.
 */

import { floorDivide, nearestDouble } from './exact-ratio.js';

const TENTHS_IN_WHOLE = 1000n;

export interface SharedRow<T> {
  row: T;
  share: number | null;
  percent: number | null;
}

/** The closest double to part/total; `null` when the total is not positive (no meaningful share). */
export function shareOf(part: bigint, total: bigint): number | null {
  return total > 0n ? nearestDouble(part, total) : null;
}

/**
 * Percents with one decimal that sum to exactly 100.0 (largest-remainder method, in tenths of a percent).
 *
 * Each row gets floor(1000 × credits / total) tenths, floored toward -infinity so
 * negative rows (refunds) take part like the others; the tenths still missing go one
 * each to the rows with the largest remainders, the earlier row winning a tie.
 * All remainders share the denominator `total`, so comparing their numerators is exact.
 *
 * Every entry is `null` when the total is not positive.
 * @throws RangeError when the credits do not add up to `total`: only siblings of one parent have percents that sum to 100.
 */
export function largestRemainderPercents(credits: readonly bigint[], total: bigint): Array<number | null> {
  const sum = sumOf(credits);
  if (sum !== total) {
    throw new RangeError(`expected the ${credits.length} rows' credits to sum to the total ${total}, but they sum to ${sum}`);
  }
  if (total <= 0n) return credits.map(() => null);

  const floors = credits.map((c) => floorDivide(c * TENTHS_IN_WHOLE, total));
  const tenths = floors.map((f) => f.quotient);
  // Since the credits sum to total, the missing tenths equal (sum of remainders) / total, which is below the row count.
  let missing = TENTHS_IN_WHOLE - sumOf(tenths);
  const byRemainder = floors
    .map((f, index) => ({ remainder: f.remainder, index }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of byRemainder) {
    if (missing === 0n) break;
    tenths[index] += 1n;
    missing -= 1n;
  }
  return tenths.map((t) => Number(t) / 10);
}

/** Pairs each row, in the given order, with its share of `total` and its percent among the rows. */
export function withShares<T extends { credits: bigint }>(rows: readonly T[], total: bigint): Array<SharedRow<T>> {
  const percents = largestRemainderPercents(rows.map((r) => r.credits), total);
  return rows.map((row, index) => ({ row, share: shareOf(row.credits, total), percent: percents[index] }));
}

export function sumCredits(rows: readonly { credits: bigint }[]): bigint {
  return rows.reduce((acc, r) => acc + r.credits, 0n);
}

function sumOf(values: readonly bigint[]): bigint {
  return values.reduce((acc, v) => acc + v, 0n);
}
