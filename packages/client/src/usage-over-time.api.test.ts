import { startTestServer, TEST_ADMIN_KEY, type TestServer } from '../../../server/src/testing/test-server';
import { describeEachDatabase } from '../../../server/src/testing/test-databases';
import { record, upsertCatalog } from '../../../server/src/testing/operations';
import { CreditlensClient } from './client.js';
import { CreditlensError } from './errors.js';

const ACCOUNT = 'acct_trend';
const MAY = { from: '2026-04-30T22:00:00.000Z', to: '2026-05-31T22:00:00.000Z' };
const JUNE = { from: '2026-05-31T22:00:00.000Z', to: '2026-06-30T22:00:00.000Z' };

describeEachDatabase('the client reads usage over time', (kind) => {
  let server: TestServer;
  let client: CreditlensClient;

  beforeAll(async () => {
    server = await startTestServer(kind);
    client = new CreditlensClient({ endpoint: `${server.url}/graphql`, token: TEST_ADMIN_KEY, retry: { retries: 0 } });
    await upsertCatalog(server, { accountId: ACCOUNT, workspaces: [{ id: 'ws_1', name: 'Acme', campaigns: [{ id: 'cmp_a', name: 'Alpha' }] }] });
    await record(server, [
      { key: 'may', accountId: ACCOUNT, workspaceId: 'ws_1', campaignId: 'cmp_a', credits: 40, occurredAt: '2026-05-05T10:00:00Z' },
      { key: 'june-1', accountId: ACCOUNT, workspaceId: 'ws_1', campaignId: 'cmp_a', credits: 50, occurredAt: '2026-06-01T10:00:00Z' },
      { key: 'june-2', accountId: ACCOUNT, workspaceId: 'ws_1', credits: 10, occurredAt: '2026-06-09T10:00:00Z' },
    ]);
  });
  afterAll(() => server.stop());

  it('gives the page with every row\'s change and the comparison window', async () => {
    const account = await client.getAccountComparison(ACCOUNT, { window: JUNE });
    expect(account!.usage.comparison).toEqual({ window: MAY, totalCredits: 40 });
    expect(account!.usage.workspaces.map((row) => [row.workspace.id, row.previousCredits, row.change])).toEqual([['ws_1', 40, 0.5]]);
  });

  it('gives the series of the account and its rows at a granularity, summing to their credits', async () => {
    const account = await client.getAccountSeries(ACCOUNT, { window: JUNE, granularity: 'WEEK' });
    const { series, workspaces, totalCredits } = account!.usage;
    expect(series.map((bucket) => bucket.from)).toEqual([JUNE.from, '2026-06-07T22:00:00.000Z', '2026-06-14T22:00:00.000Z', '2026-06-21T22:00:00.000Z', '2026-06-28T22:00:00.000Z']);
    expect(series.map((bucket) => bucket.credits)).toEqual([50, 10, 0, 0, 0]);
    expect(workspaces[0]!.series.reduce((sum, bucket) => sum + bucket.credits, 0)).toBe(totalCredits);
    expect((await client.getAccountSeries(ACCOUNT, { window: JUNE }))!.usage.series).toHaveLength(30);
  });

  it('gives one workspace\'s campaign rows with their series and changes', async () => {
    const page = await client.getAccountSeries(ACCOUNT, { window: JUNE });
    const row = await client.getWorkspaceCampaignSeries('ws_1', JUNE, { asOf: page!.usage.asOf, granularity: 'MONTH' });
    expect(row!.campaigns.map((campaign) => [campaign.label, campaign.previousCredits, campaign.change, campaign.series.map((bucket) => bucket.credits)])).toEqual([
      ['Alpha', 40, 0.25, [50]],
      ['No campaign', 0, null, [10]],
    ]);
  });

  it('exports the series as CSV, and refuses HOUR over more than 31 days as BAD_USER_INPUT', async () => {
    const csv = await client.exportSeriesCsv(ACCOUNT, JUNE, { granularity: 'MONTH' });
    expect(csv).toBe(
      'workspace_id,workspace_name,campaign_id,campaign_name,from,to,credits\r\n' +
        `ws_1,Acme,cmp_a,Alpha,${JUNE.from},${JUNE.to},50\r\n` +
        `ws_1,Acme,,No campaign,${JUNE.from},${JUNE.to},10\r\n`,
    );
    const error = (await client.getAccountSeries(ACCOUNT, { window: { from: MAY.from, to: JUNE.to }, granularity: 'HOUR' }).catch((e: unknown) => e)) as CreditlensError;
    expect(error).toBeInstanceOf(CreditlensError);
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(/granularity/);
  });
});
