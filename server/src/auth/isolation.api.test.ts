import type { Express } from 'express';
import { isObjectType } from 'graphql';
import { creditlensSchema } from '../app';
import { withoutRequestIds } from '../testing/request-ids';
import { describeEachDatabase } from '../testing/test-databases';
import { startTestServer, TEST_ADMIN_KEY, type TestServer } from '../testing/test-server';
import { expectNoErrors, JUNE_2026, record, upsertCatalog } from '../testing/operations';

/**
 * Tenant isolation, operation by operation and credential by credential. The operations are
 * enumerated from the schema (Query and Mutation fields) and from the routes the app mounts:
 * a new field or endpoint without a case here fails the first describe block.
 *
 * For every credential that may act at all, each operation is sent with the other tenant's
 * ids (and, for a workspace-scoped token, the hidden workspace of its own account) and with
 * ids that do not exist: the two answers must be the same once the ids are swapped, and no
 * name or number of the other tenant may appear. Invalid credentials get one 401 whatever the
 * ids. With its own ids, each credential gets exactly what its scopes allow.
 */

interface Ids {
  readonly accountId: string;
  readonly workspaceId: string;
  readonly campaignId: string;
  readonly apiKeyId: string;
  readonly budgetId: string;
}

interface HttpRequest {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly body?: { query: string; variables: Record<string, unknown> };
}

type CredentialKind = 'admin' | 'readKey' | 'writeKey' | 'embedWhole' | 'embedScoped' | 'expiredToken' | 'tamperedToken' | 'revokedKey' | 'none';
type Expectation = 'allowed' | 'FORBIDDEN';
/** What each credential that authenticates gets with its own ids. */
type Rights = Record<'admin' | 'readKey' | 'writeKey' | 'embedWhole' | 'embedScoped', Expectation>;

interface OperationCase {
  request(ids: Ids): HttpRequest;
  rights: Rights;
}

const ADMIN_ONLY: Rights = { admin: 'allowed', readKey: 'FORBIDDEN', writeKey: 'FORBIDDEN', embedWhole: 'FORBIDDEN', embedScoped: 'FORBIDDEN' };
const READERS: Rights = { admin: 'allowed', readKey: 'allowed', writeKey: 'FORBIDDEN', embedWhole: 'allowed', embedScoped: 'allowed' };

const gql = (query: string, variables: Record<string, unknown>): HttpRequest => ({ method: 'POST', path: '/graphql', body: { query, variables } });
let keyCounter = 0;
/** A webhook endpoint made in the setup, whose (empty) deliveries the admin may list. */
let endpointId = 'whe_none';

const NAMES: Record<string, string> = { acct_a: 'Alpha Account', ws_a1: 'Alpha Visible', ws_a2: 'Alpha Hidden Canary', camp_a1: 'Alpha Campaign', camp_a2: 'Alpha Hidden Campaign Canary' };
const nameOf = (id: string) => NAMES[id] ?? `Name of ${id}`;

