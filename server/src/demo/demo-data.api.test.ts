import { describeEachDatabase } from '../testing/test-databases';
import { startTestServer, type TestServer } from '../testing/test-server';
import { expectNoErrors } from '../testing/operations';
import { DEMO_ACCOUNT, DOUBLED_CAMPAIGN, NEW_CAMPAIGN, STOPPED_CAMPAIGN, seedDemoData } from './index';

const EXPAND = /* GraphQL */ `
  query($workspaceId: ID!, $window: UsageWindowInput!) {
    workspaceUsage(workspaceId: $workspaceId, window: $window) {
      previousCredits
      series { credits }
      campaigns { campaign { id } credits previousCredits change }
    }
  }
`;

describeEachDatabase('the demo data tells a month-over-month story', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind, { demo: false });
    await seedDemoData(server.creditlens.services, new Date());
  });
  afterAll(() => server.stop());

  it('has one campaign that doubled, one new this month, and one that stopped after last month', async () => {
    const periods = await server.graphql(`query($id: ID!) { account(id: $id) { currentPeriod { from to } billingPeriods(last: 2) { from to } } }`, { id: DEMO_ACCOUNT.id });
    const [current, previous] = periods.data!.account.billingPeriods;
    const thisMonth = await server.graphql(EXPAND, { workspaceId: 'ws_acme', window: current });
    expectNoErrors(thisMonth);
    const rows = thisMonth.data!.workspaceUsage.campaigns;
    const row = (id: string) => rows.find((campaign: any) => campaign.campaign?.id === id);
    expect(row(DOUBLED_CAMPAIGN)).toMatchObject({ change: 1 });
    expect(row(DOUBLED_CAMPAIGN).previousCredits).toBeGreaterThan(0);
    expect(row(NEW_CAMPAIGN)).toMatchObject({ previousCredits: 0, change: null });
    expect(row(STOPPED_CAMPAIGN)).toBeUndefined();
    const lastMonth = await server.graphql(EXPAND, { workspaceId: 'ws_acme', window: previous });
    expect(lastMonth.data!.workspaceUsage.campaigns.find((campaign: any) => campaign.campaign?.id === STOPPED_CAMPAIGN).credits).toBeGreaterThan(0);
    expect(lastMonth.data!.workspaceUsage.series.filter((bucket: any) => bucket.credits > 0).length).toBeGreaterThan(25);
  });
});
