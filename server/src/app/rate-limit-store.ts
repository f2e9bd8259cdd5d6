/**
 * Where the per-credential rate limit is counted: with REDIS_URL on Redis, else on PostgreSQL —
 * both shared by every replica and insured by the process's own buckets — and on SQLite (one
 * process) in the process. docs/operations.md ("Several replicas") says the same for operators.
 */
import Redis from 'ioredis';
import type { Database } from '../db';
import { inProcess, InsuredBuckets, PostgresBuckets, RedisBuckets, TokenBuckets, type RateLimit, type RateLimiter } from '../limits';
import type { Logger } from '../logging';
import type { Metrics } from '../metrics';

/**
 * A shared decision normally takes a millisecond; past this the process's buckets decide. Long
 * enough that a busy database's slow moment (or a cold process) does not split the count, short
 * against the 10 s request limit.
 */
const STORE_TIMEOUT_MS = 1_000;
/** After a failure the process's buckets decide alone this long, so requests do not wait on a store that is down. */
const STORE_PAUSE_MS = 5_000;

export interface RateLimitStoreOptions {
  readonly db: Database;
  readonly redisUrl: string | null;
  readonly limit: RateLimit;
  readonly clock: () => number;
  readonly metrics: Metrics;
  readonly logger: Logger;
}

export interface RateLimitStore {
  readonly limiter: RateLimiter;
  /** Where the buckets are kept (the log line at start says it). */
  readonly kind: 'redis' | 'postgres' | 'process';
  close(): Promise<void>;
}

export function createRateLimiter({ db, redisUrl, limit, clock, metrics, logger }: RateLimitStoreOptions): RateLimitStore {
  const ownBuckets = new TokenBuckets(limit, clock);
  // SQLite is one server process (its writes queue on one connection in it): nothing to share.
  if (db.dialect === 'sqlite') return { limiter: inProcess(ownBuckets), kind: 'process', close: async () => undefined };

  let redis: Redis | null = null;
  let shared: RateLimiter;
  if (redisUrl) {
    redis = new Redis(redisUrl, {
      // A command while disconnected fails at once (the insurance decides) instead of queueing.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 2_000,
    });
    // ioredis reconnects by itself; each failure is reported through onFallback below.
    redis.on('error', () => undefined);
    shared = new RedisBuckets(limit, redis, clock);
  } else {
    shared = new PostgresBuckets(limit, db.autocommit, clock);
  }
  const limiter = new InsuredBuckets(shared, ownBuckets, {
    timeoutMs: STORE_TIMEOUT_MS,
    pauseMs: STORE_PAUSE_MS,
    onFallback: (error) => {
      metrics.rateLimitStoreFallbacks.inc();
      logger.warn({ err: error, store: redisUrl ? 'redis' : 'postgres', pauseMs: STORE_PAUSE_MS }, 'rate-limit store failed: this process counts alone for now');
    },
  });
  return {
    limiter,
    kind: redisUrl ? 'redis' : 'postgres',
    close: async () => {
      if (redis) redis.disconnect();
    },
  };
}
