import { DEFAULT_RETRY_SCHEDULE, nextAttemptAt, retryDelayMs } from './retry-schedule';

describe('the retry schedule', () => {
  const low = { ...DEFAULT_RETRY_SCHEDULE, random: () => 0 };
  const high = { ...DEFAULT_RETRY_SCHEDULE, random: () => 1 - Number.EPSILON };

  it('retries first within 30 s, then doubles each delay up to the cap, with jitter in the upper half', () => {
    expect(retryDelayMs(low, 1)).toBe(5_000);
    expect(retryDelayMs(high, 1)).toBe(10_000);
    expect([2, 3, 4].map((failures) => retryDelayMs(high, failures))).toEqual([20_000, 40_000, 80_000]);
    expect(retryDelayMs(high, 30)).toBe(60 * 60_000);
    expect(retryDelayMs(low, 30)).toBe(30 * 60_000);
  });

  it('keeps retrying for at least 24 hours from the start of its retries, then gives up', () => {
    const start = Date.parse('2026-10-01T00:00:00Z');
    let now = start;
    let failures = 0;
    let next: number | null = start;
    while (next !== null) {
      now = next;
      failures += 1;
      next = nextAttemptAt(high, start, failures, now);
    }
    expect(now - start).toBeGreaterThanOrEqual(24 * 60 * 60_000);
    expect(now - start).toBeLessThan(25 * 60 * 60_000);
    expect(failures).toBeGreaterThan(20);
  });
});
