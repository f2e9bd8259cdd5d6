import { describeEachDatabase } from '../testing/test-databases';
import { startTestServer, TEST_ADMIN_KEY, type TestServer } from '../testing/test-server';
import { DEMO_ACCOUNT, seedDemoData } from '../demo';
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

  it('gives the demo budgets, with one campaign past 80 % of its budget this month', async () => {
    const page = await server.graphql(
      `query($id: ID!) { account(id: $id) { usage { budget { used } workspaces { workspace { id } budget { used } campaigns { campaign { id } budget { used crossed } } } } } }`,
      { id: DEMO_ACCOUNT.id },
    );
    expectNoErrors(page);
    const campaigns = page.data!.account.usage.workspaces.flatMap((row: any) => row.campaigns.filter((campaign: any) => campaign.budget));
    expect(campaigns.map((campaign: any) => campaign.campaign.id)).toEqual(['cmp_acme_1']);
    expect(campaigns[0].budget.used).toBeGreaterThan(0.8);
    expect(campaigns[0].budget.used).toBeLessThan(1);
    expect(campaigns[0].budget.crossed).toEqual([50, 80]);
    expect(page.data!.account.usage.budget.used).toBeGreaterThan(0);
  });
});

describe('security headers', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite', { production: true, explorer: true, demo: false, corsOrigins: ['https://app.host.example'] });
  });
  afterAll(() => server.stop());

  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ADMIN_KEY}`, ...headers }, body });
  const csv = (query: string, token: string | null = TEST_ADMIN_KEY) => fetch(`${server.url}/export/usage.csv?${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it.each([
    ['a GraphQL answer', 200, () => post(JSON.stringify({ query: '{ __typename }' }))],
    ['a GraphQL error', 400, () => post(JSON.stringify({ query: '{ nope }' }))],
    ['a missing credential', 401, () => fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })],
    ['bad JSON', 400, () => post('{')],
    ['a refused origin', 403, () => post('{}', { origin: 'https://evil.example' })],
    ['a preflight', 204, () => fetch(`${server.url}/graphql`, { method: 'OPTIONS', headers: { origin: 'https://app.host.example', 'access-control-request-method': 'POST' } })],
    ['a CSV export', 404, () => csv(new URLSearchParams({ accountId: 'acct_none', from: '2026-06-01T00:00:00Z', to: '2026-07-01T00:00:00Z' }).toString())],
    ['a CSV refusal', 400, () => csv('accountId=x')],
    ['a CSV without credential', 401, () => csv('accountId=x', null)],
    ['the health check', 200, () => fetch(`${server.url}/healthz`)],
    ['an unknown path', 404, () => fetch(`${server.url}/nothing-here`)],
  ])('sends nosniff, no referrer, no-store and no ETag on %s', async (_name, status, call) => {
    const response = await call();
    expect(response.status).toBe(status);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('etag')).toBeNull();
    expect(response.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('leaves the explorer page its own Content-Security-Policy, and its assets cacheable', async () => {
    const page = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const script = await fetch(`${server.url}/explorer/explorer.js`);
    expect(script.headers.get('cache-control')).toBe('public, max-age=3600');
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
