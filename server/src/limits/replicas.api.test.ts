import Redis from 'ioredis';
import { Client } from 'pg';
import { createScratchDatabase } from '../testing/postgres';
import { redisAvailable, TEST_REDIS_URL } from '../testing/redis';
import { databaseKinds } from '../testing/test-databases';
import { startTestServer } from '../testing/test-server';
import { ServerProcess, SOAK_ADMIN_KEY } from '../soak/server-process';

jest.setTimeout(180_000);

const describePostgres = databaseKinds().includes('postgres') ? describe : describe.skip;
const describeRedis = databaseKinds().includes('postgres') && redisAvailable() ? describe : describe.skip;

/** The default limit of every server process: a burst of 60, then 5 a second. */
const BURST = 60;
const PER_SECOND = 5;

async function adminGraphql(server: ServerProcess, query: string, variables: Record<string, unknown>) {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${SOAK_ADMIN_KEY}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data: any; errors?: unknown[] };
}

/**
 * Sends `count` requests of one API key, alternating between the replicas, eight at a time, and
 * answers how many each replica let through and how long it all took.
 */
async function spend(replicas: readonly ServerProcess[], secret: string, count: number): Promise<{ allowed: number[]; statuses: Set<number>; seconds: number }> {
  const allowed = replicas.map(() => 0);
  const statuses = new Set<number>();
  let next = 0;
  const started = Date.now();
  const worker = async () => {
    while (next < count) {
      const index = next++ % replicas.length;
      const response = await fetch(`${replicas[index]!.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      await response.arrayBuffer();
      statuses.add(response.status);
      if (response.status === 200) allowed[index]! += 1;
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return { allowed, statuses, seconds: (Date.now() - started) / 1000 };
}

/** Two real server processes on one fresh PostgreSQL database, with an API key made through the first. */
function twoReplicas(env: Record<string, string>) {
  const state: { replicas: ServerProcess[]; secret: string; url: string; drop: () => Promise<void> } = { replicas: [], secret: '', url: '', drop: async () => undefined };
  beforeAll(async () => {
    const scratch = await createScratchDatabase();
    state.url = scratch.url;
    state.drop = scratch.drop;
    // One after the other: the first one migrates the new database.
    state.replicas.push(await ServerProcess.start('replica-a', scratch.url, env));
    state.replicas.push(await ServerProcess.start('replica-b', scratch.url, env));
    await adminGraphql(state.replicas[0]!, 'mutation($input: AccountInput!) { upsertAccount(input: $input) { id } }', { input: { id: 'acct_replicas', name: 'Replicas', timezone: 'UTC' } });
    const created = await adminGraphql(state.replicas[0]!, 'mutation { createApiKey(accountId: "acct_replicas", scopes: [USAGE_READ]) { id secret } }', {});
    state.secret = created.data.createApiKey.secret;
    // A first decision of each cold process through another key, so that none of the measured
    // ones waits on a process still compiling its first statement (the insurance would decide it).
    const warm = (await adminGraphql(state.replicas[0]!, 'mutation { createApiKey(accountId: "acct_replicas", scopes: [USAGE_READ]) { secret } }', {})).data.createApiKey.secret;
    await spend(state.replicas, warm, 4);
  });
  afterAll(async () => {
    await Promise.all(state.replicas.map((replica) => replica.stop()));
    await state.drop();
  });
  return state;
}

/** The bucket of an API key: `key:` and its key id (the secret is `clk_key_<keyId>_<secret>`). */
function bucketOf(secret: string): string {
  return `key:${secret.slice('clk_key_'.length, 'clk_key_'.length + 12)}`;
}

function expectOneLimit({ allowed, statuses, seconds }: { allowed: number[]; statuses: Set<number>; seconds: number }): void {
  const total = allowed.reduce((sum, n) => sum + n, 0);
  // Counted per process, each replica would let its own burst through: 2 × 60 of the 160.
  expect(total).toBeGreaterThanOrEqual(BURST);
  expect(total).toBeLessThanOrEqual(BURST + Math.ceil(seconds * PER_SECOND) + 1);
  // Both replicas took part in spending it.
  expect(Math.min(...allowed)).toBeGreaterThan(0);
  expect([...statuses].sort()).toEqual([200, 429]);
}

describePostgres('the rate limit behind two replicas on one PostgreSQL', () => {
  const state = twoReplicas({});

  it('gives a key its burst and rate once, not once per replica', async () => {
    expectOneLimit(await spend(state.replicas, state.secret, 2 * BURST + 40));
    const client = new Client({ connectionString: state.url });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT bucket_key FROM rate_limit_buckets');
      expect(rows.map((row) => row.bucket_key)).toContain(bucketOf(state.secret));
    } finally {
      await client.end();
    }
  });
});

describeRedis('the rate limit behind two replicas with REDIS_URL', () => {
  const state = twoReplicas({ REDIS_URL: TEST_REDIS_URL });

  it('gives a key its burst and rate once, counted in Redis', async () => {
    expectOneLimit(await spend(state.replicas, state.secret, 2 * BURST + 40));
    const client = new Client({ connectionString: state.url });
    await client.connect();
    const redis = new Redis(TEST_REDIS_URL);
    try {
      expect((await client.query('SELECT count(*)::int AS n FROM rate_limit_buckets')).rows[0].n).toBe(0);
      expect(await redis.exists(`creditlens:rate-limit:${bucketOf(state.secret)}`)).toBe(1);
    } finally {
      await client.end();
      redis.disconnect();
    }
  });
});

describePostgres('the rate limit with its Redis away', () => {
  it('neither lets every request through nor makes them wait: the process counts alone, and says so', async () => {
    // Nothing listens on port 1: every Redis command fails at once.
    const server = await startTestServer('postgres', { redisUrl: 'redis://127.0.0.1:1', limits: { rateLimit: { burst: 10, perSecond: 0.001 } } });
    try {
      const key = (await server.graphql('mutation { upsertAccount(input: { id: "acct_away", name: "Away", timezone: "UTC" }) { id } }'),
      await server.graphql('mutation { createApiKey(accountId: "acct_away", scopes: [USAGE_READ]) { secret } }')).data!.createApiKey.secret as string;
      const started = Date.now();
      const statuses: number[] = [];
      for (let i = 0; i < 15; i += 1) statuses.push((await server.graphql('{ __typename }', {}, key)).status);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(statuses).toEqual([...Array(10).fill(200), ...Array(5).fill(429)]);
      const metrics = await (await fetch(`${server.url}/metrics`)).text();
      expect(metrics).toMatch(/^creditlens_rate_limit_store_fallbacks_total [1-9]/m);
    } finally {
      await server.stop();
    }
  });
});
