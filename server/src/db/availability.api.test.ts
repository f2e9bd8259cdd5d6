import { Client } from 'pg';
import { POSTGRES_ADMIN_URL } from '../testing/postgres';
import { databaseKinds } from '../testing/test-databases';
import { startTestServer, TEST_ADMIN_KEY, type TestServer } from '../testing/test-server';
import { PAGE_QUERY, RECORD_USAGE, upsertCatalog } from '../testing/operations';

/**
 * The API while its PostgreSQL database is away: this file's own scratch database is cut off
 * (new connections refused, open ones terminated) — never the cluster, which other test files share.
 */
const describePostgres = databaseKinds().includes('postgres') ? describe : describe.skip;

describePostgres('the API while PostgreSQL is away (postgres)', () => {
  let server: TestServer;
  let admin: Client;
  let name: string;

  const cutOff = async (off: boolean) => {
    await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS ${off ? 'false' : 'true'}`);
    if (off) await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
  };

  beforeAll(async () => {
    server = await startTestServer('postgres', { production: true });
    name = new URL((server.scratch.location as { url: string }).url).pathname.slice(1);
    admin = new Client({ connectionString: POSTGRES_ADMIN_URL });
    await admin.connect();
    await upsertCatalog(server, { accountId: 'acct_away', workspaces: [{ id: 'ws_away' }] });
  });

  afterAll(async () => {
    await cutOff(false).catch(() => undefined);
    await admin.end();
    await server.stop();
  });

  const post = (query: string, variables: Record<string, unknown>) =>
    fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ADMIN_KEY}` }, body: JSON.stringify({ query, variables }) });

  it('answers 503 DATABASE_UNAVAILABLE with Retry-After and a clear message, reports it on /healthz, and recovers by itself', async () => {
    await cutOff(true);
    try {
      const page = await post(PAGE_QUERY, { accountId: 'acct_away' });
      expect(page.status).toBe(503);
      expect(page.headers.get('retry-after')).toBe('2');
      const body = (await page.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
      expect(body.errors[0]!.extensions.code).toBe('DATABASE_UNAVAILABLE');
      expect(body.errors[0]!.message).toContain('the database is not answering right now');

      const entry = { idempotencyKey: 'away-1', accountId: 'acct_away', workspaceId: 'ws_away', kind: 'LEAD_FINDING', credits: 5, occurredAt: '2026-06-02T10:00:00Z' };
      const recorded = await post(RECORD_USAGE, { entries: [entry] });
      expect(recorded.status).toBe(503);
      expect(recorded.headers.get('retry-after')).toBe('2');

      const csv = await fetch(`${server.url}/export/usage.csv?accountId=acct_away&from=2026-06-01T00:00:00Z&to=2026-07-01T00:00:00Z`, { headers: { authorization: `Bearer ${TEST_ADMIN_KEY}` } });
      expect(csv.status).toBe(503);
      expect(csv.headers.get('retry-after')).toBe('2');

      const health = await fetch(`${server.url}/healthz`);
      expect(health.status).toBe(503);
      expect(await health.json()).toEqual({ status: 'unavailable', code: 'DATABASE_UNAVAILABLE', reason: 'the database does not answer' });
    } finally {
      await cutOff(false);
    }

    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const entry = { idempotencyKey: 'away-1', accountId: 'acct_away', workspaceId: 'ws_away', kind: 'LEAD_FINDING', credits: 5, occurredAt: '2026-06-02T10:00:00Z' };
    const again = await post(RECORD_USAGE, { entries: [entry] });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ data: { recordUsage: { accepted: 1, duplicates: 0 } } });
  });
});