/** One case per Query and Mutation field: the schema decides the list, the test below checks it. */
const GRAPHQL_CASES: Record<string, OperationCase> = {
  'Query.account': {
    rights: READERS,
    request: (ids) =>
      gql(
        `query($id: ID!, $window: UsageWindowInput) { account(id: $id) { id name timezone currentPeriod { from to } billingPeriods(last: 2) { from to }
          usage(window: $window) { totalCredits byKind { kind credits } workspaces { id workspace { id name } credits share percent
            campaigns { campaign { id name archived } label credits share percent byKind { kind credits } } } } } }`,
        { id: ids.accountId, window: JUNE_2026 },
      ),
  },
  'Query.workspaceUsage': {
    rights: READERS,
    request: (ids) =>
      gql(
        `query($id: ID!, $window: UsageWindowInput!) { workspaceUsage(workspaceId: $id, window: $window) { id workspace { id name } credits share percent
          campaigns { campaign { id name } label credits byKind { kind credits } } } }`,
        { id: ids.workspaceId, window: JUNE_2026 },
      ),
  },
  'Mutation.upsertAccount': {
    rights: ADMIN_ONLY,
    request: (ids) => gql(`mutation($input: AccountInput!) { upsertAccount(input: $input) { id name } }`, { input: { id: ids.accountId, name: nameOf(ids.accountId), timezone: 'Europe/Berlin' } }),
  },
  'Mutation.upsertWorkspace': {
    rights: ADMIN_ONLY,
    request: (ids) =>
      gql(`mutation($input: WorkspaceInput!) { upsertWorkspace(input: $input) { id name } }`, { input: { id: ids.workspaceId, accountId: ids.accountId, name: nameOf(ids.workspaceId) } }),
  },
  'Mutation.upsertCampaign': {
    rights: ADMIN_ONLY,
    request: (ids) =>
      gql(`mutation($input: CampaignInput!) { upsertCampaign(input: $input) { id name } }`, { input: { id: ids.campaignId, workspaceId: ids.workspaceId, name: nameOf(ids.campaignId) } }),
  },
  'Mutation.recordUsage': {
    rights: { admin: 'allowed', readKey: 'FORBIDDEN', writeKey: 'allowed', embedWhole: 'FORBIDDEN', embedScoped: 'FORBIDDEN' },
    request: (ids) =>
      gql(`mutation($entries: [UsageEntryInput!]!) { recordUsage(entries: $entries) { accepted duplicates } }`, {
        entries: [
          { idempotencyKey: `iso-${(keyCounter += 1)}`, accountId: ids.accountId, workspaceId: ids.workspaceId, campaignId: ids.campaignId, kind: 'REPLY', credits: 1, occurredAt: '2026-06-15T00:00:00Z' },
        ],
      }),
  },
  'Mutation.createApiKey': {
    rights: ADMIN_ONLY,
    request: (ids) =>
      gql(`mutation($id: ID!, $expiresAt: DateTime) { createApiKey(accountId: $id, scopes: [USAGE_READ], label: "isolation", expiresAt: $expiresAt) { id scopes } }`, {
        id: ids.accountId,
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      }),
  },
  'Query.accounts': {
    rights: ADMIN_ONLY,
    request: () => gql(`{ accounts(first: 500) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name } } } }`, {}),
  },
  'Mutation.createEmbedToken': {
    rights: ADMIN_ONLY,
    request: (ids) => gql(`mutation($id: ID!, $ws: [ID!]) { createEmbedToken(accountId: $id, workspaceIds: $ws) { expiresAt } }`, { id: ids.accountId, ws: [ids.workspaceId] }),
  },
  'Query.usageEntries': {
    rights: READERS,
    request: (ids) =>
      gql(
        `query($id: ID!, $window: UsageWindowInput!, $filter: UsageEntryFilter) { usageEntries(accountId: $id, window: $window, filter: $filter) { totalCount totalCredits
          edges { cursor node { idempotencyKey credits workspace { id name } campaign { id name } } } } }`,
        { id: ids.accountId, window: JUNE_2026, filter: { workspaceId: ids.workspaceId, campaignId: ids.campaignId } },
      ),
  },
  'Mutation.closeBillingPeriod': {
    rights: ADMIN_ONLY,
    request: (ids) =>
      gql(`mutation($id: ID!, $period: UsageWindowInput!) { closeBillingPeriod(accountId: $id, period: $period) { totalCredits final } }`, {
        id: ids.accountId,
        period: { from: '2026-04-30T22:00:00.000Z', to: '2026-05-31T22:00:00.000Z' },
      }),
  },
  'Mutation.revokeApiKey': {
    rights: ADMIN_ONLY,
    request: (ids) => gql(`mutation($id: ID!) { revokeApiKey(id: $id) { id } }`, { id: ids.apiKeyId }),
  },
  'Mutation.setBudget': {
    rights: { admin: 'allowed', readKey: 'FORBIDDEN', writeKey: 'allowed', embedWhole: 'FORBIDDEN', embedScoped: 'FORBIDDEN' },
    request: (ids) =>
      gql(`mutation($input: BudgetInput!) { setBudget(input: $input) { workspace { id name } campaign { id name } creditsPerPeriod thresholds } }`, {
        input: { accountId: ids.accountId, workspaceId: ids.workspaceId, campaignId: ids.campaignId, creditsPerPeriod: 1000 },
      }),
  },
  'Mutation.deleteBudget': {
    rights: { admin: 'allowed', readKey: 'FORBIDDEN', writeKey: 'allowed', embedWhole: 'FORBIDDEN', embedScoped: 'FORBIDDEN' },
    request: (ids) => gql(`mutation($id: ID!) { deleteBudget(id: $id) }`, { id: ids.budgetId }),
  },
  'Mutation.createWebhookEndpoint': {
    rights: ADMIN_ONLY,
    // A public address literal: the URL check needs no DNS.
    request: (ids) => gql(`mutation($id: ID) { createWebhookEndpoint(input: { accountId: $id, url: "https://93.184.216.34/hooks", events: [BUDGET_THRESHOLD_CROSSED] }) { id } }`, { id: ids.accountId }),
  },
  'Mutation.deleteWebhookEndpoint': {
    rights: ADMIN_ONLY,
    request: (ids) => gql(`mutation($id: ID!) { deleteWebhookEndpoint(id: $id) }`, { id: `whe_${ids.accountId}` }),
  },
  'Mutation.redeliverWebhookEvent': {
    rights: ADMIN_ONLY,
    request: (ids) => gql(`mutation($id: ID!) { redeliverWebhookEvent(endpointId: $id, eventId: "evt_x") }`, { id: `whe_${ids.accountId}` }),
  },
  'Query.webhookEndpoints': {
    rights: ADMIN_ONLY,
    request: () => gql(`{ webhookEndpoints(first: 500) { totalCount edges { node { id accountId url } } } }`, {}),
  },
  'Query.webhookDeliveries': {
    rights: ADMIN_ONLY,
    request: () => gql(`query($id: ID!) { webhookDeliveries(endpointId: $id) { totalCount edges { node { id status } } } }`, { id: endpointId }),
  },
};

