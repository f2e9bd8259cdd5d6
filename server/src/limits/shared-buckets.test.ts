import { TokenBuckets, type RateDecision } from './rate-limiter';
import { InsuredBuckets, type RateLimiter } from './shared-buckets';

/** A shared store that answers as it is told to, and records what it was asked. */
function scriptedStore(answer: (key: string) => Promise<RateDecision>) {
  const asked: string[] = [];
  const store: RateLimiter = {
    limit: { burst: 2, perSecond: 0.001 },
    take: (key) => {
      asked.push(key);
      return answer(key);
    },
  };
  return { store, asked };
}

describe('InsuredBuckets', () => {
  let now = 0;
  const clock = () => now;
  const fallbacks: unknown[] = [];
  const insured = (store: RateLimiter, timeoutMs = 50) =>
    new InsuredBuckets(store, new TokenBuckets(store.limit, clock), { timeoutMs, pauseMs: 5_000, onFallback: (error) => fallbacks.push(error), clock });
  beforeEach(() => {
    now = 0;
    fallbacks.length = 0;
  });

  it('answers what the shared store decides while it answers', async () => {
    const { store, asked } = scriptedStore(async () => ({ allowed: false, retryAfterSeconds: 7 }));
    expect(await insured(store).take('k')).toEqual({ allowed: false, retryAfterSeconds: 7 });
    expect(asked).toEqual(['k']);
    expect(fallbacks).toEqual([]);
  });

  it('lets the process count alone when the store fails: still limited, neither open nor shut', async () => {
    const { store, asked } = scriptedStore(async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
    });
    const buckets = insured(store);
    const decisions = [await buckets.take('k'), await buckets.take('k'), await buckets.take('k')];
    expect(decisions.map((decision) => decision.allowed)).toEqual([true, true, false]);
    expect(fallbacks).toEqual([expect.objectContaining({ message: expect.stringContaining('ECONNREFUSED') })]);
    // Within the pause the store is not asked again: no request pays for it.
    expect(asked).toEqual(['k']);
    now += 5_000;
    await buckets.take('k');
    expect(asked).toEqual(['k', 'k']);
  });

  it('does not wait longer than its timeout for a store that hangs', async () => {
    const { store } = scriptedStore(() => new Promise<never>(() => undefined));
    const started = Date.now();
    expect(await insured(store, 50).take('k')).toEqual({ allowed: true });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(fallbacks).toEqual([expect.objectContaining({ message: 'the rate-limit store did not answer within 50 ms' })]);
  });
});
