/**
 * When a failed delivery is tried again: the first retry after `firstRetryMs` (at most 30 s),
 * each next one twice as long after the one before, capped at `maxDelayMs`, every delay with
 * "equal jitter" (a random point in its upper half, so replicas that failed together do not
 * retry together). A delivery that fails at or past `horizonMs` after its retries began is
 * marked failed: retries go on for at least that long (24 h by default).
 */
export interface RetrySchedule {
  readonly firstRetryMs: number;
  readonly maxDelayMs: number;
  readonly horizonMs: number;
  /** A number in [0, 1); Math.random unless a test fixes it. */
  readonly random?: () => number;
}

export const MAX_FIRST_RETRY_MS = 30_000;

export const DEFAULT_RETRY_SCHEDULE: RetrySchedule = {
  firstRetryMs: 10_000,
  maxDelayMs: 60 * 60_000,
  horizonMs: 24 * 60 * 60_000,
};

/** The delay before the next attempt, after `failures` failed attempts (1 or more). */
export function retryDelayMs(schedule: RetrySchedule, failures: number): number {
  const exponent = Math.min(Math.max(failures, 1) - 1, 40);
  const base = Math.min(schedule.maxDelayMs, schedule.firstRetryMs * 2 ** exponent);
  const random = schedule.random ?? Math.random;
  return Math.round(base / 2 + (base / 2) * random());
}

/** After a failed attempt at `now`: when to try again, or null when the delivery has failed for good. */
export function nextAttemptAt(schedule: RetrySchedule, retryFrom: number, failures: number, now: number): number | null {
  if (now - retryFrom >= schedule.horizonMs) return null;
  return now + retryDelayMs(schedule, failures);
}
