/**
 * The rate limit counted once across every replica: the same token bucket as TokenBuckets (a
 * burst, then a steady rate), kept in PostgreSQL or Redis instead of in the process.
 *
 * Each bucket is one number, its "theoretical arrival time" (GCRA, the generic cell rate
 * algorithm): a request at `now` is allowed when `max(tat, now) + interval − now ≤ burst ×
 * interval`, and then moves `tat` to `max(tat, now) + interval`. That is exactly a token bucket
 * of `burst` tokens refilled at `perSecond` (tokens = burst − (tat − now) / interval), decided
 * and recorded by one atomic statement (PostgreSQL) or script (Redis), so two replicas taking
 * from one bucket at once can never both spend its last token.
 *
 * rate-limiter-flexible was considered: its stores count fixed windows, and its
 * BurstyRateLimiter (a per-second limiter plus a burst limiter) lets a credential that keeps
 * spending its burst window after window sustain nearly twice the rate, and spend two bursts
 * back to back at a window's edge; a bucket of one number has neither gap.
 */
import type { SqlExecutor } from '../db';
import type { RateDecision, RateLimit, TokenBuckets } from './rate-limiter';

/** Decides one request of one credential. */
export interface RateLimiter {
  readonly limit: RateLimit;
  take(key: string): Promise<RateDecision>;
}

/** The process's own buckets as a RateLimiter: SQLite (one process), and the insurance of the shared ones. */
export function inProcess(buckets: TokenBuckets): RateLimiter {
  return { limit: buckets.limit, take: async (key) => buckets.take(key) };
}

function intervalMs(limit: RateLimit): number {
  return 1000 / limit.perSecond;
}

/** `nextTat`: where the refused request would have moved the bucket (max(tat, now) + interval). */
function refused(nextTat: number, now: number, limit: RateLimit): RateDecision {
  // Waiting until the bucket holds one token again, i.e. until nextTat − now ≤ burst × interval.
  const waitMs = nextTat - now - limit.burst * intervalMs(limit);
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
}

/** Full buckets (tat in the past) are forgotten this often: their rows carry nothing. */
const FORGET_EVERY_MS = 10 * 60_000;

/** Buckets in the UNLOGGED table rate_limit_buckets (migration 1766600000000), one upsert per request. */
export class PostgresBuckets implements RateLimiter {
  private forgottenAt: number;

  constructor(
    readonly limit: RateLimit,
    private readonly db: SqlExecutor,
    /** The replicas' clocks, epoch ms (NTP keeps them within milliseconds of each other; tests step it). */
    private readonly clock: () => number = Date.now,
  ) {
    this.forgottenAt = clock();
  }

  async take(key: string): Promise<RateDecision> {
    const now = this.clock();
    const interval = intervalMs(this.limit);
    const tolerance = this.limit.burst * interval;
    // The update's WHERE is the decision: no row comes back from the upsert when the bucket is
    // empty, and `before` (the statement's snapshot) then says how long until it is not.
    const [row] = await this.db.query<{ allowed: number | null; before: number | null }>(
      `WITH attempt AS (
        INSERT INTO rate_limit_buckets AS b (bucket_key, tat_ms) VALUES (?, CAST(? AS double precision))
        ON CONFLICT (bucket_key) DO UPDATE SET tat_ms = GREATEST(b.tat_ms, CAST(? AS double precision)) + ?
        WHERE GREATEST(b.tat_ms, CAST(? AS double precision)) + ? - ? <= ?
        RETURNING b.tat_ms
      )
      SELECT (SELECT tat_ms FROM attempt) AS allowed, (SELECT tat_ms FROM rate_limit_buckets WHERE bucket_key = ?) AS before`,
      [key, now + interval, now, interval, now, interval, now, tolerance, key],
    );
    this.forgetFullBuckets(now);
    if (row?.allowed !== null && row?.allowed !== undefined) return { allowed: true };
    return refused(Math.max(Number(row?.before ?? now), now) + interval, now, this.limit);
  }

  /** Now and then, the rows of full buckets go (an embed token's bucket outlives the token otherwise). */
  private forgetFullBuckets(now: number): void {
    if (now - this.forgottenAt < FORGET_EVERY_MS) return;
    this.forgottenAt = now;
    this.db.query('DELETE FROM rate_limit_buckets WHERE tat_ms < ?', [now]).catch(() => undefined);
  }
}

