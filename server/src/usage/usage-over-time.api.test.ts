import { describeEachDatabase } from '../testing/test-databases';
import { startTestServer, type TestServer } from '../testing/test-server';
import { expectNoErrors, record, upsertCatalog } from '../testing/operations';

const ACCOUNT = 'acct_series';
/** March 2026 in Berlin: 31 local days, the 29th 23 hours long. */
const MARCH = { from: '2026-02-28T23:00:00.000Z', to: '2026-03-31T22:00:00.000Z' };
const FEBRUARY = { from: '2026-01-31T23:00:00.000Z', to: '2026-02-28T23:00:00.000Z' };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const SERIES_PAGE = /* GraphQL */ `
  query SeriesPage($accountId: ID!, $window: UsageWindowInput, $asOf: DateTime, $granularity: Granularity!) {
    account(id: $accountId) {
      usage(window: $window, asOf: $asOf) {
        totalCredits
        series(granularity: $granularity) { from to credits }
        comparison { window { from to } totalCredits }
        workspaces {
          workspace { id }
          credits previousCredits change
          byKind { kind credits }
          series(granularity: $granularity) { from to credits }
          campaigns { campaign { id } label credits previousCredits change }
        }
      }
    }
  }
`;

const EXPAND = /* GraphQL */ `
  query ExpandSeries($workspaceId: ID!, $window: UsageWindowInput!) {
    workspaceUsage(workspaceId: $workspaceId, window: $window) {
      credits previousCredits change byKind { kind credits }
      series { from to credits }
      campaigns { campaign { id } credits previousCredits change series { credits } }
    }
  }
`;

type Bucket = { from: string; to: string; credits: number };
const total = (buckets: Bucket[]) => buckets.reduce((sum, bucket) => sum + bucket.credits, 0);

