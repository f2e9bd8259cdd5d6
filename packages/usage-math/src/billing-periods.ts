/**
 * Billing periods: calendar months in the account's IANA time zone,
 * [local midnight of the 1st, local midnight of the next 1st).
 */

import { firstInstantAtOrAfterLocal, localDateTimeAt, localMsOf } from './time-zone.js';
import type { TimeWindow } from './window.js';

/** The most periods one call may list: ten years of history. */
const MAX_PERIOD_COUNT = 120;
const YEAR_MONTH = /^(\d{4})-(\d{2})$/;

interface YearMonth {
  year: number;
  month: number;
}

/**
 * The instant the month (1–12) begins in the zone: local midnight of day 1, or, where the
 * clocks jump over that midnight, the first instant of the day that exists.
 * @throws RangeError for a month outside 1–12, a non-integer year, or an unknown zone.
 */
export function startOfLocalMonth(year: number, month: number, timeZone: string): Date {
  if (!Number.isSafeInteger(year)) throw new RangeError(`expected an integer year, got ${year}`);
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw new RangeError(`expected a month from 1 to 12, got ${month}`);
  }
  const localMidnight = localMsOf({ year, month, day: 1, hour: 0, minute: 0, second: 0 });
  const start = new Date(firstInstantAtOrAfterLocal(localMidnight, timeZone));
  if (Number.isNaN(start.getTime())) throw new RangeError(`year ${year} is outside the range of dates`);
  return start;
}

/** The calendar year and month (1–12) that the instant falls in, in the zone. */
export function localYearMonth(instant: Date, timeZone: string): { year: number; month: number } {
  const { year, month } = localDateTimeAt(validInstant(instant), timeZone);
  return { year, month };
}

/** The billing period that the instant falls in. */
export function billingPeriodContaining(instant: Date, timeZone: string): TimeWindow {
  return periodOf(localYearMonth(instant, timeZone), timeZone);
}

/**
 * The period containing `now` and the `count - 1` before it, newest first.
 * Consecutive periods share their boundary instant, so together they tile time without gaps.
 * @throws RangeError unless count is an integer from 1 to 120.
 */
export function lastBillingPeriods(now: Date, timeZone: string, count: number): TimeWindow[] {
  if (!Number.isInteger(count) || count < 1 || count > MAX_PERIOD_COUNT) {
    throw new RangeError(`expected a period count from 1 to ${MAX_PERIOD_COUNT}, got ${count}`);
  }
  const current = localYearMonth(now, timeZone);
  const starts = Array.from({ length: count + 1 }, (_, back) => {
    const { year, month } = addMonths(current, 1 - back);
    return startOfLocalMonth(year, month, timeZone);
  });
  // A fresh Date for each end: Dates are mutable, and neighbours must not share one.
  return starts.slice(1).map((from, index) => ({ from, to: new Date((starts[index] as Date).getTime()) }));
}

/** Whether the window is exactly one calendar month of the zone, in any year. */
export function isBillingPeriod(window: TimeWindow, timeZone: string): boolean {
  const from = window.from.getTime();
  const to = window.to.getTime();
  if (Number.isNaN(from) || Number.isNaN(to)) return false;
  const period = billingPeriodContaining(window.from, timeZone);
  return period.from.getTime() === from && period.to.getTime() === to;
}

/**
 * The period of a 'YYYY-MM' month, such as '2026-03'.
 * @throws RangeError for any other shape or a month outside 01–12.
 */
export function billingPeriodOf(yearMonth: string, timeZone: string): TimeWindow {
  const match = YEAR_MONTH.exec(yearMonth);
  const month = match ? Number(match[2]) : 0;
  if (!match || month < 1 || month > 12) {
    throw new RangeError(`expected a month as 'YYYY-MM' (for example '2026-03'), got ${JSON.stringify(yearMonth)}`);
  }
  return periodOf({ year: Number(match[1]), month }, timeZone);
}

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Local midnight of a 'YYYY-MM-DD' date in the zone (the first instant of that day: where a DST
 * change skips midnight, the moment the clock jumps past it).
 * @throws RangeError for any other shape or a date that does not exist (2026-02-30).
 */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const match = LOCAL_DATE.exec(date);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  const calendar = new Date(0);
  calendar.setUTCFullYear(year, month - 1, day);
  if (!match || calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) {
    throw new RangeError(`expected a date as 'YYYY-MM-DD' (for example '2026-10-01'), got ${JSON.stringify(date)}`);
  }
  return new Date(firstInstantAtOrAfterLocal(localMsOf({ year, month, day, hour: 0, minute: 0, second: 0 }), timeZone));
}

function periodOf(yearMonth: YearMonth, timeZone: string): TimeWindow {
  const next = addMonths(yearMonth, 1);
  return {
    from: startOfLocalMonth(yearMonth.year, yearMonth.month, timeZone),
    to: startOfLocalMonth(next.year, next.month, timeZone),
  };
}

function addMonths({ year, month }: YearMonth, months: number): YearMonth {
  const index = year * 12 + (month - 1) + months;
  return { year: Math.floor(index / 12), month: (((index % 12) + 12) % 12) + 1 };
}

function validInstant(instant: Date): number {
  const time = instant.getTime();
  if (Number.isNaN(time)) throw new RangeError('expected a valid instant, got an invalid Date');
  return time;
}
