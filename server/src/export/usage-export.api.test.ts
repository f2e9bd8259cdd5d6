import { withoutRequestIds } from '../testing/request-ids';
import { describeEachDatabase } from '../testing/test-databases';
import { startTestServer, TEST_ADMIN_KEY, type TestServer } from '../testing/test-server';
import { JUNE_2026, PAGE_WITH_CAMPAIGNS_QUERY, expectNoErrors, record, upsertCatalog } from '../testing/operations';

const CREATE_KEY = `mutation($scopes: [ApiScope!]!) { createApiKey(accountId: "acct_csv", scopes: $scopes) { secret } }`;
const CREATE_EMBED = `mutation($ws: [ID!]) { createEmbedToken(accountId: "acct_csv", workspaceIds: $ws) { token } }`;

describeEachDatabase('GET /export/usage.csv', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
    await upsertCatalog(server, {
      accountId: 'acct_csv',
      workspaces: [
        { id: 'ws_big', name: 'Big, "quoted"', campaigns: [{ id: 'c_a', name: '=cmd()' }, { id: 'c_b', name: 'Beta' }] },
        { id: 'ws_small', name: 'Small', campaigns: [{ id: 'c_s', name: 'Solo' }] },
      ],
    });
    await upsertCatalog(server, { accountId: 'acct_other', workspaces: [{ id: 'ws_other' }] });
    expectNoErrors(
      await record(server, [
        { key: 'e1', accountId: 'acct_csv', workspaceId: 'ws_big', campaignId: 'c_a', credits: 50 },
        { key: 'e2', accountId: 'acct_csv', workspaceId: 'ws_big', campaignId: 'c_b', credits: 30 },
        { key: 'e3', accountId: 'acct_csv', workspaceId: 'ws_big', credits: 20 },
        { key: 'e4', accountId: 'acct_csv', workspaceId: 'ws_small', campaignId: 'c_s', credits: 7 },
      ]),
    );
  });
  afterAll(() => server.stop());

  const csv = (params: Record<string, string>, token: string | null = TEST_ADMIN_KEY) =>
    fetch(`${server.url}/export/usage.csv?${new URLSearchParams(params)}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('gives the GraphQL page\'s campaign rows, in its order, for the same window and asOf', async () => {
    const page = await server.graphql(PAGE_WITH_CAMPAIGNS_QUERY, { accountId: 'acct_csv', window: JUNE_2026 });
    const { asOf, workspaces } = page.data!.account.usage;
    await record(server, [{ key: 'late', accountId: 'acct_csv', workspaceId: 'ws_small', credits: 1000 }]);
    const response = await csv({ accountId: 'acct_csv', ...JUNE_2026, asOf });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('x-creditlens-as-of')).toBe(asOf);
    const lines = (await response.text()).split('\r\n');
    const expected = workspaces.flatMap((w: any) =>
      w.campaigns.map((c: any) => [w.workspace.id, c.campaign?.id ?? '', c.label, String(c.credits), c.percent === null ? '' : c.percent.toFixed(1)]),
    );
    const fromCsv = lines.slice(1, -1).map((line) => {
      const cells = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((cell) => cell.replace(/,$/, ''));
      return [cells[0], cells[2], cells[3]!.replace(/^'/, ''), cells[4], cells[5]];
    });
    expect(fromCsv).toEqual(expected);
    expect(lines[1]).toBe(`ws_big,"Big, ""quoted""",c_a,'=cmd(),50,50.0`);
  });

  it('starts with a UTF-8 byte-order mark only when asked with bom=1', async () => {
    const firstBytes = async (params: Record<string, string>) => [...new Uint8Array(await (await csv({ accountId: 'acct_csv', ...JUNE_2026, ...params })).arrayBuffer()).slice(0, 3)];
    const header = [...Buffer.from('wor')];
    expect(await firstBytes({})).toEqual(header);
    expect(await firstBytes({ bom: '0' })).toEqual(header);
    expect(await firstBytes({ bom: '1' })).toEqual([0xef, 0xbb, 0xbf]);
    const refused = await csv({ accountId: 'acct_csv', ...JUNE_2026, bom: 'yes' });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as any).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'bom' });
  });

  it('gives a workspace-scoped embed token only its workspaces', async () => {
    const token = (await server.graphql(CREATE_EMBED, { ws: ['ws_small'] })).data!.createEmbedToken.token;
    const text = await (await csv({ accountId: 'acct_csv', ...JUNE_2026 }, token)).text();
    expect(text).not.toContain('ws_big');
    expect(text).toContain('ws_small,Small,c_s,Solo,7,');
  });

  it('answers another account exactly like a missing one (404), and a write-only key 403', async () => {
    const readKey = (await server.graphql(CREATE_KEY, { scopes: ['USAGE_READ'] })).data!.createApiKey.secret;
    const theirs = await csv({ accountId: 'acct_other', ...JUNE_2026 }, readKey);
    const missing = await csv({ accountId: 'acct_nowhere', ...JUNE_2026 }, readKey);
    expect(theirs.status).toBe(404);
    expect(withoutRequestIds(await theirs.text())).toBe(withoutRequestIds(await missing.text()));
    const writeKey = (await server.graphql(CREATE_KEY, { scopes: ['USAGE_WRITE'] })).data!.createApiKey.secret;
    expect((await csv({ accountId: 'acct_csv', ...JUNE_2026 }, writeKey)).status).toBe(403);
  });

  it('answers 401 without a credential', async () => {
    expect((await csv({ accountId: 'acct_csv', ...JUNE_2026 }, null)).status).toBe(401);
  });

  it.each([
    [{ from: JUNE_2026.from, to: JUNE_2026.to }, 'accountId'],
    [{ accountId: 'acct_csv', to: JUNE_2026.to }, 'from'],
    [{ accountId: 'acct_csv', from: 'yesterday', to: JUNE_2026.to }, 'from'],
    [{ accountId: 'acct_csv', from: JUNE_2026.to, to: JUNE_2026.from }, 'window'],
    [{ accountId: 'acct_csv', ...JUNE_2026, asOf: '2026-13-01T00:00:00Z' }, 'asOf'],
    [{ accountId: 'acct_csv', ...JUNE_2026, window: 'x' }, 'window'],
  ])('refuses %j with 400 BAD_USER_INPUT naming %s', async (params, field) => {
    const response = await csv(params as Record<string, string>);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(body.errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0]!.message.startsWith(field)).toBe(true);
  });
});
