/**
 * Usage over time, the pure part: the buckets of a series in the account's time zone, and the
 * comparison window of a page. Both are instants only; summing credits into them is the server's.
 */

import { billingPeriodContaining, isBillingPeriod, localYearMonth, startOfLocalMonth } from './billing-periods.js';
import { firstInstantAtOrAfterLocal, localDateTimeAt, localMsOf } from './time-zone.js';
import type { TimeWindow } from './window.js';

/** The bucket sizes of a series; the names are the contract's `Granularity` values. */
export const GRANULARITIES = ['HOUR', 'DAY', 'WEEK', 'MONTH'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/** HOUR buckets are listed for windows of at most this many days (744 buckets). */
export const MAX_HOUR_SERIES_DAYS = 31;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export function isGranularity(value: unknown): value is Granularity {
  return typeof value === 'string' && (GRANULARITIES as readonly string[]).includes(value);
}

const mod = (value: number, size: number) => ((value % size) + size) % size;

function offsetAt(epochMs: number, timeZone: string): number {
  return localMsOf(localDateTimeAt(epochMs, timeZone)) + mod(epochMs, 1000) - epochMs;
}

/**
 * The first instant after `instant` at which the zone's clock reads a whole hour. Between two
 * offset changes that is plain arithmetic; an offset change inside the step is found by bisection
 * (changes are whole seconds and months apart), and the change itself is a boundary when the
 * clock lands on a whole hour there — so a 25-hour day has 25 buckets, the repeated hour too.
 */
function nextLocalHour(instant: number, timeZone: string): number {
  const offset = offsetAt(instant, timeZone);
  const candidate = instant + (HOUR_MS - mod(instant + offset, HOUR_MS));
  if (offsetAt(candidate - 1, timeZone) === offset) {
    const after = offsetAt(candidate, timeZone);
    if (after === offset || mod(candidate + after, HOUR_MS) === 0) return candidate;
    return nextLocalHour(candidate, timeZone);
  }
  let low = instant;
  let high = candidate - 1;
  while (high - low > 1) {
    const middle = low + Math.floor((high - low) / 2);
    if (offsetAt(middle, timeZone) === offset) low = middle;
    else high = middle;
  }
  return mod(high + offsetAt(high, timeZone), HOUR_MS) === 0 ? high : nextLocalHour(high, timeZone);
}

/** The first local midnight after `instant` (where a DST change skips midnight, the instant the clock jumps past it). */
function nextLocalDay(instant: number, timeZone: string, days = 1): number {
  const { year, month, day } = localDateTimeAt(instant, timeZone);
  return firstInstantAtOrAfterLocal(localMsOf({ year, month, day: day + days, hour: 0, minute: 0, second: 0 }), timeZone);
}

function nextLocalMonday(instant: number, timeZone: string): number {
  const local = localDateTimeAt(instant, timeZone);
  // 1970-01-05 was a Monday; days since then, modulo 7, is 0 on Mondays.
  const weekday = mod(Math.floor(localMsOf({ ...local, hour: 0, minute: 0, second: 0 }) / DAY_MS) - 4, 7);
  return nextLocalDay(instant, timeZone, 7 - weekday);
}

function nextLocalMonth(instant: number, timeZone: string): number {
  const { year, month } = localYearMonth(new Date(instant), timeZone);
  return startOfLocalMonth(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, timeZone).getTime();
}

const NEXT: Record<Granularity, (instant: number, timeZone: string) => number> = {
  HOUR: nextLocalHour,
  DAY: (instant, timeZone) => nextLocalDay(instant, timeZone),
  WEEK: nextLocalMonday,
  MONTH: nextLocalMonth,
};

/**
 * The bucket edges of a series over [from, to): `from`, every local boundary of the granularity
 * strictly inside the window, and `to` — so the first and last buckets are cut at the window's
 * edges and the buckets tile the window without gap or overlap. Epoch milliseconds, ascending;
 * n + 1 edges make n buckets.
 */
export function seriesEdges(window: TimeWindow, granularity: Granularity, timeZone: string): number[] {
  const from = window.from.getTime();
  const to = window.to.getTime();
  const edges = [from];
  for (let edge = NEXT[granularity](from, timeZone); edge < to; edge = NEXT[granularity](edge, timeZone)) edges.push(edge);
  edges.push(to);
  return edges;
}

/**
 * The window a page is compared with: the billing period before it when the window is a billing
 * period, else the same length just before it. While the window is running at `asOf` only its
 * elapsed part is compared — the comparison window is cut to that duration from its own start,
 * never past its end — and when `asOf` is at or before the window's start it is empty.
 */
export function comparisonWindow(window: TimeWindow, asOf: number, timeZone: string): TimeWindow {
  const from = window.from.getTime();
  const to = window.to.getTime();
  const previous = isBillingPeriod(window, timeZone)
    ? billingPeriodContaining(new Date(from - 1), timeZone)
    : { from: new Date(from - (to - from)), to: new Date(from) };
  const start = previous.from.getTime();
  if (asOf >= to) return { from: new Date(start), to: new Date(previous.to.getTime()) };
  const elapsed = Math.max(0, asOf - from);
  return { from: new Date(start), to: new Date(Math.min(start + elapsed, previous.to.getTime())) };
}
