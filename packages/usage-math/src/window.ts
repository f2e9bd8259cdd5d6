/**
 * The time window of a usage page: a half-open interval [from, to) of at most 366 days.
 */

export interface TimeWindow {
  from: Date;
  to: Date;
}

/** Long enough for any calendar year (leap years included) or twelve billing periods in any time zone. */
export const MAX_WINDOW_DAYS = 366;

const MS_PER_DAY = 86_400_000;

/** A window that cannot be queried; `field` says which input is at fault. */
export class WindowError extends Error {
  readonly field: 'from' | 'to' | 'window';

  constructor(field: 'from' | 'to' | 'window', message: string) {
    super(message);
    this.name = 'WindowError';
    this.field = field;
  }
}

/**
 * Returns the window unchanged when it is usable.
 * @throws WindowError when an end is not a valid instant, when from is not before to,
 *   or when the window is longer than {@link MAX_WINDOW_DAYS} days.
 */
export function validateWindow(window: TimeWindow): TimeWindow {
  const from = instantOf(window.from, 'from');
  const to = instantOf(window.to, 'to');
  if (from >= to) {
    throw new WindowError(
      'window',
      `window.from (${window.from.toISOString()}) must be before window.to (${window.to.toISOString()})`,
    );
  }
  if (to - from > MAX_WINDOW_DAYS * MS_PER_DAY) {
    throw new WindowError(
      'window',
      `window must span at most ${MAX_WINDOW_DAYS} days, but ${window.from.toISOString()} to ${window.to.toISOString()} spans ${(to - from) / MS_PER_DAY} days`,
    );
  }
  return window;
}

/** Whether the instant lies in the window: from included, to excluded. */
export function containsInstant(window: TimeWindow, instant: Date): boolean {
  const t = instant.getTime();
  return window.from.getTime() <= t && t < window.to.getTime();
}

function instantOf(value: unknown, field: 'from' | 'to'): number {
  // Checked by tag rather than instanceof so that Dates from another realm (a VM context, a test sandbox) pass.
  const time = Object.prototype.toString.call(value) === '[object Date]' ? (value as Date).getTime() : Number.NaN;
  if (Number.isNaN(time)) throw new WindowError(field, `${field} is not a valid instant`);
  return time;
}
