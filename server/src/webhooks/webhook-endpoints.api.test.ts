import { describeEachDatabase } from '../testing/test-databases';
import { startTestServer, type TestServer } from '../testing/test-server';
import { upsertCatalog } from '../testing/operations';
import type { HostResolver } from './address-policy';

const CREATE = `mutation($input: WebhookEndpointInput!) { createWebhookEndpoint(input: $input) { id secret } }`;
const DELETE = `mutation($id: ID!) { deleteWebhookEndpoint(id: $id) }`;
const LIST = `query($first: Int, $after: String) { webhookEndpoints(first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { id accountId url events createdAt backlog { pending due failed oldestDueAt } } } } }`;
const DELIVERIES = `query($id: ID!) { webhookDeliveries(endpointId: $id) { totalCount edges { node { id } } } }`;

/** DNS as these tests see it: public names, one that points inside, one that does not resolve. */
const resolve: HostResolver = async (hostname) => {
  const table: Record<string, string[]> = {
    'hooks.example.com': ['93.184.216.34'],
    'internal.example.com': ['10.20.30.40'],
    'metadata.example.com': ['169.254.169.254'],
    'v6-loopback.example.com': ['::1'],
  };
  const addresses = table[hostname];
  if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
  return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};

describeEachDatabase('webhook endpoints', (kind) => {
  let server: TestServer;
  let keySecret: string;
  beforeAll(async () => {
    server = await startTestServer(kind, { webhooks: { resolve } });
    await upsertCatalog(server, { accountId: 'acct_hooks', workspaces: [{ id: 'ws_1' }] });
    const key = await server.graphql(`mutation { createApiKey(accountId: "acct_hooks", scopes: [USAGE_READ, USAGE_WRITE]) { secret } }`);
    keySecret = key.data!.createApiKey.secret;
  });
  afterAll(() => server.stop());

  it('creates an endpoint with a "whsec_" + base64 secret of 32 bytes, answered once', async () => {
    const created = await server.graphql(CREATE, { input: { accountId: 'acct_hooks', url: 'https://hooks.example.com/creditlens', events: ['BUDGET_THRESHOLD_CROSSED'] } });
    expect(created.errors).toBeUndefined();
    const { id, secret } = created.data!.createWebhookEndpoint;
    expect(id).toMatch(/^whe_[0-9a-f]{32}$/);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(secret.slice('whsec_'.length), 'base64')).toHaveLength(32);
    const listed = await server.graphql(LIST, {});
    const node = listed.data!.webhookEndpoints.edges.find((edge: any) => edge.node.id === id).node;
    expect(node).toEqual({ id, accountId: 'acct_hooks', url: 'https://hooks.example.com/creditlens', events: ['BUDGET_THRESHOLD_CROSSED'], createdAt: expect.any(String), backlog: { pending: 0, due: 0, failed: 0, oldestDueAt: null } });
    expect(JSON.stringify(listed)).not.toContain(secret);
  });

  it('takes no accountId as every account', async () => {
    const created = await server.graphql(CREATE, { input: { url: 'https://hooks.example.com/all', events: ['BUDGET_THRESHOLD_CROSSED'] } });
    const listed = await server.graphql(LIST, { first: 500 });
    expect(listed.data!.webhookEndpoints.edges.find((edge: any) => edge.node.id === created.data!.createWebhookEndpoint.id).node.accountId).toBeNull();
  });

  it.each([
    ['http://hooks.example.com/x', 'must be an https URL, got http'],
    ['https://127.0.0.1/x', 'address 127.0.0.1, which is not a public address'],
    ['https://localhost/x', 'host localhost does not resolve'],
    ['https://10.0.0.1/x', 'address 10.0.0.1, which is not a public address'],
    ['https://192.168.0.10/x', 'address 192.168.0.10, which is not a public address'],
    ['https://169.254.169.254/latest/meta-data', 'address 169.254.169.254, which is not a public address'],
    ['https://[::1]/x', 'address ::1, which is not a public address'],
    ['https://[fd12::1]/x', 'address fd12::1, which is not a public address'],
    ['https://[::ffff:127.0.0.1]/x', 'which is not a public address'],
    ['https://internal.example.com/x', 'host internal.example.com resolves to 10.20.30.40, which is not a public address'],
    ['https://metadata.example.com/x', 'resolves to 169.254.169.254'],
    ['https://v6-loopback.example.com/x', 'resolves to ::1'],
    ['https://nowhere.example.com/x', 'host nowhere.example.com does not resolve (ENOTFOUND)'],
    ['not a url', 'is not an absolute URL'],
  ])('refuses %s as BAD_USER_INPUT naming input.url', async (url, message) => {
    const answer = await server.graphql(CREATE, { input: { url, events: ['BUDGET_THRESHOLD_CROSSED'] } });
    expect(answer.data).toBeNull();
    expect(answer.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(answer.errors![0]!.message).toContain('input.url');
    expect(answer.errors![0]!.message).toContain(message);
  });

  it('refuses no events and an unknown account, naming the field, and stores nothing', async () => {
    const before = (await server.graphql(LIST, { first: 500 })).data!.webhookEndpoints.totalCount;
    const none = await server.graphql(CREATE, { input: { url: 'https://hooks.example.com/x', events: [] } });
    expect(none.errors![0]!.message).toMatch(/^input\.events: must name at least one event type/);
    const unknown = await server.graphql(CREATE, { input: { accountId: 'acct_nope', url: 'https://hooks.example.com/x', events: ['BUDGET_THRESHOLD_CROSSED'] } });
    expect(unknown.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(unknown.errors![0]!.message).toMatch(/^input\.accountId: no account "acct_nope"/);
    expect((await server.graphql(LIST, { first: 500 })).data!.webhookEndpoints.totalCount).toBe(before);
  });

  it('belongs to the admin key: an account API key is FORBIDDEN everywhere', async () => {
    const input = { accountId: 'acct_hooks', url: 'https://hooks.example.com/x', events: ['BUDGET_THRESHOLD_CROSSED'] };
    for (const [query, variables] of [
      [CREATE, { input }],
      [DELETE, { id: 'whe_x' }],
      [LIST, {}],
      [DELIVERIES, { id: 'whe_x' }],
      [`mutation { redeliverWebhookEvent(endpointId: "whe_x", eventId: "evt_x") }`, {}],
    ] as const) {
      const answer = await server.graphql(query, variables, keySecret);
      expect(answer.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    }
  });

  it('deletes an endpoint once: true, then false, and false for an unknown id; its deliveries are gone with it', async () => {
    const created = await server.graphql(CREATE, { input: { url: 'https://hooks.example.com/gone', events: ['BUDGET_THRESHOLD_CROSSED'] } });
    const id = created.data!.createWebhookEndpoint.id;
    expect((await server.graphql(DELIVERIES, { id })).data!.webhookDeliveries).toEqual({ totalCount: 0, edges: [] });
    expect((await server.graphql(DELETE, { id })).data).toEqual({ deleteWebhookEndpoint: true });
    expect((await server.graphql(DELETE, { id })).data).toEqual({ deleteWebhookEndpoint: false });
    expect((await server.graphql(DELETE, { id: 'whe_unknown' })).data).toEqual({ deleteWebhookEndpoint: false });
    expect((await server.graphql(DELIVERIES, { id })).data).toEqual({ webhookDeliveries: null });
  });

  it('lists endpoints a page at a time, oldest first, every one exactly once', async () => {
    for (let i = 0; i < 3; i++) await server.graphql(CREATE, { input: { url: `https://hooks.example.com/page-${i}`, events: ['BUDGET_THRESHOLD_CROSSED'] } });
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (;;) {
      const page: any = (await server.graphql(LIST, { first: 2, after })).data!.webhookEndpoints;
      total = page.totalCount;
      seen.push(...page.edges.map((edge: any) => edge.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    const bad = await server.graphql(LIST, { first: 2, after: 'nonsense' });
    expect(bad.errors![0]!.message).toMatch(/^after: is not a cursor/);
  });
});
