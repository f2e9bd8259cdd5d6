import { parseRetryAfter, retryPolicy } from './retry.js';

describe('retryPolicy', () => {
  it('waits a random share of an exponential step, capped', () => {
    const policy = retryPolicy({ baseDelayMs: 100, maxDelayMs: 1000, random: () => 0.5 });
    expect([1, 2, 3, 4, 5, 6].map((retry) => policy.delayMs(retry, undefined))).toEqual([50, 100, 200, 400, 500, 500]);
  });

  it('waits at least what Retry-After asks, with jitter on top', () => {
    const policy = retryPolicy({ baseDelayMs: 100, random: () => 0.25 });
    expect(policy.delayMs(1, 3000)).toBe(3025);
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds', () => {
    expect(parseRetryAfter('7', 0)).toBe(7000);
  });

  it('reads an HTTP date relative to now', () => {
    const now = Date.parse('2026-06-01T00:00:00Z');
    expect(parseRetryAfter('Mon, 01 Jun 2026 00:00:03 GMT', now)).toBe(3000);
  });

  it('ignores a missing or unreadable header', () => {
    expect(parseRetryAfter(null, 0)).toBeUndefined();
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
  });
});