/** Operations beside the root fields: a field with its own rule, and the HTTP endpoints. */
const EXTRA_CASES: Record<string, OperationCase> = {
  'Account.invoice': {
    rights: { ...READERS, embedScoped: 'FORBIDDEN' },
    request: (ids) => gql(`query($id: ID!, $period: UsageWindowInput!) { account(id: $id) { invoice(period: $period) { totalCredits lines { kind credits } } } }`, { id: ids.accountId, period: JUNE_2026 }),
  },
  'Account.workspaces': {
    rights: READERS,
    request: (ids) => gql(`query($id: ID!) { account(id: $id) { workspaces(first: 500) { totalCount edges { cursor node { id name } } } } }`, { id: ids.accountId }),
  },
  'Workspace.campaigns': {
    rights: READERS,
    request: (ids) =>
      gql(`query($id: ID!) { account(id: $id) { workspaces { edges { node { id campaigns { totalCount edges { cursor node { id name archived } } } } } } } }`, { id: ids.accountId }),
  },
  'Account.budgets': {
    rights: READERS,
    request: (ids) => gql(`query($id: ID!) { account(id: $id) { budgets { id workspace { id name } campaign { id name } creditsPerPeriod thresholds } } }`, { id: ids.accountId }),
  },
  'budget status on usage rows': {
    rights: READERS,
    request: (ids) =>
      gql(
        `query($id: ID!, $window: UsageWindowInput) { account(id: $id) { usage(window: $window) { budget { used crossed }
          workspaces { workspace { id } budget { budget { id creditsPerPeriod } used crossed } campaigns { label budget { budget { id creditsPerPeriod } used crossed } } } } } }`,
        { id: ids.accountId, window: JUNE_2026 },
      ),
  },
  'Account.apiKeys': {
    rights: ADMIN_ONLY,
    request: (ids) => gql(`query($id: ID!) { account(id: $id) { apiKeys { id label scopes createdAt lastUsedAt expiresAt revokedAt } } }`, { id: ids.accountId }),
  },
  'introspection': { rights: { ...READERS, writeKey: 'allowed' }, request: () => gql(`{ __schema { queryType { name } mutationType { name } } }`, {}) },
  'GET /export/entries.csv': {
    rights: READERS,
    request: (ids) => ({ method: 'GET', path: `/export/entries.csv?${new URLSearchParams({ accountId: ids.accountId, ...JUNE_2026, workspaceId: ids.workspaceId })}` }),
  },
  'GET /export/usage.csv': {
    rights: READERS,
    request: (ids) => ({ method: 'GET', path: `/export/usage.csv?${new URLSearchParams({ accountId: ids.accountId, ...JUNE_2026 })}` }),
  },
  'GET /export/usage-series.csv': {
    rights: READERS,
    request: (ids) => ({ method: 'GET', path: `/export/usage-series.csv?${new URLSearchParams({ accountId: ids.accountId, ...JUNE_2026, granularity: 'DAY' })}` }),
  },
};

