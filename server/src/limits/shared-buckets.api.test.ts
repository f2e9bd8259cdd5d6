import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import Redis from 'ioredis';
import { databaseKinds, openScratchDatabase, type ScratchDatabase } from '../testing/test-databases';
import { redisAvailable, TEST_REDIS_URL } from '../testing/redis';
import { TokenBuckets, type RateDecision, type RateLimit } from './rate-limiter';
import { PostgresBuckets, RedisBuckets, type RateLimiter } from './shared-buckets';

type Store = 'postgres' | 'redis';
const stores: Store[] = [...(databaseKinds().includes('postgres') ? ['postgres' as const] : []), ...(redisAvailable() ? ['redis' as const] : [])];
const describeEachStore = stores.length > 0 ? describe.each(stores) : describe.skip.each(['postgres' as Store]);

describeEachStore('the shared rate-limit buckets (%s)', (store) => {
  let scratch: ScratchDatabase | null = null;
  let redis: Redis | null = null;
  beforeAll(async () => {
    if (store === 'postgres') scratch = await openScratchDatabase('postgres');
    else redis = new Redis(TEST_REDIS_URL);
  });
  afterAll(async () => {
    await scratch?.dispose();
    redis?.disconnect();
  });

  const bucketsOf = (limit: RateLimit, clock: () => number): RateLimiter =>
    store === 'postgres' ? new PostgresBuckets(limit, scratch!.db.autocommit, clock) : new RedisBuckets(limit, redis!, clock);
  /** Keys of their own for each case: the store outlives the cases. */
  const fresh = () => randomBytes(6).toString('hex');

  it('allows a burst, then refuses with the seconds until the next request, then allows one again', async () => {
    let now = 1_000_000;
    const buckets = bucketsOf({ burst: 3, perSecond: 0.5 }, () => now);
    const key = fresh();
    const decisions: RateDecision[] = [];
    for (let i = 0; i < 4; i += 1) decisions.push(await buckets.take(key));
    expect(decisions).toEqual([{ allowed: true }, { allowed: true }, { allowed: true }, { allowed: false, retryAfterSeconds: 2 }]);
    now += 1000;
    expect(await buckets.take(key)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    now += 1000;
    expect(await buckets.take(key)).toEqual({ allowed: true });
    expect(await buckets.take(fresh())).toEqual({ allowed: true });
  });

  it('decides every sequence of requests exactly as the in-process token bucket does', async () => {
    const step = fc.record({ key: fc.constantFrom('a', 'b'), waitSeconds: fc.constantFrom(0, 0, 0, 1, 2, 5) });
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 5 }), fc.constantFrom(1, 2, 5), fc.array(step, { minLength: 1, maxLength: 25 }), async (burst, perSecond, steps) => {
        let now = 5_000_000;
        const limit = { burst, perSecond };
        const shared = bucketsOf(limit, () => now);
        const local = new TokenBuckets(limit, () => now);
        const run = fresh();
        for (const { key, waitSeconds } of steps) {
          now += waitSeconds * 1000;
          expect(await shared.take(`${run}:${key}`)).toEqual(local.take(key));
        }
      }),
      { numRuns: 25 },
    );
  });

  it('spends each token once when many requests of one credential arrive at the same moment', async () => {
    const buckets = bucketsOf({ burst: 10, perSecond: 0.001 }, () => 9_000_000);
    const key = fresh();
    const decisions = await Promise.all(Array.from({ length: 60 }, () => buckets.take(key)));
    expect(decisions.filter((decision) => decision.allowed)).toHaveLength(10);
  });
});
