import { describeEachDatabase } from '../testing/test-databases';
import { startTestServer, TEST_ADMIN_KEY, type TestServer } from '../testing/test-server';
import { DEMO_ACCOUNT } from '../demo/demo-data';
import { seedDemoData } from '../demo/seed';
import { PAGE_QUERY, PAGE_WITH_CAMPAIGNS_QUERY, expectNoErrors } from '../testing/operations';

describeEachDatabase('the HTTP surface', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(() => server.stop());

  it('answers /healthz with 200 while the database answers', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('refuses a simple GET query without a preflight header (CSRF prevention)', async () => {
    const response = await fetch(`${server.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { authorization: `Bearer ${TEST_ADMIN_KEY}` },
    });
    expect(response.status).toBe(400);
  });

  it('seeds the demo account once: last month ~28,000 credits in one workspace over eight campaigns and No campaign', async () => {
    const now = new Date();
    expect(await seedDemoData(server.creditlens.services, now)).toBe(true);
    expect(await seedDemoData(server.creditlens.services, now)).toBe(false);
    const periods = await server.graphql(`query($id: ID!) { account(id: $id) { billingPeriods(last: 2) { from to } } }`, { id: DEMO_ACCOUNT.id });
    const [current, previous] = periods.data!.account.billingPeriods;
    const last = await server.graphql(PAGE_WITH_CAMPAIGNS_QUERY, { accountId: DEMO_ACCOUNT.id, window: previous });
    expectNoErrors(last);
    const biggest = last.data!.account.usage.workspaces[0];
    expect(biggest.credits).toBeGreaterThan(27_000);
    expect(biggest.credits).toBeLessThan(29_000);
    expect(biggest.campaigns.filter((row: any) => row.campaign !== null)).toHaveLength(8);
    expect(biggest.campaigns.some((row: any) => row.campaign === null)).toBe(true);
    const thisMonth = await server.graphql(PAGE_WITH_CAMPAIGNS_QUERY, { accountId: DEMO_ACCOUNT.id, window: current });
    const rows = thisMonth.data!.account.usage.workspaces;
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows[0].campaigns.some((row: any) => row.campaign === null && row.credits > 0)).toBe(true);
  });
});

describe('production error masking', () => {
  it('answers an unexpected failure without stack trace or internals', async () => {
    const server = await startTestServer('sqlite', { production: true });
    try {
      await server.scratch.db.reader.query('DROP TABLE api_keys');
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer clk_key_AAAAAAAAAAAA_' + 'a'.repeat(43) },
        body: JSON.stringify({ query: PAGE_QUERY, variables: { accountId: 'x' } }),
      });
      const text = await response.text();
      expect(text).not.toMatch(/stacktrace|api_keys|SELECT|at .*\.ts/i);
      expect(text).toContain('INTERNAL_SERVER_ERROR');
    } finally {
      await server.stop();
    }
  });
});