/** Endpoints anyone may call (no credential): they must leak nothing either. */
const PUBLIC_ENDPOINTS: Record<string, HttpRequest> = {
  'GET /healthz': { method: 'GET', path: '/healthz' },
  // Open in the test servers (METRICS=1): its labels name operations and outcomes, never a tenant.
  'GET /metrics': { method: 'GET', path: '/metrics' },
  'GET /': { method: 'GET', path: '/' },
  'USE /demo-assets': { method: 'GET', path: '/demo-assets/demo.js' },
};

/** Which case answers for each mounted endpoint. */
const ENDPOINT_CASES: Record<string, string> = {
  'USE /graphql': 'Query.account',
  'USE /export/usage.csv': 'GET /export/usage.csv',
  'GET /export/usage.csv': 'GET /export/usage.csv',
  'USE /export/entries.csv': 'GET /export/entries.csv',
  'GET /export/entries.csv': 'GET /export/entries.csv',
  'USE /export/usage-series.csv': 'GET /export/usage-series.csv',
  'GET /export/usage-series.csv': 'GET /export/usage-series.csv',
};

const MINE: Ids = { accountId: 'acct_a', workspaceId: 'ws_a1', campaignId: 'camp_a1', apiKeyId: 'spare', budgetId: 'mine' };
const THEIRS: Ids = { accountId: 'acct_b', workspaceId: 'ws_b1', campaignId: 'camp_b1', apiKeyId: 'theirs', budgetId: 'theirs' };
const MISSING: Ids = { accountId: 'acct_zz', workspaceId: 'ws_zz', campaignId: 'camp_zz', apiKeyId: 'zzzzzzzzzzzz', budgetId: 'bud_zzzzzzzzzzzz' };
/** The other tenant's workspace named inside one's own account, and its missing twin. */
const THEIRS_IN_MINE: Ids = { accountId: 'acct_a', workspaceId: 'ws_b1', campaignId: 'camp_b1', apiKeyId: 'theirs', budgetId: 'theirs' };
const MISSING_IN_MINE: Ids = { accountId: 'acct_a', workspaceId: 'ws_zz', campaignId: 'camp_zz', apiKeyId: 'zzzzzzzzzzzz', budgetId: 'bud_zzzzzzzzzzzz' };
/** What a workspace-scoped token may not see in its own account. */
const HIDDEN: Ids = { accountId: 'acct_a', workspaceId: 'ws_a2', campaignId: 'camp_a2', apiKeyId: 'theirs', budgetId: 'hidden' };

const THEIR_CANARIES = ['Their Account Canary', 'Their Workspace Canary', 'Their Campaign Canary', '313131'];
const HIDDEN_CANARIES = ['Alpha Hidden Canary', 'Alpha Hidden Campaign Canary', '424242'];

