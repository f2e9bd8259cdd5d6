import { describeEachDatabase } from '../testing/test-databases';
import { BUDGET_THRESHOLD_CROSSED, storeWebhookEvents } from '../webhooks';
import { startTestServer, TEST_ADMIN_KEY, type TestServer } from '../testing/test-server';
import { JUNE_2026, PAGE_QUERY, record, upsertCatalog } from '../testing/operations';

/** The value of one sample of the Prometheus text format, 0 when the series is absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels);
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = new Map([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((label) => [label[1]!, label[2]!]));
    if (wanted.every(([key, value]) => have.get(key) === value)) return Number(match[3]);
  }
  return 0;
}

async function scrape(server: TestServer, headers: Record<string, string> = {}): Promise<string> {
  const response = await fetch(`${server.url}/metrics`, { headers });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return response.text();
}

const CREATE_KEY = `mutation($accountId: ID!) { createApiKey(accountId: $accountId, scopes: [USAGE_READ]) { secret } }`;

describeEachDatabase('GET /metrics', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind, { limits: { rateLimit: { burst: 1, perSecond: 0.001 } } });
    await upsertCatalog(server, { accountId: 'acct_metrics', workspaces: [{ id: 'ws_metrics', campaigns: [{ id: 'c_metrics' }] }] });
  });
  afterAll(() => server.stop());

  it('counts recorded and duplicate entries of committed batches, and nothing of a refused one', async () => {
    const before = await scrape(server);
    const batch = [1, 2, 3].map((i) => ({ key: `m${i}`, accountId: 'acct_metrics', workspaceId: 'ws_metrics', campaignId: 'c_metrics', credits: i }));
    expect((await record(server, batch)).data!.recordUsage).toEqual({ accepted: 3, duplicates: 0 });
    expect((await record(server, [...batch.slice(0, 2), { ...batch[2]!, key: 'm4' }])).data!.recordUsage).toEqual({ accepted: 1, duplicates: 2 });
    expect((await record(server, [{ ...batch[0]!, credits: 99 }])).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const after = await scrape(server);
    const moved = (outcome: string) => sample(after, 'creditlens_usage_entries_total', { outcome }) - sample(before, 'creditlens_usage_entries_total', { outcome });
    expect({ recorded: moved('recorded'), duplicate: moved('duplicate') }).toEqual({ recorded: 4, duplicate: 2 });
  });

  it('times requests by operation and outcome, and counts rate-limit refusals', async () => {
    const key = (await server.graphql(CREATE_KEY, { accountId: 'acct_metrics' })).data!.createApiKey.secret as string;
    const before = await scrape(server);
    expect((await server.graphql(PAGE_QUERY, { accountId: 'acct_metrics', window: JUNE_2026 }, key)).status).toBe(200);
    expect((await server.graphql(PAGE_QUERY, { accountId: 'acct_metrics', window: JUNE_2026 }, key)).status).toBe(429);
    expect((await server.graphql(PAGE_QUERY, { accountId: 'acct_metrics', window: { from: JUNE_2026.to, to: JUNE_2026.from } })).status).toBe(200);
    const after = await scrape(server);
    const moved = (name: string, labels: Record<string, string>) => sample(after, name, labels) - sample(before, name, labels);
    expect(moved('creditlens_http_request_duration_seconds_count', { operation: 'account', outcome: 'ok' })).toBe(1);
    expect(moved('creditlens_http_request_duration_seconds_count', { operation: 'account', outcome: 'bad_user_input' })).toBe(1);
    expect(moved('creditlens_http_request_duration_seconds_count', { operation: 'graphql', outcome: 'rate_limited' })).toBe(1);
    expect(moved('creditlens_http_request_duration_seconds_bucket', { operation: 'account', outcome: 'ok', le: '10' })).toBe(1);
    expect(moved('creditlens_refused_requests_total', { reason: 'rate_limited' })).toBe(1);
    expect(sample(after, 'creditlens_refused_requests_total', { reason: 'server_busy' })).toBe(0);
    expect(after).toContain('# TYPE creditlens_refused_requests_total counter');
  });

  it('times the rollup statements: writes by recordUsage, reads by the page', async () => {
    const before = await scrape(server);
    await record(server, [{ key: 'r1', accountId: 'acct_metrics', workspaceId: 'ws_metrics', credits: 5 }]);
    await server.graphql(PAGE_QUERY, { accountId: 'acct_metrics', window: JUNE_2026 });
    const after = await scrape(server);
    const moved = (statement: string) =>
      sample(after, 'creditlens_rollup_statement_duration_seconds_count', { statement, failed: 'false' }) -
      sample(before, 'creditlens_rollup_statement_duration_seconds_count', { statement, failed: 'false' });
    expect(moved('write')).toBeGreaterThanOrEqual(1);
    expect(moved('read')).toBeGreaterThanOrEqual(1);
  });

  it('shows how busy each database pool is', async () => {
    const text = await scrape(server);
    if (kind === 'postgres') {
      for (const pool of ['typeorm', 'tenant_reads']) {
        expect(sample(text, 'creditlens_db_pool_connections', { pool, state: 'max' })).toBe(10);
        expect(sample(text, 'creditlens_db_pool_connections', { pool, state: 'open' })).toBeGreaterThanOrEqual(1);
        expect(text).toMatch(new RegExp(`creditlens_db_pool_connections\\{pool="${pool}",state="waiting"\\} 0`));
      }
    } else {
      // SQLite has no pools: one reading connection and the writer.
      expect(text).not.toMatch(/^creditlens_db_pool_connections\{/m);
    }
  });

  it('counts the webhook deliveries waiting in creditlens_webhook_backlog: one per subscribed endpoint of a stored event', async () => {
    expect(await scrape(server)).toMatch(/^creditlens_webhook_backlog 0$/m);
    // A public address literal: the URL check needs no DNS. No dispatcher runs in this server, so the delivery waits.
    const created = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ADMIN_KEY}` },
      body: JSON.stringify({ query: 'mutation { createWebhookEndpoint(input: { url: "https://93.184.216.34/hooks", events: [BUDGET_THRESHOLD_CROSSED] }) { id } }' }),
    });
    expect(((await created.json()) as { data?: { createWebhookEndpoint?: { id: string } } }).data?.createWebhookEndpoint?.id).toEqual(expect.any(String));
    await server.scratch.db.writeTransaction((tx) =>
      storeWebhookEvents(tx, server.scratch.db.dialect, [{ accountId: 'acct_metrics_backlog', type: BUDGET_THRESHOLD_CROSSED, dedupeKey: 'metrics-backlog', data: {}, createdAt: new Date() }]),
    );
    expect(sample(await scrape(server), 'creditlens_webhook_backlog')).toBe(1);
  });

  it('keeps the counts of each server apart in one process (a registry per server, not the global one)', async () => {
    const other = await startTestServer(kind);
    try {
      expect(sample(await scrape(other), 'creditlens_usage_entries_total', { outcome: 'recorded' })).toBe(0);
      expect(sample(await scrape(server), 'creditlens_usage_entries_total', { outcome: 'recorded' })).toBeGreaterThan(0);
    } finally {
      await other.stop();
    }
  });
});

describe('GET /metrics access', () => {
  it('is 404 unless METRICS=1 or METRICS_TOKEN', async () => {
    const server = await startTestServer('sqlite', { metrics: { kind: 'off' } });
    try {
      expect((await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TEST_ADMIN_KEY}` } })).status).toBe(404);
    } finally {
      await server.stop();
    }
  });

  it('asks for the token with METRICS_TOKEN: 401 without it or with another credential, 200 with it', async () => {
    const token = 'metrics-token-0123456789';
    const server = await startTestServer('sqlite', { metrics: { kind: 'token', token } });
    try {
      const without = await fetch(`${server.url}/metrics`);
      expect(without.status).toBe(401);
      expect(without.headers.get('www-authenticate')).toBe('Bearer');
      expect(((await without.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect((await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TEST_ADMIN_KEY}` } })).status).toBe(401);
      expect(await scrape(server, { authorization: `Bearer ${token}` })).toContain('creditlens_http_request_duration_seconds');
    } finally {
      await server.stop();
    }
  });
});
