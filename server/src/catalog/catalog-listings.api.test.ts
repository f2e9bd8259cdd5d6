import { mintApiKey } from '../auth';
import { describeEachDatabase } from '../testing/test-databases';
import { startTestServer, type GraphQLResponse, type TestServer } from '../testing/test-server';
import { expectNoErrors, JUNE_2026, record, upsertCatalog } from '../testing/operations';

/** Code-point order (what both databases give, see CatalogRepository.orderText), then id. */
function byCodePoints(a: string, b: string): number {
  const [left, right] = [[...a].map((c) => c.codePointAt(0)!), [...b].map((c) => c.codePointAt(0)!)];
  for (let i = 0; i < Math.min(left.length, right.length); i += 1) if (left[i] !== right[i]) return left[i]! - right[i]!;
  return left.length - right.length;
}
const byNameThenId = (a: { name: string; id: string }, b: { name: string; id: string }) => byCodePoints(a.name, b.name) || byCodePoints(a.id, b.id);

/** Names that sort differently by code unit, by case, by locale and by id. U+FFFD sorts before U+1F600 by code point, after it by UTF-16 code unit. */
const WORKSPACES = [
  { id: 'w_09', name: 'Zeta' },
  { id: 'w_03', name: 'alpha' },
  { id: 'w_01', name: 'Alpha' },
  { id: 'w_02', name: 'Alpha' },
  { id: 'w_04', name: 'Émile' },
  { id: 'w_05', name: 'Eve' },
  { id: 'w_06', name: '\uFFFD replacement' },
  { id: 'w_07', name: '😀 smile' },
  { id: 'w_08', name: 'beta (no usage)' },
];
const CAMPAIGNS = [
  { id: 'c_5', name: 'Spring', archived: false },
  { id: 'c_1', name: 'Autumn', archived: true },
  { id: 'c_2', name: 'Autumn', archived: false },
  { id: 'c_3', name: 'winter (no usage)', archived: false },
  { id: 'c_4', name: 'Summer', archived: true },
];
const ACCOUNT = 'acct_list';

const WORKSPACES_QUERY = /* GraphQL */ `
  query($id: ID!, $first: Int, $after: String) {
    account(id: $id) { workspaces(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name } } } }
  }
`;
const CAMPAIGNS_QUERY = /* GraphQL */ `
  query($id: ID!, $first: Int, $after: String) {
    account(id: $id) { workspaces(first: 1) { edges { node { id campaigns(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name archived } } } } } } }
  }
`;
const ACCOUNTS_QUERY = /* GraphQL */ `
  query($first: Int, $after: String) { accounts(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name } } } }
`;
const API_KEYS_QUERY = /* GraphQL */ `
  query($id: ID!) { account(id: $id) { apiKeys { id label scopes createdAt lastUsedAt expiresAt revokedAt } } }
`;

interface ConnectionPage<N> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Array<{ cursor: string; node: N }>;
}

