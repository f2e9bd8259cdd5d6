import { describeEachDatabase } from '../testing/test-databases';
import { startTestServer, type TestServer } from '../testing/test-server';
import { JUNE_2026, PAGE_WITH_CAMPAIGNS_QUERY, PAGE_QUERY, expectNoErrors, record, upsertCatalog } from '../testing/operations';

/** The campaign statement is the one that names campaigns. */
const isCampaignStatement = (sql: string) => sql.includes('AS campaign_name');

describeEachDatabase('campaign rows are lazy and batched', (kind) => {
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
            { key: `${i}a`, accountId, workspaceId: workspace.id, campaignId: workspace.campaigns[0]!.id, credits: 10 + i },
            { key: `${i}b`, accountId, workspaceId: workspace.id, credits: 3 },
          ]),
        ),
      );
    }
  });
  afterAll(() => server.stop());

  async function statementsFor(query: string, accountId: string): Promise<string[]> {
    server.statements.length = 0;
    const response = await server.graphql(query, { accountId, window: JUNE_2026 });
    expectNoErrors(response);
    return [...server.statements];
  }

  it('runs the same number of statements for the campaigns of 1 and of 50 workspaces', async () => {
    const one = await statementsFor(PAGE_WITH_CAMPAIGNS_QUERY, 'acct_n1');
    const fifty = await statementsFor(PAGE_WITH_CAMPAIGNS_QUERY, 'acct_n50');
    console.log(`statements with campaigns selected: N=1 → ${one.length}, N=50 → ${fifty.length}`);
    expect(fifty.length).toBe(one.length);
    expect(fifty.filter(isCampaignStatement)).toHaveLength(1);
  });

  it('does not read campaign rows when campaigns are not selected', async () => {
    const statements = await statementsFor(PAGE_QUERY, 'acct_n50');
    expect(statements.some(isCampaignStatement)).toBe(false);
  });
});
