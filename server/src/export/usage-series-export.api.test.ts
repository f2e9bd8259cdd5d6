import { describeEachDatabase } from '../testing/test-databases';
import { startTestServer, TEST_ADMIN_KEY, type TestServer } from '../testing/test-server';
import { JUNE_2026, expectNoErrors, record, upsertCatalog } from '../testing/operations';

const ACCOUNT = 'acct_series_csv';
/** Three Berlin days: 1–3 June 2026. */
const DAYS = { from: '2026-05-31T22:00:00.000Z', to: '2026-06-03T22:00:00.000Z' };

const PAGE = /* GraphQL */ `
  query($accountId: ID!, $window: UsageWindowInput) {
    account(id: $accountId) { usage(window: $window) { asOf workspaces { workspace { id } } } }
  }
`;

const SERIES_EXPAND = /* GraphQL */ `
  query($workspaceId: ID!, $window: UsageWindowInput!, $asOf: DateTime) {
    workspaceUsage(workspaceId: $workspaceId, window: $window, asOf: $asOf) {
      workspace { id } campaigns { campaign { id } label series { from to credits } }
    }
  }
`;

describeEachDatabase('GET /export/usage-series.csv', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
    await upsertCatalog(server, {
      accountId: ACCOUNT,
      workspaces: [
        { id: 'ws_big', name: 'Big, "quoted"', campaigns: [{ id: 'c_a', name: '=cmd()' }, { id: 'c_b', name: 'Beta' }] },
        { id: 'ws_small', name: 'Small', campaigns: [{ id: 'c_s', name: 'Solo' }] },
      ],
    });
    expectNoErrors(
      await record(server, [
        { key: 'e1', accountId: ACCOUNT, workspaceId: 'ws_big', campaignId: 'c_a', credits: 50, occurredAt: '2026-05-31T22:00:00Z' },
        { key: 'e2', accountId: ACCOUNT, workspaceId: 'ws_big', campaignId: 'c_b', credits: 30, occurredAt: '2026-06-02T10:00:00Z' },
        { key: 'e3', accountId: ACCOUNT, workspaceId: 'ws_big', credits: -20, occurredAt: '2026-06-03T21:59:59Z' },
        { key: 'e4', accountId: ACCOUNT, workspaceId: 'ws_big', credits: 60, occurredAt: '2026-06-03T10:00:00Z' },
        { key: 'e5', accountId: ACCOUNT, workspaceId: 'ws_small', campaignId: 'c_s', credits: 7, occurredAt: '2026-06-01T10:00:00Z' },
      ]),
    );
  });
  afterAll(() => server.stop());

  const csv = (params: Record<string, string>, token: string | null = TEST_ADMIN_KEY) =>
    fetch(`${server.url}/export/usage-series.csv?${new URLSearchParams(params)}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('gives one line per workspace, campaign row and local day, in the page order, equal to the GraphQL series', async () => {
    const page = await server.graphql(PAGE, { accountId: ACCOUNT, window: DAYS });
    expectNoErrors(page);
    const { asOf } = page.data!.account.usage;
    const workspaces = [];
    for (const row of page.data!.account.usage.workspaces) {
      const expanded = await server.graphql(SERIES_EXPAND, { workspaceId: row.workspace.id, window: DAYS, asOf });
      expectNoErrors(expanded);
      workspaces.push(expanded.data!.workspaceUsage);
    }
    await record(server, [{ key: 'late', accountId: ACCOUNT, workspaceId: 'ws_small', credits: 1000, occurredAt: '2026-06-01T10:00:00Z' }]);
    const response = await csv({ accountId: ACCOUNT, ...DAYS, granularity: 'DAY', asOf });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-creditlens-as-of')).toBe(asOf);
    const lines = (await response.text()).split('\r\n');
    expect(lines[0]).toBe('workspace_id,workspace_name,campaign_id,campaign_name,from,to,credits');
    // c_a (50), then No campaign (60 − 20 on the 3rd), then Beta (30): the page's order.
    const big = `ws_big,"Big, ""quoted"""`;
    expect(lines.slice(1, 7)).toEqual([
      `${big},c_a,'=cmd(),2026-05-31T22:00:00.000Z,2026-06-01T22:00:00.000Z,50`,
      `${big},c_a,'=cmd(),2026-06-01T22:00:00.000Z,2026-06-02T22:00:00.000Z,0`,
      `${big},c_a,'=cmd(),2026-06-02T22:00:00.000Z,2026-06-03T22:00:00.000Z,0`,
      `${big},,No campaign,2026-05-31T22:00:00.000Z,2026-06-01T22:00:00.000Z,0`,
      `${big},,No campaign,2026-06-01T22:00:00.000Z,2026-06-02T22:00:00.000Z,0`,
      `${big},,No campaign,2026-06-02T22:00:00.000Z,2026-06-03T22:00:00.000Z,40`,
    ]);
    expect(lines).toHaveLength(1 + 4 * 3 + 1);
    const expected = workspaces.flatMap((w: any) =>
      w.campaigns.flatMap((c: any) => c.series.map((b: any) => [w.workspace.id, c.campaign?.id ?? '', b.from, b.to, String(b.credits)].join('|'))),
    );
    const fromCsv = lines.slice(1, -1).map((line) => {
      const cells = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((cell) => cell.replace(/,$/, ''));
      return [cells[0], cells[2], cells[4], cells[5], cells[6]].join('|');
    });
    expect(fromCsv).toEqual(expected);
    expect(lines.at(-1)).toBe('');
  });

  it('gives a workspace-scoped embed token only its workspaces', async () => {
    const token = (await server.graphql(`mutation { createEmbedToken(accountId: "${ACCOUNT}", workspaceIds: ["ws_small"]) { token } }`)).data!.createEmbedToken.token;
    const text = await (await csv({ accountId: ACCOUNT, ...DAYS, granularity: 'MONTH' }, token)).text();
    expect(text).not.toContain('ws_big');
    expect(text.split('\r\n').slice(1, -1)).toEqual([
      'ws_small,Small,,No campaign,2026-05-31T22:00:00.000Z,2026-06-03T22:00:00.000Z,1000',
      'ws_small,Small,c_s,Solo,2026-05-31T22:00:00.000Z,2026-06-03T22:00:00.000Z,7',
    ]);
  });

  it('answers an account of another credential exactly like a missing one (404)', async () => {
    const readKey = (await server.graphql(`mutation { createApiKey(accountId: "${ACCOUNT}", scopes: [USAGE_READ]) { secret } }`)).data!.createApiKey.secret;
    const missing = await csv({ accountId: 'acct_nowhere', ...JUNE_2026 }, readKey);
    expect(missing.status).toBe(404);
  });

  it.each([
    [{ granularity: 'YEAR' }, 'granularity', /HOUR, DAY, WEEK or MONTH/],
    [{ granularity: 'HOUR', from: JUNE_2026.from, to: '2026-07-03T00:00:00Z' }, 'granularity', /31 days/],
    [{ granularity: 'DAY', colour: 'red' }, 'colour', /granularity/],
  ])('refuses %j with 400 BAD_USER_INPUT naming %s', async (params, field, detail) => {
    const response = await csv({ accountId: ACCOUNT, ...JUNE_2026, ...params } as Record<string, string>);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(body.errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0]!.message.startsWith(field)).toBe(true);
    expect(body.errors[0]!.message).toMatch(detail);
  });
});