describeEachDatabase('usage over time', (kind) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(kind);
    await upsertCatalog(server, {
      accountId: ACCOUNT,
      timezone: 'Europe/Berlin',
      workspaces: [
        { id: 'ws_a', name: 'Alpha', campaigns: [{ id: 'c_doubled' }, { id: 'c_new' }, { id: 'c_stopped' }] },
        { id: 'ws_b', name: 'Beta' },
      ],
    });
    expectNoErrors(
      await record(server, [
        // February: c_doubled 100, c_stopped 50, No campaign 20; Beta 10.
        { key: 'f1', accountId: ACCOUNT, workspaceId: 'ws_a', campaignId: 'c_doubled', credits: 100, occurredAt: '2026-02-10T10:00:00Z' },
        { key: 'f2', accountId: ACCOUNT, workspaceId: 'ws_a', campaignId: 'c_stopped', credits: 50, occurredAt: '2026-02-11T10:00:00Z' },
        { key: 'f3', accountId: ACCOUNT, workspaceId: 'ws_a', credits: 20, occurredAt: '2026-02-12T10:00:00Z' },
        { key: 'f4', accountId: ACCOUNT, workspaceId: 'ws_b', credits: 10, occurredAt: '2026-02-12T10:00:00Z' },
        // March: c_doubled 200 (the first at Berlin midnight of 1 March, the last on the 23-hour day), c_new 30, No campaign 15; Beta 7.
        { key: 'm1', accountId: ACCOUNT, workspaceId: 'ws_a', campaignId: 'c_doubled', credits: 120, occurredAt: '2026-02-28T23:00:00Z' },
        { key: 'm2', accountId: ACCOUNT, workspaceId: 'ws_a', campaignId: 'c_doubled', credits: 80, occurredAt: '2026-03-29T21:59:59.999Z' },
        { key: 'm3', accountId: ACCOUNT, workspaceId: 'ws_a', campaignId: 'c_new', credits: 30, occurredAt: '2026-03-15T12:00:00Z' },
        { key: 'm4', accountId: ACCOUNT, workspaceId: 'ws_a', kind: 'REPLY', credits: 15, occurredAt: '2026-03-31T21:30:00Z' },
        { key: 'm5', accountId: ACCOUNT, workspaceId: 'ws_b', credits: 7, occurredAt: '2026-03-02T00:00:00Z' },
      ]),
    );
  });
  afterAll(() => server.stop());

  async function page(variables: Record<string, unknown>, token?: string) {
    const response = await server.graphql(SERIES_PAGE, { accountId: ACCOUNT, granularity: 'DAY', ...variables }, token);
    expectNoErrors(response);
    return response.data!.account.usage;
  }

  it('lists every local day of a Berlin month, zeros included, the DST day 23 hours long, summing to every row', async () => {
    const usage = await page({ window: MARCH });
    const series: Bucket[] = usage.series;
    expect(series).toHaveLength(31);
    expect(series[0]).toEqual({ from: MARCH.from, to: '2026-03-01T23:00:00.000Z', credits: 120 });
    expect(series[28]).toEqual({ from: '2026-03-28T23:00:00.000Z', to: '2026-03-29T22:00:00.000Z', credits: 80 });
    expect(series[30]!.to).toBe(MARCH.to);
    expect(series.filter((bucket) => bucket.credits === 0)).toHaveLength(31 - 5);
    expect(total(series)).toBe(usage.totalCredits);
    for (const workspace of usage.workspaces) {
      expect(total(workspace.series)).toBe(workspace.credits);
      expect(workspace.series.map((bucket: Bucket) => bucket.from)).toEqual(series.map((bucket) => bucket.from));
    }
  });

  it('compares a billing period with the one before it: previousCredits, change, new rows and the account total', async () => {
    const usage = await page({ window: MARCH });
    expect(usage.comparison).toEqual({ window: FEBRUARY, totalCredits: 180 });
    const alpha = usage.workspaces.find((row: any) => row.workspace.id === 'ws_a');
    // The stopped campaign has no row in March; its 50 credits are in Alpha's previousCredits.
    expect(alpha).toMatchObject({ credits: 245, previousCredits: 170, change: (245 - 170) / 170 });
    expect(alpha.campaigns.map((row: any) => [row.label, row.credits, row.previousCredits, row.change])).toEqual([
      ['Campaign c_doubled', 200, 100, 1],
      ['Campaign c_new', 30, 0, null],
      ['No campaign', 15, 20, -0.25],
    ]);
    expect(alpha.byKind).toEqual([
      { kind: 'FIRST_EMAIL_DRAFT', credits: 230 },
      { kind: 'REPLY', credits: 15 },
    ]);
  });

  it('answers the expand query with the same series and comparison as the page', async () => {
    const response = await server.graphql(EXPAND, { workspaceId: 'ws_a', window: MARCH });
    expectNoErrors(response);
    const row = response.data!.workspaceUsage;
    expect(row).toMatchObject({ credits: 245, previousCredits: 170, byKind: [{ kind: 'FIRST_EMAIL_DRAFT', credits: 230 }, { kind: 'REPLY', credits: 15 }] });
    expect(row.series).toHaveLength(31);
    expect(total(row.series)).toBe(245);
    for (const campaign of row.campaigns) expect(campaign.series).toHaveLength(31);
    expect(row.campaigns.map((campaign: any) => [campaign.campaign?.id ?? null, campaign.previousCredits, campaign.change, total(campaign.series)])).toEqual([
      ['c_doubled', 100, 1, 200],
      ['c_new', 0, null, 30],
      [null, 20, -0.25, 15],
    ]);
  });

  it('cuts the comparison of a running window to its elapsed part, at the same asOf', async () => {
    // asOf at 10 March 00:00 Berlin: nothing recorded yet counts, and February is cut to 9 days from its start.
    const usage = await page({ window: MARCH, asOf: '2026-03-09T23:00:00.000Z' });
    expect(usage.comparison).toEqual({ window: { from: FEBRUARY.from, to: '2026-02-09T23:00:00.000Z' }, totalCredits: 0 });
  });

  it('compares a running window at the real asOf with only the elapsed part of the one before', async () => {
    const now = Date.now();
    const from = new Date(now - 10 * DAY);
    const window = { from: from.toISOString(), to: new Date(now + 20 * DAY).toISOString() };
    expectNoErrors(
      await record(server, [
        { key: 'r1', accountId: ACCOUNT, workspaceId: 'ws_b', credits: 5, occurredAt: new Date(from.getTime() - 25 * DAY).toISOString() },
        { key: 'r2', accountId: ACCOUNT, workspaceId: 'ws_b', credits: 9, occurredAt: new Date(from.getTime() - 15 * DAY).toISOString() },
        { key: 'r3', accountId: ACCOUNT, workspaceId: 'ws_b', credits: 4, occurredAt: new Date(from.getTime() + DAY).toISOString() },
      ]),
    );
    const usage = await page({ window });
    expect(Date.parse(usage.comparison.window.from)).toBe(from.getTime() - 30 * DAY);
    expect(Date.parse(usage.comparison.window.to)).toBeLessThan(from.getTime() - 19 * DAY);
    expect(usage.comparison.totalCredits).toBe(5);
    expect(usage.workspaces).toEqual([expect.objectContaining({ credits: 4, previousCredits: 5, change: -0.2 })]);
    expect(total(usage.series)).toBe(4);
  });

  it('has an empty comparison window when asOf is at or before the window start', async () => {
    const usage = await page({ window: MARCH, asOf: '2026-02-20T00:00:00.000Z' });
    expect(usage.comparison).toEqual({ window: { from: FEBRUARY.from, to: FEBRUARY.from }, totalCredits: 0 });
  });

  it('shows a workspace-scoped token the series and comparison of its workspaces only', async () => {
    const minted = await server.graphql(`mutation { createEmbedToken(accountId: "${ACCOUNT}", workspaceIds: ["ws_b"]) { token } }`);
    expectNoErrors(minted);
    const usage = await page({ window: MARCH }, minted.data!.createEmbedToken.token);
    expect(usage.totalCredits).toBe(7);
    expect(total(usage.series)).toBe(7);
    expect(usage.comparison.totalCredits).toBe(10);
    expect(usage.workspaces.map((row: any) => [row.workspace.id, row.previousCredits])).toEqual([['ws_b', 10]]);
  });

  it('lists the 25 local hours of the day Berlin leaves DST, and weeks from Monday', async () => {
    const day = { from: '2026-10-24T22:00:00.000Z', to: '2026-10-25T23:00:00.000Z' };
    const hours = await page({ window: day, granularity: 'HOUR' });
    expect(hours.series).toHaveLength(25);
    const weeks = await page({ window: MARCH, granularity: 'WEEK' });
    expect(weeks.series.map((bucket: Bucket) => bucket.from)).toEqual([MARCH.from, '2026-03-01T23:00:00.000Z', '2026-03-08T23:00:00.000Z', '2026-03-15T23:00:00.000Z', '2026-03-22T23:00:00.000Z', '2026-03-29T22:00:00.000Z']);
    expect(total(weeks.series)).toBe(weeks.totalCredits);
    const month = await page({ window: { from: FEBRUARY.from, to: MARCH.to }, granularity: 'MONTH' });
    expect(month.series.map((bucket: Bucket) => bucket.credits)).toEqual([180, 252]);
  });

  it('refuses HOUR over a window longer than 31 days, naming granularity and the limit', async () => {
    const response = await server.graphql(SERIES_PAGE, { accountId: ACCOUNT, window: { from: FEBRUARY.from, to: '2026-03-04T00:00:00.000Z' }, granularity: 'HOUR' });
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toMatch(/granularity/);
    expect(response.errors?.[0]?.message).toMatch(/31 days/);
  });

  it('refuses an unknown granularity in a variable as BAD_USER_INPUT naming Granularity', async () => {
    const response = await server.graphql(SERIES_PAGE, { accountId: ACCOUNT, window: MARCH, granularity: 'YEAR' });
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toMatch(/granularity/i);
    expect(response.data ?? null).toBeNull();
  });
});
