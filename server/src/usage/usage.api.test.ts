import { describeEachDatabase } from '../testing/test-databases';
import { startTestServer, type TestServer } from '../testing/test-server';
import { EXPAND_QUERY, JUNE_2026, PAGE_QUERY, PAGE_WITH_CAMPAIGNS_QUERY, expectNoErrors, record, upsertCatalog } from '../testing/operations';

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const tenths = (values: Array<number | null>) => sum(values.map((value) => Math.round((value ?? 0) * 10)));

describeEachDatabase('usage answers', (kind) => {
  let server: TestServer;
  const accountId = 'acct_usage';

  beforeAll(async () => {
    server = await startTestServer(kind);
    await upsertCatalog(server, {
      accountId,
      workspaces: [
        { id: 'ws_big', name: 'Big', campaigns: [{ id: 'c_a', name: 'Alpha' }, { id: 'c_b', name: 'Beta' }, { id: 'c_old', name: 'Old', archived: true }] },
        { id: 'ws_tie_b', name: 'Tie' },
        { id: 'ws_tie_a', name: 'Tie' },
        { id: 'ws_zed', name: 'Zed' },
        { id: 'ws_quiet', name: 'Quiet' },
      ],
    });
    expectNoErrors(
      await record(server, [
        { key: 'b1', accountId, workspaceId: 'ws_big', campaignId: 'c_a', credits: 500 },
        { key: 'b2', accountId, workspaceId: 'ws_big', campaignId: 'c_a', kind: 'REPLY', credits: 100 },
        { key: 'b3', accountId, workspaceId: 'ws_big', campaignId: 'c_b', credits: 250 },
        { key: 'b4', accountId, workspaceId: 'ws_big', campaignId: 'c_old', kind: 'LEAD_ENRICHMENT', credits: 50, occurredAt: '2026-06-29T10:00:00Z' },
        { key: 'b5', accountId, workspaceId: 'ws_big', kind: 'LEAD_FINDING', credits: 70 },
        { key: 'b6', accountId, workspaceId: 'ws_big', kind: 'SELF_LEARNING_AI', credits: 20 },
        { key: 'b7', accountId, workspaceId: 'ws_big', kind: 'REPLY', credits: 10 },
        { key: 'b8', accountId, workspaceId: 'ws_big', campaignId: 'c_b', kind: 'REPLY', credits: -250 },
        { key: 't1', accountId, workspaceId: 'ws_tie_b', credits: 100 },
        { key: 't2', accountId, workspaceId: 'ws_tie_a', credits: 100 },
        { key: 'z1', accountId, workspaceId: 'ws_zed', credits: 100 },
        { key: 'edge-from', accountId, workspaceId: 'ws_zed', credits: 1, occurredAt: JUNE_2026.from },
        { key: 'edge-to', accountId, workspaceId: 'ws_zed', credits: 1000, occurredAt: JUNE_2026.to },
      ]),
    );
  });
  afterAll(() => server.stop());

  it('sorts workspaces by credits, then name, then id, and their credits add up to the account total', async () => {
    const response = await server.graphql(PAGE_QUERY, { accountId, window: JUNE_2026 });
    expectNoErrors(response);
    const usage = response.data!.account.usage;
    expect(usage.workspaces.map((row: any) => [row.workspace.id, row.credits])).toEqual([
      ['ws_big', 750],
      ['ws_zed', 101],
      ['ws_tie_a', 100],
      ['ws_tie_b', 100],
    ]);
    expect(usage.totalCredits).toBe(sum(usage.workspaces.map((row: any) => row.credits)));
    expect(usage.workspaces.find((row: any) => row.workspace.id === 'ws_quiet')).toBeUndefined();
  });

  it('gives shares as exact fractions and percents that sum to exactly 100.0', async () => {
    const { data } = await server.graphql(PAGE_QUERY, { accountId, window: JUNE_2026 });
    const rows = data!.account.usage.workspaces;
    expect(rows[0].share).toBeCloseTo(750 / 1051, 15);
    expect(tenths(rows.map((row: any) => row.percent))).toBe(1000);
  });

  it('counts the window half-open: an entry at from is in, one at to is out', async () => {
    const { data } = await server.graphql(EXPAND_QUERY, { workspaceId: 'ws_zed', window: JUNE_2026 });
    expect(data!.workspaceUsage.credits).toBe(101);
  });

  it('puts unattributed spend in the No campaign row, explained by its kinds', async () => {
    const { data } = await server.graphql(EXPAND_QUERY, { workspaceId: 'ws_big', window: JUNE_2026 });
    const rows = data!.workspaceUsage.campaigns;
    const noCampaign = rows.find((row: any) => row.campaign === null);
    expect(noCampaign).toMatchObject({ label: 'No campaign', credits: 100 });
    expect(noCampaign.byKind).toEqual([
      { kind: 'REPLY', credits: 10 },
      { kind: 'LEAD_FINDING', credits: 70 },
      { kind: 'SELF_LEARNING_AI', credits: 20 },
    ]);
    expect(sum(rows.map((row: any) => row.credits))).toBe(data!.workspaceUsage.credits);
    expect(tenths(rows.map((row: any) => row.percent))).toBe(1000);
  });

  it('sorts campaign rows by credits with the No campaign row in its place, and nets refunds', async () => {
    const { data } = await server.graphql(EXPAND_QUERY, { workspaceId: 'ws_big', window: JUNE_2026 });
    expect(data!.workspaceUsage.campaigns.map((row: any) => [row.label, row.credits])).toEqual([
      ['Alpha', 600],
      ['No campaign', 100],
      ['Old', 50],
      ['Beta', 0],
    ]);
    const old = data!.workspaceUsage.campaigns.find((row: any) => row.label === 'Old');
    expect(old.campaign).toEqual({ id: 'c_old', name: 'Old', archived: true });
  });

  it('answers the expand query with the same row the page shows, and campaign rows that add up to it', async () => {
    const page = await server.graphql(PAGE_WITH_CAMPAIGNS_QUERY, { accountId, window: JUNE_2026 });
    expectNoErrors(page);
    for (const row of page.data!.account.usage.workspaces) {
      expect(sum(row.campaigns.map((campaign: any) => campaign.credits))).toBe(row.credits);
      const expanded = await server.graphql(EXPAND_QUERY, { workspaceId: row.workspace.id, window: JUNE_2026, asOf: page.data!.account.usage.asOf });
      expect(expanded.data!.workspaceUsage.credits).toBe(row.credits);
      expect(expanded.data!.workspaceUsage.campaigns).toEqual(row.campaigns);
    }
  });

  it('shows renames everywhere, past windows included', async () => {
    await upsertCatalog(server, { accountId, workspaces: [{ id: 'ws_big', name: 'Renamed Big', campaigns: [{ id: 'c_a', name: 'Alpha 2' }] }] });
    const page = await server.graphql(PAGE_WITH_CAMPAIGNS_QUERY, { accountId, window: JUNE_2026 });
    const { data } = await server.graphql(PAGE_QUERY, { accountId, window: JUNE_2026 });
    expect(data!.account.usage.workspaces[0].workspace.name).toBe('Renamed Big');
    expect(page.data!.account.usage.workspaces[0].campaigns[0].label).toBe('Alpha 2');
    await upsertCatalog(server, { accountId, workspaces: [{ id: 'ws_big', name: 'Big', campaigns: [{ id: 'c_a', name: 'Alpha' }] }] });
  });

  it('keeps sums exact past 2^31 and up to 2^53 - 1', async () => {
    await upsertCatalog(server, { accountId: 'acct_huge', workspaces: [{ id: 'ws_huge' }] });
    const big = 2 ** 31 + 7;
    const entries = [0, 1, 2].map((i) => ({ key: `h${i}`, accountId: 'acct_huge', workspaceId: 'ws_huge', credits: big }));
    expectNoErrors(await record(server, [...entries, { key: 'h-max', accountId: 'acct_huge', workspaceId: 'ws_huge', credits: 2 ** 52 }]));
    const { data } = await server.graphql(PAGE_QUERY, { accountId: 'acct_huge', window: JUNE_2026 });
    expect(data!.account.usage.totalCredits).toBe(3 * big + 2 ** 52);
    expect(Number.isSafeInteger(data!.account.usage.totalCredits)).toBe(true);
  });

  it('rejects a window whose from is not before to, naming the argument', async () => {
    const response = await server.graphql(PAGE_QUERY, { accountId, window: { from: JUNE_2026.to, to: JUNE_2026.from } });
    expect(response.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(response.errors![0]!.message).toMatch(/window/);
    expect(response.errors![0]!.message).toMatch(/before/);
  });

  it('rejects a window longer than 366 days', async () => {
    const response = await server.graphql(PAGE_QUERY, { accountId, window: { from: '2025-01-01T00:00:00Z', to: '2026-01-03T00:00:00Z' } });
    expect(response.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(response.errors![0]!.message).toMatch(/366/);
  });

  it('rejects a DateTime without a time zone, saying what it expected', async () => {
    const response = await server.graphql(PAGE_QUERY, { accountId, window: { from: '2026-06-01', to: JUNE_2026.to } });
    expect(response.status).toBe(400);
    expect(response.errors![0]!.message).toMatch(/ISO-8601 instant/);
  });

  it('defaults the window to the current billing period in the account time zone', async () => {
    const { data } = await server.graphql(
      `query($id: ID!) { account(id: $id) { currentPeriod { from to } billingPeriods(last: 3) { from to } usage { window { from to } } } }`,
      { id: accountId },
    );
    const account = data!.account;
    expect(account.usage.window).toEqual(account.currentPeriod);
    expect(account.billingPeriods[0]).toEqual(account.currentPeriod);
    expect(account.billingPeriods[1].to).toBe(account.billingPeriods[0].from);
    expect(account.billingPeriods).toHaveLength(3);
    // Europe/Berlin: months start at 22:00 or 23:00 UTC the day before.
    expect(account.currentPeriod.from).toMatch(/T2[23]:00:00\.000Z$/);
  });

  it('bills a period exactly as its usage total, per kind', async () => {
    const { data } = await server.graphql(
      `query($id: ID!, $period: UsageWindowInput!) { account(id: $id) { invoice(period: $period) { totalCredits lines { kind credits } period { from to } } usage(window: $period) { totalCredits byKind { kind credits } } } }`,
      { id: accountId, period: JUNE_2026 },
    );
    expect(data!.account.invoice.totalCredits).toBe(data!.account.usage.totalCredits);
    expect(data!.account.invoice.lines).toEqual(data!.account.usage.byKind);
    expect(data!.account.invoice.period).toEqual(JUNE_2026);
  });

  it('refuses an invoice for a window that is not a billing period', async () => {
    const response = await server.graphql(
      `query($id: ID!, $period: UsageWindowInput!) { account(id: $id) { invoice(period: $period) { totalCredits } } }`,
      { id: accountId, period: { from: '2026-06-01T00:00:00Z', to: '2026-07-01T00:00:00Z' } },
    );
    expect(response.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period' });
    expect(response.errors![0]!.message).toMatch(/Europe\/Berlin/);
  });

  it('answers null, not an error, for an account or workspace that does not exist', async () => {
    const account = await server.graphql(PAGE_QUERY, { accountId: 'nope', window: JUNE_2026 });
    const workspace = await server.graphql(EXPAND_QUERY, { workspaceId: 'nope', window: JUNE_2026 });
    expect(account).toEqual({ status: 200, data: { account: null } });
    expect(workspace).toEqual({ status: 200, data: { workspaceUsage: null } });
  });
});
