import { describeEachDatabase } from '../testing/test-databases';
import { startTestServer, type TestServer } from '../testing/test-server';
import { expectNoErrors, record, upsertCatalog } from '../testing/operations';
import { paceSpan, project } from './budget-math';

const SET_BUDGET = `mutation($input: BudgetInput!) {
  setBudget(input: $input) { id workspace { id name } campaign { id name archived } creditsPerPeriod thresholds }
}`;
const DELETE_BUDGET = `mutation($id: ID!) { deleteBudget(id: $id) }`;
const LIST_BUDGETS = `query($accountId: ID!) { account(id: $accountId) { budgets { id workspace { id } campaign { id } creditsPerPeriod thresholds } } }`;
const CREATE_KEY = `mutation($accountId: ID!, $scopes: [ApiScope!]!) { createApiKey(accountId: $accountId, scopes: $scopes) { secret } }`;
const CREATE_EMBED = `mutation($accountId: ID!, $workspaceIds: [ID!]) { createEmbedToken(accountId: $accountId, workspaceIds: $workspaceIds) { token } }`;
const STATUS = 'budget { budget { id } period { from to } used crossed projectedCredits projectedRunOutAt }';
const PAGE = `query($accountId: ID!, $window: UsageWindowInput, $asOf: DateTime) {
  account(id: $accountId) { usage(window: $window, asOf: $asOf) {
    asOf ${STATUS}
    workspaces { workspace { id } credits ${STATUS} campaigns { campaign { id } credits ${STATUS} } }
  } }
}`;

