import { startTestServer, TEST_ADMIN_KEY, type TestServer } from '../../../server/src/testing/test-server';
import { describeEachDatabase } from '../../../server/src/testing/test-databases';
import { upsertCatalog } from '../../../server/src/testing/operations';
import { CreditlensClient } from './client';

describeEachDatabase('the client lists the catalog', (kind) => {
  let server: TestServer;
  let admin: CreditlensClient;
  const requests: string[] = [];

  beforeAll(async () => {
    server = await startTestServer(kind);
    const counting: typeof fetch = (input, init) => (requests.push(String(input)), fetch(input, init));
    admin = new CreditlensClient({ endpoint: `${server.url}/graphql`, token: TEST_ADMIN_KEY, retry: { retries: 0 }, fetch: counting });
    await upsertCatalog(server, { accountId: 'acct_l', workspaces: Array.from({ length: 7 }, (_, i) => ({ id: `ws_${i}`, name: `Workspace ${6 - i}` })) });
    await upsertCatalog(server, { accountId: 'acct_m', workspaces: [] });
  });
  afterAll(() => server.stop());

  it('walks every workspace page by page, one request per page, in the listing order', async () => {
    requests.length = 0;
    const pages = [];
    for await (const page of admin.listWorkspaces('acct_l', { pageSize: 3 })) pages.push(page);
    expect(pages.map((page) => page.edges.length)).toEqual([3, 3, 1]);
    expect(pages.flatMap((page) => page.edges.map((edge) => edge.node.name))).toEqual(Array.from({ length: 7 }, (_, i) => `Workspace ${i}`));
    expect(pages.every((page) => page.totalCount === 7)).toBe(true);
    expect(requests).toHaveLength(3);
  });

  it('yields one empty page for an account without workspaces, and none for an invisible account', async () => {
    const key = await server.graphql<any>(`mutation { createApiKey(accountId: "acct_m", scopes: [USAGE_READ]) { secret } }`);
    const reader = new CreditlensClient({ endpoint: `${server.url}/graphql`, token: key.data.createApiKey.secret, retry: { retries: 0 } });
    const collect = async (accountId: string) => {
      const pages = [];
      for await (const page of reader.listWorkspaces(accountId)) pages.push(page);
      return pages;
    };
    expect((await collect('acct_m')).map((page) => page.totalCount)).toEqual([0]);
    expect(await collect('acct_l')).toEqual([]);
  });

  it('lists every account and an account\'s API keys with the admin key', async () => {
    const ids = [];
    for await (const page of admin.listAccounts({ pageSize: 1 })) ids.push(...page.edges.map((edge) => edge.node.id));
    expect(ids).toEqual(['acct_l', 'acct_m']);
    await server.graphql(`mutation { createApiKey(accountId: "acct_l", scopes: [USAGE_READ], label: "report") { id } }`);
    expect(await admin.listApiKeys('acct_l')).toEqual([expect.objectContaining({ label: 'report', scopes: ['USAGE_READ'], lastUsedAt: null, revokedAt: null })]);
  });
});
