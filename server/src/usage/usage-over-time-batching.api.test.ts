import { describeEachDatabase } from '../testing/test-databases';
import { startTestServer, type TestServer } from '../testing/test-server';
import { JUNE_2026, expectNoErrors, record, upsertCatalog } from '../testing/operations';

const SERIES_PAGE = /* GraphQL */ `
  query SeriesPage($accountId: ID!, $window: UsageWindowInput) {
    account(id: $accountId) {
      usage(window: $window) {
        series { credits }
        comparison { totalCredits }
        workspaces { credits previousCredits change byKind { kind credits } series { credits } }
      }
    }
  }
`;

const SERIES_PAGE_WITH_CAMPAIGNS = /* GraphQL */ `
  query SeriesPageWithCampaigns($accountId: ID!, $window: UsageWindowInput) {
    account(id: $accountId) {
      usage(window: $window) {
        workspaces { previousCredits campaigns { credits previousCredits series { credits } } }
      }
    }
  }
`;

describeEachDatabase('series, comparisons and kinds of a page are batched', (kind) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(kind);
    for (const n of [1, 50]) {
      const accountId = `acct_n${n}`;
      const workspaces = Array.from({ length: n }, (_, i) => ({ id: `${accountId}_ws${i}`, campaigns: [{ id: `${accountId}_c${i}` }] }));
      await upsertCatalog(server, { accountId, workspaces });
      expectNoErrors(
        await record(
          server,
          workspaces.flatMap((workspace, i) => [
            { key: `${i}a`, accountId, workspaceId: workspace.id, campaignId: workspace.campaigns[0]!.id, credits: 10 + i, occurredAt: '2026-06-03T12:00:00Z' },
            { key: `${i}b`, accountId, workspaceId: workspace.id, credits: 3, occurredAt: '2026-06-20T12:00:00Z' },
            { key: `${i}p`, accountId, workspaceId: workspace.id, campaignId: workspace.campaigns[0]!.id, credits: 5, occurredAt: '2026-05-20T12:00:00Z' },
          ]),
        ),
      );
    }
  });
  afterAll(() => server.stop());

  async function statementsFor(query: string, accountId: string) {
    server.statements.length = 0;
    const response = await server.graphql(query, { accountId, window: JUNE_2026 });
    expectNoErrors(response);
    return { statements: [...server.statements], usage: response.data!.account.usage };
  }

  it('runs the same number of statements for the series, comparison and kinds of 1 and of 50 workspaces', async () => {
    const one = await statementsFor(SERIES_PAGE, 'acct_n1');
    const fifty = await statementsFor(SERIES_PAGE, 'acct_n50');
    console.log(`statements with series, comparison and byKind: N=1 → ${one.statements.length}, N=50 → ${fifty.statements.length}`);
    expect(fifty.usage.workspaces).toHaveLength(50);
    expect(fifty.usage.workspaces.every((row: any) => row.previousCredits === 5 && row.series.length === 30)).toBe(true);
    expect(fifty.statements.length).toBe(one.statements.length);
  });

  it("reads a whole page's series for the account without naming its workspaces, and a workspace-scoped token's naming them", async () => {
    const workspaceSeries = (statements: string[]) => statements.filter((sql) => /^SELECT workspace_id, (string_agg|group_concat)\(/.test(sql));
    const whole = await statementsFor(SERIES_PAGE, 'acct_n50');
    expect(workspaceSeries(whole.statements)).toHaveLength(1);
    expect(workspaceSeries(whole.statements)[0]).not.toMatch(/workspace_id IN \(/);

    const minted = await server.graphql(`mutation { createEmbedToken(accountId: "acct_n50", workspaceIds: ["acct_n50_ws3", "acct_n50_ws7"]) { token } }`);
    expectNoErrors(minted);
    server.statements.length = 0;
    const scoped = await server.graphql(SERIES_PAGE, { accountId: 'acct_n50', window: JUNE_2026 }, minted.data!.createEmbedToken.token);
    expectNoErrors(scoped);
    expect(workspaceSeries(server.statements)).toHaveLength(1);
    expect(workspaceSeries(server.statements)[0]).toMatch(/workspace_id IN \(\?, \?\)/);
    const rows = scoped.data!.account.usage.workspaces;
    expect(rows.map((row: any) => row.series.reduce((sum: number, bucket: any) => sum + bucket.credits, 0))).toEqual(rows.map((row: any) => row.credits));
    expect(whole.usage.workspaces.every((row: any) => row.series.reduce((sum: number, bucket: any) => sum + bucket.credits, 0) === row.credits)).toBe(true);
  });

  it("sums the account's series from its rows' series when the page reads both, and reads it alone otherwise", async () => {
    const seriesStatements = (statements: string[]) => statements.filter((sql) => /AS parts FROM/.test(sql));
    const ACCOUNT_SERIES = `query($accountId: ID!, $window: UsageWindowInput) { account(id: $accountId) { usage(window: $window) { series { from credits } } } }`;
    const BOTH = `query($accountId: ID!, $window: UsageWindowInput) { account(id: $accountId) { usage(window: $window) { series { from credits } workspaces { series { credits } } } } }`;
    const alone = await statementsFor(ACCOUNT_SERIES, 'acct_n50');
    const both = await statementsFor(BOTH, 'acct_n50');
    expect(seriesStatements(alone.statements)).toHaveLength(1);
    expect(seriesStatements(both.statements)).toHaveLength(1);
    expect(seriesStatements(both.statements)[0]).toMatch(/^SELECT workspace_id, (string_agg|group_concat)\(/);
    expect(both.usage.series).toEqual(alone.usage.series);
    // Every workspace had 10 + i on June 3 and 3 on June 20 (June 1 is the first bucket).
    expect(alone.usage.series[2].credits).toBe(Array.from({ length: 50 }, (_, i) => 10 + i).reduce((a, b) => a + b, 0));
    expect(alone.usage.series[19].credits).toBe(150);
  });

  it('runs the same number of statements for the campaign series and comparisons of 1 and of 50 workspaces', async () => {
    const one = await statementsFor(SERIES_PAGE_WITH_CAMPAIGNS, 'acct_n1');
    const fifty = await statementsFor(SERIES_PAGE_WITH_CAMPAIGNS, 'acct_n50');
    console.log(`statements with campaign series and comparisons: N=1 → ${one.statements.length}, N=50 → ${fifty.statements.length}`);
    expect(fifty.usage.workspaces.flatMap((row: any) => row.campaigns)).toHaveLength(100);
    expect(fifty.statements.length).toBe(one.statements.length);
  });

  it("sums the expand's own series from its campaign rows' series when it reads both, and reads it alone otherwise", async () => {
    const seriesStatements = (statements: string[]) => statements.filter((sql) => /AS parts FROM/.test(sql));
    const expand = (selection: string) => `query($workspaceId: ID!, $window: UsageWindowInput!) { workspaceUsage(workspaceId: $workspaceId, window: $window) { ${selection} } }`;
    const run = async (query: string) => {
      server.statements.length = 0;
      const response = await server.graphql(query, { workspaceId: 'acct_n50_ws7', window: JUNE_2026 });
      expectNoErrors(response);
      return { statements: [...server.statements], row: response.data!.workspaceUsage };
    };
    const alone = await run(expand('credits series { from credits }'));
    const both = await run(expand('credits series { from credits } campaigns { label series { credits } }'));
    expect(seriesStatements(alone.statements)).toHaveLength(1);
    expect(seriesStatements(both.statements)).toHaveLength(1);
    expect(seriesStatements(both.statements)[0]).toMatch(/^SELECT workspace_id, campaign_key, (string_agg|group_concat)\(/);
    expect(both.row.series).toEqual(alone.row.series);
    // ws7 had 17 in its campaign on June 3 and 3 in No campaign on June 20.
    expect(alone.row.series[2].credits).toBe(17);
    expect(alone.row.series[19].credits).toBe(3);
    expect(both.row.series.reduce((sum: number, bucket: any) => sum + bucket.credits, 0)).toBe(both.row.credits);
    // At another granularity than its campaign rows', the row's series is read by itself.
    const weekly = await run(expand('series(granularity: WEEK) { credits } campaigns { series { credits } }'));
    expect(seriesStatements(weekly.statements)).toHaveLength(2);
  });
});