describeEachDatabase('catalog listings', (kind) => {
  let server: TestServer;
  let readKey: string;
  let writeKey: string;

  beforeAll(async () => {
    server = await startTestServer(kind, { limits: { rateLimit: { burst: 1_000_000, perSecond: 1_000_000 } } });
    // The campaigns belong to the first workspace by name (w_01, "Alpha"): CAMPAIGNS_QUERY lists its campaigns.
    await upsertCatalog(server, { accountId: ACCOUNT, workspaces: WORKSPACES.map((w) => ({ ...w, campaigns: w.id === 'w_01' ? CAMPAIGNS : [] })) });
    await upsertCatalog(server, { accountId: 'acct_other', workspaces: [{ id: 'w_other', name: 'Alpha', campaigns: [{ id: 'c_other', name: 'Autumn' }] }] });
    for (const id of ['acct_b', 'acct_a', 'acct_C', 'acct_z']) await upsertCatalog(server, { accountId: id, workspaces: [] });
    expectNoErrors(
      await record(server, [
        { key: 'u1', accountId: ACCOUNT, workspaceId: 'w_01', campaignId: 'c_5', credits: 10 },
        { key: 'u2', accountId: ACCOUNT, workspaceId: 'w_09', credits: 5 },
      ]),
    );
    const key = async (scopes: string[]) =>
      (await server.graphql<{ createApiKey: { secret: string } }>(`mutation($s: [ApiScope!]!) { createApiKey(accountId: "${ACCOUNT}", scopes: $s) { secret } }`, { s: scopes })).data!.createApiKey.secret;
    readKey = await key(['USAGE_READ']);
    writeKey = await key(['USAGE_WRITE']);
  });
  afterAll(() => server.stop());

  /** Every page of a listing, following endCursor; checks what must hold on each page. */
  async function walk<N>(ask: (after: string | null) => Promise<ConnectionPage<N> | undefined>, first: number): Promise<{ nodes: N[]; pages: number; totalCount: number }> {
    const nodes: N[] = [];
    let after: string | null = null;
    let pages = 0;
    let totalCount = -1;
    for (;;) {
      const page: ConnectionPage<N> = (await ask(after))!;
      pages += 1;
      if (totalCount === -1) totalCount = page.totalCount;
      expect(page.totalCount).toBe(totalCount);
      expect(page.edges.length).toBeLessThanOrEqual(first);
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
      nodes.push(...page.edges.map((edge) => edge.node));
      if (!page.pageInfo.hasNextPage) break;
      expect(page.edges).toHaveLength(first);
      after = page.pageInfo.endCursor;
      expect(pages).toBeLessThan(100);
    }
    return { nodes, pages, totalCount };
  }

  const workspacesPage = (first: number, token?: string, accountId = ACCOUNT) => async (after: string | null) => {
    const response = await server.graphql<{ account: { workspaces: ConnectionPage<{ id: string; name: string }> } }>(WORKSPACES_QUERY, { id: accountId, first, after }, token);
    expectNoErrors(response);
    return response.data!.account.workspaces;
  };

  it('walks every workspace exactly once, usage or not, by name in code-point order then id', async () => {
    const { nodes, pages, totalCount } = await walk(workspacesPage(2), 2);
    const expected = [...WORKSPACES].sort(byNameThenId);
    expect(nodes).toEqual(expected);
    expect(totalCount).toBe(WORKSPACES.length);
    expect(pages).toBe(Math.ceil(WORKSPACES.length / 2));
    // The decision the ordering pins: U+FFFD before U+1F600 (code points), unlike UTF-16 code units.
    expect(nodes.findIndex((w) => w.id === 'w_06')).toBeLessThan(nodes.findIndex((w) => w.id === 'w_07'));
  });

  it('answers one page of the default size with every workspace when first is left out', async () => {
    const response = await server.graphql<{ account: { workspaces: ConnectionPage<{ id: string }> } }>(WORKSPACES_QUERY, { id: ACCOUNT });
    expectNoErrors(response);
    expect(response.data!.account.workspaces.edges).toHaveLength(WORKSPACES.length);
    expect(response.data!.account.workspaces.pageInfo.hasNextPage).toBe(false);
  });

  it('walks every campaign of a workspace exactly once, archived and unused ones included, by name then id', async () => {
    const { nodes, totalCount } = await walk(async (after) => {
      const response = await server.graphql<{ account: { workspaces: ConnectionPage<{ id: string; campaigns: ConnectionPage<{ id: string; name: string; archived: boolean }> }> } }>(
        CAMPAIGNS_QUERY,
        { id: ACCOUNT, first: 2, after },
      );
      expectNoErrors(response);
      const [workspace] = response.data!.account.workspaces.edges;
      expect(workspace!.node.id).toBe('w_01');
      return workspace!.node.campaigns;
    }, 2);
    expect(nodes).toEqual([...CAMPAIGNS].sort(byNameThenId));
    expect(totalCount).toBe(CAMPAIGNS.length);
  });

  it('lists the campaigns of a workspace wherever a Workspace appears: the page rows and the expand', async () => {
    const response = await server.graphql<any>(
      `query($id: ID!, $ws: ID!, $window: UsageWindowInput!) {
        account(id: $id) { usage(window: $window) { workspaces { workspace { id campaigns { totalCount } } } } }
        workspaceUsage(workspaceId: $ws, window: $window) { workspace { campaigns(first: 1) { totalCount edges { node { id } } } } }
      }`,
      { id: ACCOUNT, ws: 'w_01', window: JUNE_2026 },
      readKey,
    );
    expectNoErrors(response);
    const rows = Object.fromEntries(response.data.account.usage.workspaces.map((row: any) => [row.workspace.id, row.workspace.campaigns.totalCount]));
    expect(rows).toEqual({ w_01: CAMPAIGNS.length, w_09: 0 });
    expect(response.data.workspaceUsage.workspace.campaigns).toEqual({ totalCount: CAMPAIGNS.length, edges: [{ node: { id: [...CAMPAIGNS].sort(byNameThenId)[0]!.id } }] });
  });

  it('walks every account exactly once by id (admin key)', async () => {
    const { nodes, totalCount } = await walk(async (after) => {
      const response = await server.graphql<{ accounts: ConnectionPage<{ id: string; name: string }> }>(ACCOUNTS_QUERY, { first: 2, after });
      expectNoErrors(response);
      return response.data!.accounts;
    }, 2);
    const ids = [ACCOUNT, 'acct_other', 'acct_b', 'acct_a', 'acct_C', 'acct_z'].sort(byCodePoints);
    expect(nodes.map((node) => node.id)).toEqual(ids);
    expect(totalCount).toBe(ids.length);
  });

  it('moves a workspace renamed between pages across the cursor instead of failing the walk', async () => {
    const first = await workspacesPage(3)(null);
    await server.graphql(`mutation { upsertWorkspace(input: { id: "w_08", accountId: "${ACCOUNT}", name: "AAA moved first" }) { id } }`);
    try {
      const rest = await walk(async (after) => workspacesPage(3)(after ?? first.pageInfo.endCursor), 3);
      expect(rest.nodes.map((w) => w.id)).not.toContain('w_08');
      expect(rest.totalCount).toBe(WORKSPACES.length);
    } finally {
      await server.graphql(`mutation { upsertWorkspace(input: { id: "w_08", accountId: "${ACCOUNT}", name: "beta (no usage)" }) { id } }`);
    }
  });

  function expectBadInput(response: GraphQLResponse, field: string, message: RegExp): void {
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(response.errors?.[0]?.message).toMatch(message);
  }

  it('refuses a malformed cursor as BAD_USER_INPUT on after', async () => {
    for (const after of ['not a cursor!', 'AAAA', Buffer.from('{"x":1}').toString('base64url'), Buffer.from('["workspaces","acct_list",[1,2]]').toString('base64url')]) {
      expectBadInput(await server.graphql(WORKSPACES_QUERY, { id: ACCOUNT, first: 2, after }), 'after', /^after: is not a cursor/);
    }
  });

  it("refuses another listing's cursor, another account's and another workspace's, all with the same words", async () => {
    const workspaceCursor = (await workspacesPage(1)(null)).pageInfo.endCursor;
    const otherAccountCursor = (await workspacesPage(1, undefined, 'acct_other')(null)).pageInfo.endCursor;
    const accountsCursor = (await server.graphql<{ accounts: ConnectionPage<unknown> }>(ACCOUNTS_QUERY, { first: 1 })).data!.accounts.pageInfo.endCursor;
    const otherWorkspaceCampaigns = await server.graphql<any>(`{ account(id: "acct_other") { workspaces { edges { node { campaigns(first: 1) { pageInfo { endCursor } } } } } } }`);
    const otherCampaignCursor = otherWorkspaceCampaigns.data.account.workspaces.edges[0].node.campaigns.pageInfo.endCursor;

    const answers = [
      await server.graphql(WORKSPACES_QUERY, { id: ACCOUNT, after: otherAccountCursor }),
      await server.graphql(WORKSPACES_QUERY, { id: ACCOUNT, after: accountsCursor }),
      await server.graphql(CAMPAIGNS_QUERY, { id: ACCOUNT, after: workspaceCursor }),
      await server.graphql(CAMPAIGNS_QUERY, { id: ACCOUNT, after: otherCampaignCursor }),
      await server.graphql(ACCOUNTS_QUERY, { after: workspaceCursor }),
    ];
    for (const answer of answers) expectBadInput(answer, 'after', /^after: is a cursor of another listing/);
    for (const answer of answers) expect(JSON.stringify(answer.errors)).not.toContain('acct_other');
  });

  it('refuses first outside 1 to 500 as BAD_USER_INPUT on first, on every listing', async () => {
    for (const first of [0, -1, 501]) {
      expectBadInput(await server.graphql(WORKSPACES_QUERY, { id: ACCOUNT, first }), 'first', new RegExp(`^first: must be from 1 to 500, got ${first}`));
      expectBadInput(await server.graphql(CAMPAIGNS_QUERY, { id: ACCOUNT, first }), 'first', /^first: must be from 1 to 500/);
      expectBadInput(await server.graphql(ACCOUNTS_QUERY, { first }), 'first', /^first: must be from 1 to 500/);
    }
    expectNoErrors(await server.graphql(WORKSPACES_QUERY, { id: ACCOUNT, first: 500 }));
  });

  it("lists only a workspace-scoped embed token's workspaces, and counts only them", async () => {
    const minted = await server.graphql<{ createEmbedToken: { token: string } }>(`mutation { createEmbedToken(accountId: "${ACCOUNT}", workspaceIds: ["w_05", "w_01"]) { token } }`);
    const { nodes, totalCount } = await walk(workspacesPage(1, minted.data!.createEmbedToken.token), 1);
    expect(nodes.map((w) => w.id)).toEqual(['w_01', 'w_05']);
    expect(totalCount).toBe(2);
  });

  it("lets a USAGE_READ key list its own account's workspaces and campaigns, and not another account's", async () => {
    const own = await server.graphql<any>(CAMPAIGNS_QUERY, { id: ACCOUNT, first: 50 }, readKey);
    expectNoErrors(own);
    expect(own.data.account.workspaces.edges[0].node.campaigns.totalCount).toBe(CAMPAIGNS.length);
    const theirs = await server.graphql<any>(CAMPAIGNS_QUERY, { id: 'acct_other', first: 50 }, readKey);
    expect(theirs).toMatchObject({ status: 200, data: { account: null } });
    expect(theirs.errors).toBeUndefined();
  });

  it('refuses the listings to a key without USAGE_READ', async () => {
    const answer = await server.graphql(WORKSPACES_QUERY, { id: ACCOUNT }, writeKey);
    expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses accounts and apiKeys to every credential but the admin key', async () => {
    const embed = (await server.graphql<{ createEmbedToken: { token: string } }>(`mutation { createEmbedToken(accountId: "${ACCOUNT}") { token } }`)).data!.createEmbedToken.token;
    for (const token of [readKey, writeKey, embed]) {
      const accounts = await server.graphql(ACCOUNTS_QUERY, {}, token);
      expect([accounts.errors?.[0]?.extensions?.code, accounts.errors?.[0]?.message]).toEqual(['FORBIDDEN', 'accounts needs the admin key']);
      const keys = await server.graphql(API_KEYS_QUERY, { id: ACCOUNT }, token);
      expect(keys.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('refuses a listing that would cost too much before running it', async () => {
    const statementsBefore = server.statements.length;
    const answer = await server.graphql(`query($id: ID!) { account(id: $id) { workspaces(first: 500) { edges { node { id name campaigns(first: 500) { edges { node { id name archived } } } } } } } }`, { id: ACCOUNT });
    expect(answer.errors?.[0]?.extensions?.limit).toBe('cost');
    expect(server.statements.length).toBe(statementsBefore);
  });
});

describeEachDatabase('API key management', (kind) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(kind, { limits: { rateLimit: { burst: 1_000_000, perSecond: 1_000_000 } } });
    await upsertCatalog(server, { accountId: 'acct_k', workspaces: [{ id: 'w_k' }] });
    await upsertCatalog(server, { accountId: 'acct_k2', workspaces: [] });
  });
  afterAll(() => server.stop());

  const CREATE = /* GraphQL */ `
    mutation($a: ID!, $s: [ApiScope!]!, $label: String, $expiresAt: DateTime) { createApiKey(accountId: $a, scopes: $s, label: $label, expiresAt: $expiresAt) { id secret scopes } }
  `;
  const keysOf = async (accountId: string) => {
    const response = await server.graphql<{ account: { apiKeys: Array<Record<string, any>> } }>(API_KEYS_QUERY, { id: accountId });
    expectNoErrors(response);
    return response.data!.account.apiKeys;
  };

  it('lists a key created with a label and an expiry, with its own account only', async () => {
    const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
    const created = await server.graphql<any>(CREATE, { a: 'acct_k', s: ['USAGE_READ', 'USAGE_WRITE'], label: 'Chargeback report', expiresAt });
    expectNoErrors(created);
    const plain = await server.graphql<any>(CREATE, { a: 'acct_k', s: ['USAGE_READ'] });
    const keys = await keysOf('acct_k');
    expect(keys).toEqual([
      { id: created.data.createApiKey.id, label: 'Chargeback report', scopes: ['USAGE_READ', 'USAGE_WRITE'], createdAt: expect.any(String), lastUsedAt: null, expiresAt, revokedAt: null },
      { id: plain.data.createApiKey.id, label: null, scopes: ['USAGE_READ'], createdAt: expect.any(String), lastUsedAt: null, expiresAt: null, revokedAt: null },
    ]);
    expect(JSON.stringify(keys)).not.toContain(created.data.createApiKey.secret.slice(-20));
    expect((await keysOf('acct_k2')).map((key) => key.id)).not.toContain(created.data.createApiKey.id);
  });

  it('shows when a key was revoked', async () => {
    const created = await server.graphql<any>(CREATE, { a: 'acct_k2', s: ['USAGE_READ'], label: 'to revoke' });
    const revoked = await server.graphql<any>(`mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }`, { id: created.data.createApiKey.id });
    const listed = (await keysOf('acct_k2')).find((key) => key.id === created.data.createApiKey.id);
    expect(listed!.revokedAt).toBe(revoked.data.revokeApiKey.revokedAt);
  });

  it('refuses a blank or too long label and an expiry that is not in the future, naming the argument', async () => {
    const refused = async (variables: Record<string, unknown>, field: string, message: RegExp) => {
      const answer = await server.graphql(CREATE, { a: 'acct_k', s: ['USAGE_READ'], ...variables });
      expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(answer.errors?.[0]?.message).toMatch(message);
    };
    await refused({ label: '  ' }, 'label', /^label: must not be empty/);
    await refused({ label: 'x'.repeat(501) }, 'label', /^label: must be at most 500 characters, got 501/);
    await refused({ expiresAt: new Date(Date.now() - 1000).toISOString() }, 'expiresAt', /^expiresAt: must be in the future, got .* \(now is /);
  });

  it('answers UNAUTHENTICATED to an expired key, as to a revoked one', async () => {
    const minted = mintApiKey();
    const now = new Date();
    await server.creditlens.services.apiKeys.insert(
      { accountId: 'acct_k', keyId: minted.keyId, secretHash: minted.secretHash, scopes: ['USAGE_READ'], expiresAt: new Date(now.getTime() - 1) },
      new Date(now.getTime() - 60_000),
    );
    const answer = await server.graphql(`{ account(id: "acct_k") { id } }`, {}, minted.secret);
    expect(answer.status).toBe(401);
    expect(answer.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringMatching(/API key is not valid/) });
  });

  it('sets lastUsedAt on first use and does not write it again on every request', async () => {
    const created = await server.graphql<any>(CREATE, { a: 'acct_k', s: ['USAGE_READ'], label: 'busy' });
    const { id, secret } = created.data.createApiKey;
    server.statements.length = 0;
    const before = Date.now();
    for (let i = 0; i < 5; i += 1) expectNoErrors(await server.graphql(`{ account(id: "acct_k") { id } }`, {}, secret));
    const writes = server.statements.filter((sql) => /UPDATE api_keys SET last_used_at/.test(sql));
    expect(writes).toHaveLength(1);
    const listed = (await keysOf('acct_k')).find((key) => key.id === id)!;
    expect(new Date(listed.lastUsedAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(new Date(listed.lastUsedAt).getTime()).toBeLessThanOrEqual(Date.now());
  });
});

describeEachDatabase('catalog listings are batched', (kind) => {
  let server: TestServer;
  const NESTED = /* GraphQL */ `
    query($id: ID!) { account(id: $id) { workspaces { totalCount edges { node { id campaigns { totalCount edges { cursor node { id name archived } } } } } } } }
  `;

  beforeAll(async () => {
    server = await startTestServer(kind);
    // Straight into the repository: 150 upserts over HTTP outlast a hook's time on a loaded machine.
    const { catalog } = server.creditlens.services;
    for (const n of [1, 50]) {
      const accountId = `acct_n${n}`;
      await catalog.upsertAccount({ id: accountId, name: `Account ${n}`, timezone: 'Europe/Berlin' }, new Date());
      for (let i = 0; i < n; i += 1) {
        const workspaceId = `${accountId}_ws${i}`;
        await catalog.upsertWorkspace({ id: workspaceId, accountId, name: `Workspace ${i}` });
        await catalog.upsertCampaign({ id: `${workspaceId}_a`, workspaceId, name: 'Active' });
        await catalog.upsertCampaign({ id: `${workspaceId}_b`, workspaceId, name: 'Archived', archived: true });
      }
    }
  }, 30_000);
  afterAll(() => server.stop());

  it('reads the campaigns of 1 and of 50 listed workspaces in the same number of statements', async () => {
    const statementsFor = async (accountId: string, workspaces: number) => {
      server.statements.length = 0;
      const response = await server.graphql<any>(NESTED, { id: accountId });
      expectNoErrors(response);
      expect(response.data.account.workspaces.edges).toHaveLength(workspaces);
      for (const edge of response.data.account.workspaces.edges) expect(edge.node.campaigns.totalCount).toBe(2);
      return [...server.statements];
    };
    const one = await statementsFor('acct_n1', 1);
    const fifty = await statementsFor('acct_n50', 50);
    expect(fifty.length).toBe(one.length);
    expect(fifty.filter((sql) => /FROM campaigns/.test(sql))).toHaveLength(2);
  });
});
