/**
 * The cost of one rate-limit decision, by where the buckets are kept: in the process (SQLite, the
 * insurance), in PostgreSQL (an upsert on an UNLOGGED table), in Redis (a Lua script). Each API
 * request of an API key or embed token pays one, before its body is read. Runs on a PostgreSQL
 * database of its own (made and dropped here) and on the Redis of TEST_REDIS_URL, when they answer.
 *
 * `node server/dist/bench/rate-limit-decisions.js`, or the last case of `npm run bench`.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { Client } from 'pg';
import { openDatabase } from '../db';
import { inProcess, PostgresBuckets, RedisBuckets, TokenBuckets, type RateLimiter } from '../limits';
import { measure } from './bench-client';

const POSTGRES_ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A database of this bench's own on the PostgreSQL of the bench, and how to drop it; null when none answers. */
async function scratchPostgres(): Promise<{ url: string; drop: () => Promise<void> } | null> {
  const admin = new Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch {
    return null;
  }
  const name = `creditlens_bench_rate_${randomBytes(4).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const again = new Client({ connectionString: POSTGRES_ADMIN_URL });
      await again.connect();
      await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await again.end();
    },
  };
}

/** A Redis that answers within a second, or null. */
async function redisOrNull(): Promise<Redis | null> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 1000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await redis.connect();
    await redis.ping();
    return redis;
  } catch {
    redis.disconnect();
    return null;
  }
}

const RUNS = 2_000;
/** Decisions rotate over this many credentials, as the load case's 400 API keys do. */
const KEYS = 400;

export async function benchRateLimitDecisions(log: (line: string) => void): Promise<void> {
  const limit = { burst: 60, perSecond: 5 };
  // Each store beside its bare round trip (`SELECT 1` on the same pool, PING), measured in the same run.
  const cases: Array<[string, RateLimiter, (() => Promise<unknown>) | null, () => Promise<void>]> = [['process', inProcess(new TokenBuckets(limit)), null, async () => undefined]];
  const scratch = await scratchPostgres();
  if (scratch) {
    const db = await openDatabase({ kind: 'postgres', url: scratch.url });
    cases.push(['postgres', new PostgresBuckets(limit, db.autocommit), () => db.autocommit.query('SELECT 1'), async () => (await db.close(), await scratch.drop())]);
  }
  const redis = await redisOrNull();
  if (redis) cases.push(['redis', new RedisBuckets(limit, redis), () => redis.ping(), async () => redis.disconnect()]);
  log(`\nrate-limit decisions (${RUNS.toLocaleString('en-US')} in a row over ${KEYS} credentials; ms)`);
  for (const [name, limiter, roundTrip, close] of cases) {
    let i = 0;
    const timing = await measure(RUNS, () => limiter.take(`bench:${i++ % KEYS}`));
    const bare = roundTrip ? await measure(RUNS, roundTrip) : null;
    const beside = bare ? `; a bare round trip p50 ${bare.p50.toFixed(3)}: decision/round trip ${(timing.p50 / bare.p50).toFixed(2)}×` : '';
    log(`${name.padEnd(10)} p50 ${timing.p50.toFixed(3)}  p95 ${timing.p95.toFixed(3)}${beside}`);
    await close();
  }
}

if (require.main === module) {
  benchRateLimitDecisions((line) => console.log(line)).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
