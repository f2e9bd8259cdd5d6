import { TokenBuckets } from './rate-limiter';

describe('TokenBuckets', () => {
  it('allows a burst, then refuses with the seconds until the next request is allowed', () => {
    let now = 0;
    const buckets = new TokenBuckets({ burst: 3, perSecond: 0.5 }, () => now);
    expect([buckets.take('k'), buckets.take('k'), buckets.take('k')]).toEqual([{ allowed: true }, { allowed: true }, { allowed: true }]);
    expect(buckets.take('k')).toEqual({ allowed: false, retryAfterSeconds: 2 });
    now = 1000;
    expect(buckets.take('k')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    now = 2000;
    expect(buckets.take('k')).toEqual({ allowed: true });
  });

  it('counts each key for itself', () => {
    const buckets = new TokenBuckets({ burst: 1, perSecond: 1 }, () => 0);
    expect(buckets.take('a')).toEqual({ allowed: true });
    expect(buckets.take('b')).toEqual({ allowed: true });
    expect(buckets.take('a').allowed).toBe(false);
  });

  it('never refills beyond the burst', () => {
    let now = 0;
    const buckets = new TokenBuckets({ burst: 2, perSecond: 10 }, () => now);
    now = 3_600_000;
    expect([buckets.take('k'), buckets.take('k'), buckets.take('k')].map((d) => d.allowed)).toEqual([true, true, false]);
  });

  it('forgets the least recently used keys beyond its capacity', () => {
    const buckets = new TokenBuckets({ burst: 1, perSecond: 0.001 }, () => 0, 2);
    buckets.take('a');
    buckets.take('b');
    buckets.take('c');
    expect(buckets.take('a')).toEqual({ allowed: true });
    expect(buckets.take('c').allowed).toBe(false);
  });
});