describeEachDatabase('setBudget, deleteBudget and the budgets listing', (kind) => {
  let server: TestServer;
  let writeKey: string;
  let readKey: string;
  let otherWriteKey: string;
  beforeAll(async () => {
    server = await startTestServer(kind);
    await upsertCatalog(server, { accountId: 'acct', workspaces: [{ id: 'ws_a', campaigns: [{ id: 'c_a' }] }, { id: 'ws_b', campaigns: [{ id: 'c_b' }] }] });
    await upsertCatalog(server, { accountId: 'acct_other', workspaces: [{ id: 'ws_other', campaigns: [{ id: 'c_other' }] }] });
    writeKey = (await server.graphql(CREATE_KEY, { accountId: 'acct', scopes: ['USAGE_WRITE'] })).data!.createApiKey.secret;
    readKey = (await server.graphql(CREATE_KEY, { accountId: 'acct', scopes: ['USAGE_READ'] })).data!.createApiKey.secret;
    otherWriteKey = (await server.graphql(CREATE_KEY, { accountId: 'acct_other', scopes: ['USAGE_WRITE'] })).data!.createApiKey.secret;
  });
  afterAll(() => server.stop());

  const badField = async (input: Record<string, unknown>, token?: string) => {
    const response = await server.graphql(SET_BUDGET, { input }, token);
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    return response.errors![0]!.message;
  };

  it('sets a workspace budget with the default thresholds 50, 80 and 100', async () => {
    const response = await server.graphql(SET_BUDGET, { input: { accountId: 'acct', workspaceId: 'ws_a', creditsPerPeriod: 1000 } });
    expectNoErrors(response);
    expect(response.data!.setBudget).toEqual({ id: expect.stringMatching(/^bud_/), workspace: { id: 'ws_a', name: 'Workspace ws_a' }, campaign: null, creditsPerPeriod: 1000, thresholds: [50, 80, 100] });
  });

  it('replaces the budget of a scope that has one, keeping its id, with thresholds sorted', async () => {
    const first = await server.graphql(SET_BUDGET, { input: { accountId: 'acct', workspaceId: 'ws_b', creditsPerPeriod: 500 } });
    const second = await server.graphql(SET_BUDGET, { input: { accountId: 'acct', workspaceId: 'ws_b', creditsPerPeriod: 700, thresholds: [90, 25] } }, writeKey);
    expectNoErrors(second);
    expect(second.data!.setBudget).toMatchObject({ id: first.data!.setBudget.id, creditsPerPeriod: 700, thresholds: [25, 90] });
  });

  it('puts a campaign budget on the campaign and its workspace, found from the campaign alone', async () => {
    const response = await server.graphql(SET_BUDGET, { input: { accountId: 'acct', campaignId: 'c_a', creditsPerPeriod: 100 } });
    expectNoErrors(response);
    expect(response.data!.setBudget).toMatchObject({ workspace: { id: 'ws_a' }, campaign: { id: 'c_a', name: 'Campaign c_a', archived: false } });
  });

  it('lists the account budget first, then workspaces, then campaigns', async () => {
    expectNoErrors(await server.graphql(SET_BUDGET, { input: { accountId: 'acct', creditsPerPeriod: 5000, thresholds: [] } }));
    const response = await server.graphql(LIST_BUDGETS, { accountId: 'acct' }, readKey);
    expectNoErrors(response);
    expect(response.data!.account.budgets.map((b: any) => [b.workspace?.id ?? null, b.campaign?.id ?? null, b.thresholds])).toEqual([
      [null, null, []],
      ['ws_a', null, [50, 80, 100]],
      ['ws_b', null, [25, 90]],
      ['ws_a', 'c_a', [50, 80, 100]],
    ]);
  });

  it('lists to a workspace-scoped embed token only the budgets of its workspaces', async () => {
    const token = (await server.graphql(CREATE_EMBED, { accountId: 'acct', workspaceIds: ['ws_b'] })).data!.createEmbedToken.token;
    const response = await server.graphql(LIST_BUDGETS, { accountId: 'acct' }, token);
    expect(response.data!.account.budgets.map((b: any) => b.workspace.id)).toEqual(['ws_b']);
  });

  it('refuses credits per period of zero or less and thresholds outside 1–1,000 or repeated, naming the field', async () => {
    expect(await badField({ accountId: 'acct', creditsPerPeriod: 0 })).toMatch(/input\.creditsPerPeriod: must be a whole number of credits greater than 0, got 0/);
    expect(await badField({ accountId: 'acct', creditsPerPeriod: -5 })).toMatch(/input\.creditsPerPeriod/);
    expect(await badField({ accountId: 'acct', creditsPerPeriod: 10, thresholds: [0] })).toMatch(/input\.thresholds\[0\]: must be a whole percent from 1 to 1,000, got 0/);
    expect(await badField({ accountId: 'acct', creditsPerPeriod: 10, thresholds: [1001] })).toMatch(/input\.thresholds\[0\]/);
    expect(await badField({ accountId: 'acct', creditsPerPeriod: 10, thresholds: [50, 50] })).toMatch(/input\.thresholds\[1\]: 50 is already input\.thresholds\[0\]/);
  });

  it('answers an unknown and a foreign workspace with the same message, naming the field', async () => {
    const unknown = await badField({ accountId: 'acct', workspaceId: 'ws_nowhere', creditsPerPeriod: 10 }, writeKey);
    const foreign = await badField({ accountId: 'acct', workspaceId: 'ws_other', creditsPerPeriod: 10 }, writeKey);
    expect(unknown).toBe('input.workspaceId: unknown workspace "ws_nowhere" in account "acct"');
    expect(foreign).toBe(unknown.replace('ws_nowhere', 'ws_other'));
  });

  it('answers an unknown, a foreign and another workspace\'s campaign with the same message, naming the field', async () => {
    const unknown = await badField({ accountId: 'acct', workspaceId: 'ws_a', campaignId: 'c_nowhere', creditsPerPeriod: 10 });
    expect(unknown).toBe('input.campaignId: unknown campaign "c_nowhere" in workspace "ws_a"');
    expect(await badField({ accountId: 'acct', workspaceId: 'ws_a', campaignId: 'c_other', creditsPerPeriod: 10 })).toBe(unknown.replace('c_nowhere', 'c_other'));
    expect(await badField({ accountId: 'acct', workspaceId: 'ws_a', campaignId: 'c_b', creditsPerPeriod: 10 })).toBe(unknown.replace('c_nowhere', 'c_b'));
    expect(await badField({ accountId: 'acct', campaignId: 'c_other', creditsPerPeriod: 10 })).toBe('input.campaignId: unknown campaign "c_other" in account "acct"');
  });

  it('writes nothing when the input is bad', async () => {
    await badField({ accountId: 'acct', workspaceId: 'ws_a', creditsPerPeriod: 0 });
    const response = await server.graphql(LIST_BUDGETS, { accountId: 'acct' });
    expect(response.data!.account.budgets.find((b: any) => b.workspace?.id === 'ws_a' && !b.campaign).creditsPerPeriod).toBe(1000);
  });

  it('refuses an account outside the credential with FORBIDDEN, the same whether it exists or not', async () => {
    const foreign = await server.graphql(SET_BUDGET, { input: { accountId: 'acct_other', creditsPerPeriod: 10 } }, writeKey);
    const missing = await server.graphql(SET_BUDGET, { input: { accountId: 'acct_nowhere', creditsPerPeriod: 10 } }, writeKey);
    expect(foreign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(missing.errors![0]!.message).toBe(foreign.errors![0]!.message.replace('acct_other', 'acct_nowhere'));
  });

  it('refuses keys without USAGE_WRITE and embed tokens with FORBIDDEN', async () => {
    const token = (await server.graphql(CREATE_EMBED, { accountId: 'acct' })).data!.createEmbedToken.token;
    for (const credential of [readKey, token]) {
      expect((await server.graphql(SET_BUDGET, { input: { accountId: 'acct', creditsPerPeriod: 10 } }, credential)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await server.graphql(DELETE_BUDGET, { id: 'bud_x' }, credential)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('answers an unknown account of the admin key as bad input on accountId', async () => {
    expect(await badField({ accountId: 'acct_nowhere', creditsPerPeriod: 10 })).toMatch(/^input\.accountId: unknown account "acct_nowhere"/);
  });

  it('deletes a budget once; false for an unknown id and for another account\'s, which stays', async () => {
    const created = await server.graphql(SET_BUDGET, { input: { accountId: 'acct_other', workspaceId: 'ws_other', creditsPerPeriod: 10 } }, otherWriteKey);
    const id = created.data!.setBudget.id;
    expect((await server.graphql(DELETE_BUDGET, { id }, writeKey)).data!.deleteBudget).toBe(false);
    expect((await server.graphql(DELETE_BUDGET, { id: 'bud_nowhere' }, writeKey)).data!.deleteBudget).toBe(false);
    expect((await server.graphql(DELETE_BUDGET, { id }, otherWriteKey)).data!.deleteBudget).toBe(true);
    expect((await server.graphql(DELETE_BUDGET, { id })).data!.deleteBudget).toBe(false);
    expect((await server.graphql(LIST_BUDGETS, { accountId: 'acct_other' })).data!.account.budgets).toEqual([]);
  });
});

describeEachDatabase('budget status on usage rows', (kind) => {
  let server: TestServer;
  const accountId = 'acct_status';
  beforeAll(async () => {
    server = await startTestServer(kind);
    await upsertCatalog(server, { accountId, timezone: 'UTC', workspaces: [{ id: 'ws_1', campaigns: [{ id: 'c_1' }, { id: 'c_2' }] }, { id: 'ws_2' }, { id: 'ws_3' }] });
    for (const input of [
      { accountId, creditsPerPeriod: 10_000 },
      { accountId, workspaceId: 'ws_1', creditsPerPeriod: 1000 },
      { accountId, workspaceId: 'ws_2', creditsPerPeriod: 400 },
      { accountId, campaignId: 'c_1', creditsPerPeriod: 200, thresholds: [50, 100, 150] },
    ]) {
      expectNoErrors(await server.graphql(SET_BUDGET, { input }));
    }
  });
  afterAll(() => server.stop());

  const JUNE_UTC = { from: '2026-06-01T00:00:00.000Z', to: '2026-07-01T00:00:00.000Z' };

  it('answers used and crossed of a past period, without projection, and null on rows without a budget', async () => {
    expectNoErrors(
      await record(server, [
        { key: 'p1', accountId, workspaceId: 'ws_1', campaignId: 'c_1', credits: 250, occurredAt: '2026-06-03T00:00:00Z' },
        { key: 'p2', accountId, workspaceId: 'ws_1', credits: 600, occurredAt: '2026-06-04T00:00:00Z' },
        { key: 'p3', accountId, workspaceId: 'ws_2', credits: 100, occurredAt: '2026-06-05T00:00:00Z' },
        { key: 'p4', accountId, workspaceId: 'ws_3', credits: 5, occurredAt: '2026-06-05T00:00:00Z' },
      ]),
    );
    const response = await server.graphql(PAGE, { accountId, window: JUNE_UTC });
    expectNoErrors(response);
    const usage = response.data!.account.usage;
    expect(usage.budget).toMatchObject({ period: JUNE_UTC, used: 955 / 10_000, crossed: [], projectedCredits: null, projectedRunOutAt: null });
    const rows = Object.fromEntries(usage.workspaces.map((row: any) => [row.workspace.id, row]));
    expect(rows.ws_1.budget).toMatchObject({ used: 0.85, crossed: [50, 80], projectedCredits: null });
    expect(rows.ws_2.budget).toMatchObject({ used: 0.25, crossed: [] });
    expect(rows.ws_3.budget).toBeNull();
    const campaigns = Object.fromEntries(rows.ws_1.campaigns.map((row: any) => [row.campaign?.id ?? 'none', row]));
    expect(campaigns.c_1.budget).toMatchObject({ used: 1.25, crossed: [50, 100] });
    expect(campaigns.none.budget).toBeNull();
  });

  it('counts the whole billing period that contains the window\'s from, and used is null when the window spans two periods', async () => {
    const part = await server.graphql(PAGE, { accountId, window: { from: '2026-06-04T00:00:00Z', to: '2026-06-05T00:00:00Z' } });
    const ws1 = part.data!.account.usage.workspaces.find((row: any) => row.workspace.id === 'ws_1');
    expect(ws1.credits).toBe(600);
    expect(ws1.budget).toMatchObject({ period: JUNE_UTC, used: 0.85 });
    const spanning = await server.graphql(PAGE, { accountId, window: { from: '2026-06-04T00:00:00Z', to: '2026-07-05T00:00:00Z' } });
    expect(spanning.data!.account.usage.budget).toMatchObject({ period: JUNE_UTC, used: null });
  });

  it('keeps a crossed threshold listed after a refund takes the scope back below it', async () => {
    expectNoErrors(await record(server, [{ key: 'refund', accountId, workspaceId: 'ws_1', credits: -500, occurredAt: '2026-06-06T00:00:00Z' }]));
    const response = await server.graphql(PAGE, { accountId, window: JUNE_UTC });
    const ws1 = response.data!.account.usage.workspaces.find((row: any) => row.workspace.id === 'ws_1');
    expect(ws1.budget).toMatchObject({ used: 0.35, crossed: [50, 80] });
  });

  it('counts at the page\'s asOf: an earlier snapshot shows the period as it was', async () => {
    const before = (await server.graphql(PAGE, { accountId, window: JUNE_UTC })).data!.account.usage.asOf;
    expectNoErrors(await record(server, [{ key: 'later', accountId, workspaceId: 'ws_2', credits: 100, occurredAt: '2026-06-07T00:00:00Z' }]));
    const old = await server.graphql(PAGE, { accountId, window: JUNE_UTC, asOf: before });
    expect(old.data!.account.usage.workspaces.find((row: any) => row.workspace.id === 'ws_2').budget.used).toBe(0.25);
    const now = await server.graphql(PAGE, { accountId, window: JUNE_UTC });
    expect(now.data!.account.usage.workspaces.find((row: any) => row.workspace.id === 'ws_2').budget.used).toBe(0.5);
  });

  it('projects the current period at the pace of the last 168 hours, exactly as the formula says', async () => {
    const now = Date.now();
    const periodFrom = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), 1);
    // Entries inside the current period, some older than the pace span when the period is long enough.
    const entries = [
      { key: 'n1', credits: 40, at: Math.max(periodFrom, now - 2 * 3_600_000) },
      { key: 'n2', credits: 30, at: Math.max(periodFrom, now - 30 * 3_600_000) },
      { key: 'n3', credits: 20, at: Math.max(periodFrom, now - 200 * 3_600_000) },
    ];
    expectNoErrors(await record(server, entries.map((e) => ({ key: e.key, accountId, workspaceId: 'ws_2', credits: e.credits, occurredAt: new Date(e.at).toISOString() }))));
    const response = await server.graphql(PAGE, { accountId });
    expectNoErrors(response);
    const usage = response.data!.account.usage;
    const asOf = Date.parse(usage.asOf);
    const status = usage.workspaces.find((row: any) => row.workspace.id === 'ws_2').budget;
    const period = { from: Date.parse(status.period.from), to: Date.parse(status.period.to) };
    expect(period.from).toBe(periodFrom);
    const span = paceSpan(period.from, asOf);
    const soFar = entries.reduce((sum, e) => sum + BigInt(e.credits), 0n);
    const pace = entries.filter((e) => e.at >= span.from && e.at < span.to).reduce((sum, e) => sum + BigInt(e.credits), 0n);
    const expected = project({ period, asOf, creditsSoFar: soFar, paceCredits: pace, creditsPerPeriod: 400n })!;
    expect(status.used).toBe(Number(soFar) / 400);
    expect(status.projectedCredits).toBe(Number(expected.projectedCredits));
    expect(status.projectedRunOutAt).toBe(expected.projectedRunOutAt === null ? null : new Date(expected.projectedRunOutAt).toISOString());
    expect(status.projectedCredits).toBeGreaterThanOrEqual(90);
  });

  it('answers AccountUsage.budget null under a workspace-scoped token, and the workspace rows it sees', async () => {
    const token = (await server.graphql(CREATE_EMBED, { accountId, workspaceIds: ['ws_1'] })).data!.createEmbedToken.token;
    const response = await server.graphql(PAGE, { accountId, window: JUNE_UTC }, token);
    expectNoErrors(response);
    expect(response.data!.account.usage.budget).toBeNull();
    expect(response.data!.account.usage.workspaces.map((row: any) => [row.workspace.id, row.budget.used])).toEqual([['ws_1', 0.35]]);
  });

  it('answers the statuses of every row from a bounded number of statements, not one per row', async () => {
    const count = async () => {
      server.statements.length = 0;
      expectNoErrors(await server.graphql(PAGE, { accountId, window: JUNE_UTC }));
      return server.statements.filter((sql) => /budget/.test(sql) || /usage_(workspace|kind|campaign)/.test(sql)).length;
    };
    const before = await count();
    for (const id of ['ws_4', 'ws_5', 'ws_6']) {
      await server.graphql(`mutation($input: WorkspaceInput!) { upsertWorkspace(input: $input) { id } }`, { input: { id, accountId, name: id } });
      expectNoErrors(await server.graphql(SET_BUDGET, { input: { accountId, workspaceId: id, creditsPerPeriod: 10 } }));
      expectNoErrors(await record(server, [{ key: `more-${id}`, accountId, workspaceId: id, credits: 7, occurredAt: '2026-06-08T00:00:00Z' }]));
    }
    expect(await count()).toBe(before);
  });

  it('answers budget null on every row of an account without budgets, reading only its budget list', async () => {
    await upsertCatalog(server, { accountId: 'acct_plain', timezone: 'UTC', workspaces: [{ id: 'ws_plain' }] });
    expectNoErrors(await record(server, [{ key: 'x', accountId: 'acct_plain', workspaceId: 'ws_plain', credits: 5, occurredAt: '2026-06-08T00:00:00Z' }]));
    server.statements.length = 0;
    const response = await server.graphql(PAGE, { accountId: 'acct_plain', window: JUNE_UTC });
    expect(response.data!.account.usage.budget).toBeNull();
    expect(response.data!.account.usage.workspaces[0].budget).toBeNull();
    expect(server.statements.filter((sql) => /budget/.test(sql))).toHaveLength(1);
  });
});