/** What RedisBuckets needs of a Redis client (ioredis's `evalsha`/`eval`). */
export interface RedisScripting {
  evalsha(sha: string, numberOfKeys: number, ...args: (string | number)[]): Promise<unknown>;
  eval(script: string, numberOfKeys: number, ...args: (string | number)[]): Promise<unknown>;
}

/**
 * The same decision as PostgresBuckets' upsert, as one Lua script (atomic in Redis). The key
 * expires when its bucket would be full again, so Redis forgets idle credentials by itself.
 * Numbers go back as strings: Redis truncates a Lua number reply to an integer.
 */
const TAKE_SCRIPT = `
local now = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local tolerance = tonumber(ARGV[3])
local tat = tonumber(redis.call('GET', KEYS[1])) or now
if tat < now then tat = now end
local next_tat = tat + interval
if next_tat - now <= tolerance then
  redis.call('SET', KEYS[1], string.format('%.3f', next_tat), 'PX', math.ceil(next_tat - now))
  return {1, '0'}
end
return {0, string.format('%.3f', next_tat)}
`;

/** Buckets in Redis under `creditlens:rate-limit:<credential>`, one script call per request. */
export class RedisBuckets implements RateLimiter {
  private sha: string | null = null;

  constructor(
    readonly limit: RateLimit,
    private readonly redis: RedisScripting & { script(subcommand: 'LOAD', script: string): Promise<unknown> },
    private readonly clock: () => number = Date.now,
  ) {}

  async take(key: string): Promise<RateDecision> {
    const now = this.clock();
    const interval = intervalMs(this.limit);
    const args = [`creditlens:rate-limit:${key}`, now, interval, this.limit.burst * interval] as const;
    const [allowed, nextTat] = (await this.run(args)) as [number, string];
    if (allowed === 1) return { allowed: true };
    return refused(Number(nextTat), now, this.limit);
  }

  private async run(args: readonly [string, number, number, number]): Promise<unknown> {
    this.sha ??= String(await this.redis.script('LOAD', TAKE_SCRIPT));
    try {
      return await this.redis.evalsha(this.sha, 1, ...args);
    } catch (error) {
      // A Redis restarted (or flushed) has forgotten its scripts.
      if (!/NOSCRIPT/.test(String((error as Error)?.message))) throw error;
      return this.redis.eval(TAKE_SCRIPT, 1, ...args);
    }
  }
}

export interface InsuranceOptions {
  /** How long a decision may wait for the shared store before the process's own buckets decide, ms. */
  readonly timeoutMs: number;
  /** After a failure, how long the process's own buckets decide alone before the store is tried again, ms. */
  readonly pauseMs: number;
  /** Told of each failure of the shared store (metrics, a log line). */
  readonly onFallback: (error: unknown) => void;
  readonly clock?: () => number;
}

/**
 * The shared store, insured by the process's own token buckets: when PostgreSQL or Redis fails
 * or does not answer within `timeoutMs`, this process's buckets (same limit) decide, and go on
 * deciding alone for `pauseMs` before the store is tried again. So a store that is down neither
 * opens the gate (every credential stays limited, per replica, as before the shared count) nor
 * makes requests wait on it (at most `timeoutMs`, and only the requests of the first moment).
 */
export class InsuredBuckets implements RateLimiter {
  private pausedUntil = 0;

  constructor(
    private readonly shared: RateLimiter,
    private readonly insurance: TokenBuckets,
    private readonly options: InsuranceOptions,
  ) {}

  get limit(): RateLimit {
    return this.shared.limit;
  }

  async take(key: string): Promise<RateDecision> {
    const clock = this.options.clock ?? Date.now;
    if (clock() < this.pausedUntil) return this.insurance.take(key);
    let timer: NodeJS.Timeout | undefined;
    try {
      const late = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`the rate-limit store did not answer within ${this.options.timeoutMs} ms`)), this.options.timeoutMs);
      });
      return await Promise.race([this.shared.take(key), late]);
    } catch (error) {
      this.pausedUntil = clock() + this.options.pauseMs;
      this.options.onFallback(error);
      return this.insurance.take(key);
    } finally {
      clearTimeout(timer);
    }
  }
}
