import { describeEachDatabase } from '../testing/test-databases';
import { startTestServer, type TestServer } from '../testing/test-server';
import { EXPAND_QUERY, JUNE_2026, PAGE_QUERY, expectNoErrors, record, upsertCatalog } from '../testing/operations';

const CREATE_KEY = `mutation($accountId: ID!, $scopes: [ApiScope!]!) { createApiKey(accountId: $accountId, scopes: $scopes) { id secret scopes } }`;
const REVOKE_KEY = `mutation($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }`;
const CREATE_EMBED = `mutation($accountId: ID!, $workspaceIds: [ID!], $ttl: Int) { createEmbedToken(accountId: $accountId, workspaceIds: $workspaceIds, ttlSeconds: $ttl) { token expiresAt } }`;

describeEachDatabase('credentials', (kind) => {
  let server: TestServer;
  let readKey: string;
  let writeKey: string;

  beforeAll(async () => {
    server = await startTestServer(kind);
    await upsertCatalog(server, { accountId: 'acct_mine', workspaces: [{ id: 'ws_mine' }, { id: 'ws_mine2' }] });
    await upsertCatalog(server, { accountId: 'acct_theirs', workspaces: [{ id: 'ws_theirs' }] });
    expectNoErrors(
      await record(server, [
        { key: 'm1', accountId: 'acct_mine', workspaceId: 'ws_mine', credits: 40 },
        { key: 'm2', accountId: 'acct_mine', workspaceId: 'ws_mine2', credits: 60 },
        { key: 't1', accountId: 'acct_theirs', workspaceId: 'ws_theirs', credits: 99 },
      ]),
    );
    readKey = (await server.graphql(CREATE_KEY, { accountId: 'acct_mine', scopes: ['USAGE_READ'] })).data!.createApiKey.secret;
    writeKey = (await server.graphql(CREATE_KEY, { accountId: 'acct_mine', scopes: ['USAGE_WRITE'] })).data!.createApiKey.secret;
  });
  afterAll(() => server.stop());

  it('answers 401 UNAUTHENTICATED without a credential or with a wrong one', async () => {
    for (const token of [null, 'wrong', 'clk_key_AAAAAAAAAAAA_' + 'a'.repeat(43)]) {
      const response = await server.graphql(PAGE_QUERY, { accountId: 'acct_mine' }, token);
      expect(response.status).toBe(401);
      expect(response.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    }
  });

  it('mints API keys with a recognisable prefix, shown once and stored only as a hash', async () => {
    const created = await server.graphql(CREATE_KEY, { accountId: 'acct_mine', scopes: ['USAGE_READ', 'USAGE_READ'] });
    expect(created.data!.createApiKey.secret).toMatch(/^clk_key_/);
    expect(created.data!.createApiKey.scopes).toEqual(['USAGE_READ']);
    const stored = await server.scratch.db.reader.query<{ secret_hash: string }>('SELECT secret_hash FROM api_keys WHERE key_id = ?', [created.data!.createApiKey.id]);
    expect(stored[0]!.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(created.data!.createApiKey.secret);
  });

  it('lets a read key see its own account, and answers null for another account exactly as for a missing one', async () => {
    const mine = await server.graphql(PAGE_QUERY, { accountId: 'acct_mine', window: JUNE_2026 }, readKey);
    expect(mine.data!.account.usage.totalCredits).toBe(100);
    const theirs = await server.graphql(PAGE_QUERY, { accountId: 'acct_theirs', window: JUNE_2026 }, readKey);
    const missing = await server.graphql(PAGE_QUERY, { accountId: 'acct_nowhere', window: JUNE_2026 }, readKey);
    expect(theirs).toEqual(missing);
    expect(theirs.data).toEqual({ account: null });
    const theirWorkspace = await server.graphql(EXPAND_QUERY, { workspaceId: 'ws_theirs', window: JUNE_2026 }, readKey);
    const noWorkspace = await server.graphql(EXPAND_QUERY, { workspaceId: 'ws_nowhere', window: JUNE_2026 }, readKey);
    expect(theirWorkspace).toEqual(noWorkspace);
  });

  it('refuses recording with a read key and reading with a write key (FORBIDDEN)', async () => {
    const write = await record(server, [{ key: 'r1', accountId: 'acct_mine', workspaceId: 'ws_mine', credits: 1 }], readKey);
    expect(write.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const read = await server.graphql(PAGE_QUERY, { accountId: 'acct_mine', window: JUNE_2026 }, writeKey);
    expect(read.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });

  it('lets a write key record in its own account only, with the same refusal whether the other account exists or not', async () => {
    const own = await record(server, [{ key: 'wk1', accountId: 'acct_mine', workspaceId: 'ws_mine', credits: 1 }], writeKey);
    expect(own.data!.recordUsage.accepted).toBe(1);
    const theirs = await record(server, [{ key: 'wk2', accountId: 'acct_theirs', workspaceId: 'ws_theirs', credits: 1 }], writeKey);
    const nowhere = await record(server, [{ key: 'wk2', accountId: 'acct_nowhere', workspaceId: 'ws_theirs', credits: 1 }], writeKey);
    expect(theirs.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect(theirs.errors![0]!.message.replace('acct_theirs', 'X')).toBe(nowhere.errors![0]!.message.replace('acct_nowhere', 'X'));
  });

  it('keeps catalog upserts and minting for the admin key', async () => {
    const response = await server.graphql(CREATE_KEY, { accountId: 'acct_mine', scopes: ['USAGE_READ'] }, writeKey);
    expect(response.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });

  it('gives an embed token read-only access to its account, and to only its workspaces when scoped', async () => {
    const whole = (await server.graphql(CREATE_EMBED, { accountId: 'acct_mine' })).data!.createEmbedToken;
    expect(Date.parse(whole.expiresAt) - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(Date.parse(whole.expiresAt) - Date.now()).toBeLessThanOrEqual(15 * 60_000);
    expect((await server.graphql(PAGE_QUERY, { accountId: 'acct_mine', window: JUNE_2026 }, whole.token)).data!.account.usage.totalCredits).toBe(101);
    const write = await record(server, [{ key: 'e1', accountId: 'acct_mine', workspaceId: 'ws_mine', credits: 1 }], whole.token);
    expect(write.errors![0]!.extensions!.code).toBe('FORBIDDEN');

    const scoped = (await server.graphql(CREATE_EMBED, { accountId: 'acct_mine', workspaceIds: ['ws_mine2'] })).data!.createEmbedToken;
    const usage = (await server.graphql(PAGE_QUERY, { accountId: 'acct_mine', window: JUNE_2026 }, scoped.token)).data!.account.usage;
    expect(usage.totalCredits).toBe(60);
    expect(usage.workspaces.map((row: any) => [row.workspace.id, row.percent])).toEqual([['ws_mine2', 100]]);
    expect((await server.graphql(EXPAND_QUERY, { workspaceId: 'ws_mine', window: JUNE_2026 }, scoped.token)).data).toEqual({ workspaceUsage: null });
  });

  it('revokes an API key for good: 401 from then on, revoking again keeps the first instant', async () => {
    const created = (await server.graphql(CREATE_KEY, { accountId: 'acct_mine', scopes: ['USAGE_READ'] })).data!.createApiKey;
    expect((await server.graphql(PAGE_QUERY, { accountId: 'acct_mine' }, created.secret)).status).toBe(200);
    const first = await server.graphql(REVOKE_KEY, { id: created.id });
    expect(first.data!.revokeApiKey).toEqual({ id: created.id, revokedAt: expect.any(String) });
    const refused = await server.graphql(PAGE_QUERY, { accountId: 'acct_mine' }, created.secret);
    expect(refused.status).toBe(401);
    expect(refused.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect((await server.graphql(REVOKE_KEY, { id: created.id })).data).toEqual(first.data);
  });

  it('refuses revoking an unknown key id (BAD_USER_INPUT naming id), and revoking with anything but the admin key', async () => {
    const unknown = await server.graphql(REVOKE_KEY, { id: 'nope' });
    expect(unknown.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    const byKey = await server.graphql(REVOKE_KEY, { id: 'nope' }, readKey);
    expect(byKey.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });

  it('refuses an embed token lifetime over 24 hours, naming ttlSeconds', async () => {
    const response = await server.graphql(CREATE_EMBED, { accountId: 'acct_mine', ttl: 86_401 });
    expect(response.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ttlSeconds' });
  });

  it('tells an expired embed token apart, with 401', async () => {
    const { token } = (await server.graphql(CREATE_EMBED, { accountId: 'acct_mine', ttl: 1 })).data!.createEmbedToken;
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const response = await server.graphql(PAGE_QUERY, { accountId: 'acct_mine' }, token);
    expect(response.status).toBe(401);
    expect(response.errors![0]!.message).toMatch(/expired/);
  });
});