const CREDENTIAL_KINDS: readonly CredentialKind[] = ['admin', 'readKey', 'writeKey', 'embedWhole', 'embedScoped', 'expiredToken', 'tamperedToken', 'revokedKey', 'none'];
const INVALID: ReadonlySet<CredentialKind> = new Set(['expiredToken', 'tamperedToken', 'revokedKey', 'none']);

/** Every `METHOD path` (routes) and `USE path` (mounted middleware) of an Express app, routers included. */
function mountedEndpoints(app: Express): string[] {
  const found = new Set<string>();
  const walk = (stack: any[], prefix: string) => {
    for (const layer of stack) {
      const mount = layer.rawPath && layer.rawPath !== '/' ? `${prefix}${layer.rawPath}` : prefix;
      if (layer.route) for (const method of Object.keys(layer.route.methods)) found.add(`${method.toUpperCase()} ${prefix}${layer.route.path}`);
      else if (Array.isArray(layer.handle?.stack)) walk(layer.handle.stack, mount);
      else if (mount !== prefix) found.add(`USE ${mount}`);
    }
  };
  walk((app as any).router.stack, '');
  return [...found].sort();
}

function rootFields(): string[] {
  const schema = creditlensSchema();
  return [schema.getQueryType(), schema.getMutationType()].flatMap((type) =>
    isObjectType(type) ? Object.keys(type.getFields()).map((field) => `${type.name}.${field}`) : [],
  );
}

describe('the isolation suite', () => {
  it('has a case for every Query and Mutation field of the schema', () => {
    expect(rootFields().filter((field) => !(field in GRAPHQL_CASES))).toEqual([]);
  });

  it('has a case for every HTTP endpoint the app mounts', async () => {
    const server = await startTestServer('sqlite');
    try {
      const endpoints = mountedEndpoints(server.creditlens.app);
      expect(endpoints).toEqual(expect.arrayContaining(['USE /graphql', 'GET /export/usage.csv', 'GET /healthz']));
      expect(endpoints.filter((endpoint) => !(endpoint in ENDPOINT_CASES) && !(endpoint in PUBLIC_ENDPOINTS) && !(endpoint in EXTRA_CASES))).toEqual([]);
    } finally {
      await server.stop();
    }
  });
});

interface Answer {
  readonly status: number;
  readonly text: string;
}

describeEachDatabase('tenant isolation', (kind) => {
  let server: TestServer;
  const credentials = {} as Record<CredentialKind, string | null>;
  const covered: string[] = [];

  beforeAll(async () => {
    server = await startTestServer(kind, { limits: { rateLimit: { burst: 1_000_000, perSecond: 1_000_000 } } });
    await upsertCatalog(server, {
      accountId: 'acct_a',
      workspaces: [
        { id: 'ws_a1', name: nameOf('ws_a1'), campaigns: [{ id: 'camp_a1', name: nameOf('camp_a1') }] },
        { id: 'ws_a2', name: nameOf('ws_a2'), campaigns: [{ id: 'camp_a2', name: nameOf('camp_a2') }] },
      ],
    });
    await server.graphql(`mutation { upsertAccount(input: { id: "acct_a", name: "Alpha Account", timezone: "Europe/Berlin" }) { id } }`);
    await server.graphql(`mutation { upsertAccount(input: { id: "acct_b", name: "Their Account Canary", timezone: "Europe/Berlin" }) { id } }`);
    await server.graphql(`mutation { upsertWorkspace(input: { id: "ws_b1", accountId: "acct_b", name: "Their Workspace Canary" }) { id } }`);
    await server.graphql(`mutation { upsertCampaign(input: { id: "camp_b1", workspaceId: "ws_b1", name: "Their Campaign Canary" }) { id } }`);
    expectNoErrors(
      await record(server, [
        { key: 'a1', accountId: 'acct_a', workspaceId: 'ws_a1', campaignId: 'camp_a1', credits: 10 },
        { key: 'a2', accountId: 'acct_a', workspaceId: 'ws_a2', campaignId: 'camp_a2', credits: 424242 },
        { key: 'b1', accountId: 'acct_b', workspaceId: 'ws_b1', campaignId: 'camp_b1', credits: 313131 },
      ]),
    );
    const key = async (accountId: string, scopes: string[]) =>
      (await server.graphql(`mutation($a: ID!, $s: [ApiScope!]!) { createApiKey(accountId: $a, scopes: $s) { id secret } }`, { a: accountId, s: scopes })).data!.createApiKey as { id: string; secret: string };
    const embed = async (workspaceIds: string[] | null) =>
      (await server.graphql(`mutation($ws: [ID!]) { createEmbedToken(accountId: "acct_a", workspaceIds: $ws) { token } }`, { ws: workspaceIds })).data!.createEmbedToken.token as string;

    endpointId = (await server.graphql(`mutation { createWebhookEndpoint(input: { accountId: "acct_a", url: "https://93.184.216.34/setup", events: [BUDGET_THRESHOLD_CROSSED] }) { id } }`)).data!.createWebhookEndpoint.id;
    credentials.admin = TEST_ADMIN_KEY;
    credentials.readKey = (await key('acct_a', ['USAGE_READ'])).secret;
    credentials.writeKey = (await key('acct_a', ['USAGE_WRITE'])).secret;
    credentials.embedWhole = await embed(null);
    credentials.embedScoped = await embed(['ws_a1']);
    credentials.expiredToken = await server.creditlens.services.embedKeys.sign({ accountId: 'acct_a', workspaceIds: null, expiresAt: new Date(Date.now() - 60_000) });
    const [header, payload, signature] = credentials.embedWhole.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    credentials.tamperedToken = `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: 'acct_b' })).toString('base64url')}.${signature}`;
    const revoked = await key('acct_a', ['USAGE_READ', 'USAGE_WRITE']);
    await server.graphql(`mutation($id: ID!) { revokeApiKey(id: $id) { id } }`, { id: revoked.id });
    credentials.revokedKey = revoked.secret;
    credentials.none = null;
    // revokeApiKey's own ids: a spare key of this account to revoke, and one of the other account.
    (MINE as { apiKeyId: string }).apiKeyId = (await key('acct_a', ['USAGE_READ'])).id;
    const theirKey = (await key('acct_b', ['USAGE_READ'])).id;
    for (const ids of [THEIRS, THEIRS_IN_MINE, HIDDEN]) (ids as { apiKeyId: string }).apiKeyId = theirKey;
    // Budgets with canary amounts on every scope; deleteBudget's own id is a spare budget, set again before each credential deletes it.
    const budget = async (input: Record<string, unknown>) =>
      (await server.graphql(`mutation($input: BudgetInput!) { setBudget(input: $input) { id } }`, { input })).data!.setBudget.id as string;
    const theirBudget = await budget({ accountId: 'acct_b', campaignId: 'camp_b1', creditsPerPeriod: 313131 });
    await budget({ accountId: 'acct_b', creditsPerPeriod: 313131 });
    await budget({ accountId: 'acct_a', workspaceId: 'ws_a2', creditsPerPeriod: 424242 });
    const hiddenBudget = await budget({ accountId: 'acct_a', campaignId: 'camp_a2', creditsPerPeriod: 424242 });
    (MINE as { budgetId: string }).budgetId = await budget({ accountId: 'acct_a', workspaceId: 'ws_a1', creditsPerPeriod: 100 });
    for (const ids of [THEIRS, THEIRS_IN_MINE]) (ids as { budgetId: string }).budgetId = theirBudget;
    (HIDDEN as { budgetId: string }).budgetId = hiddenBudget;
  });
  afterAll(async () => {
    console.log(`tenant isolation (${kind}): ${covered.length} operation × credential cases`);
    await server.stop();
  });

  async function send(request: HttpRequest, credential: string | null): Promise<Answer> {
    const response = await fetch(`${server.url}${request.path}`, {
      method: request.method,
      headers: { ...(request.body ? { 'content-type': 'application/json' } : {}), ...(credential ? { authorization: `Bearer ${credential}` } : {}) },
      body: request.body ? JSON.stringify(request.body) : undefined,
    });
    return { status: response.status, text: withoutRequestIds(await response.text()) };
  }

  function swapIds(text: string, from: Ids, to: Ids): string {
    let swapped = text;
    for (const field of ['accountId', 'workspaceId', 'campaignId', 'apiKeyId', 'budgetId'] as const) {
      if (from[field] !== to[field]) swapped = swapped.split(from[field]).join(to[field]);
    }
    return swapped;
  }

  function codeOf(answer: Answer): string | undefined {
    try {
      return JSON.parse(answer.text).errors?.[0]?.extensions?.code;
    } catch {
      return undefined;
    }
  }

  const cases = { ...GRAPHQL_CASES, ...EXTRA_CASES };
  describe.each(Object.keys(cases))('%s', (operation) => {
    const { request, rights } = cases[operation]!;

    it.each(CREDENTIAL_KINDS)('with %s: leaks nothing of the other tenant', async (credentialKind) => {
      covered.push(`${operation} × ${credentialKind}`);
      const credential = credentials[credentialKind];

      if (INVALID.has(credentialKind)) {
        const answers = await Promise.all([MINE, THEIRS, MISSING].map((ids) => send(request(ids), credential)));
        for (const answer of answers) {
          expect(answer.status).toBe(401);
          expect(codeOf(answer)).toBe('UNAUTHENTICATED');
          for (const canary of [...THEIR_CANARIES, ...HIDDEN_CANARIES]) expect(answer.text).not.toContain(canary);
        }
        expect(answers[1]!.text).toBe(answers[2]!.text);
        return;
      }

      const expectation = rights[credentialKind as keyof Rights];
      const own = await send(request(MINE), credential);
      if (expectation === 'allowed') {
        expect([own.status, codeOf(own)]).toEqual([200, undefined]);
        if (request(MINE).body) expect(Object.values(JSON.parse(own.text).data)).not.toContain(null);
      } else {
        expect(codeOf(own)).toBe('FORBIDDEN');
      }
      if (credentialKind === 'admin') return; // the admin key sees every tenant by design

      const pairs: Array<[Ids, Ids, string[]]> = [
        [THEIRS, MISSING, THEIR_CANARIES],
        [THEIRS_IN_MINE, MISSING_IN_MINE, THEIR_CANARIES],
        ...(credentialKind === 'embedScoped' ? [[HIDDEN, MISSING_IN_MINE, HIDDEN_CANARIES] as [Ids, Ids, string[]]] : []),
      ];
      for (const [foreign, missing, canaries] of pairs) {
        const [theirs, nowhere] = [await send(request(foreign), credential), await send(request(missing), credential)];
        expect(theirs.status).toBeLessThan(500);
        expect(swapIds(theirs.text, foreign, missing)).toBe(nowhere.text);
        expect(theirs.status).toBe(nowhere.status);
        for (const canary of canaries) expect(theirs.text).not.toContain(canary);
      }
    });
  });

  describe.each(Object.keys(PUBLIC_ENDPOINTS))('public %s', (endpoint) => {
    it.each(CREDENTIAL_KINDS)('with %s: answers without a 500 and leaks nothing', async (credentialKind) => {
      covered.push(`${endpoint} × ${credentialKind}`);
      const answer = await send(PUBLIC_ENDPOINTS[endpoint]!, credentials[credentialKind]);
      expect(answer.status).not.toBe(500); // an unbuilt demo page answers 503, saying so
      for (const canary of [...THEIR_CANARIES, ...HIDDEN_CANARIES]) expect(answer.text).not.toContain(canary);
    });
  });
});
