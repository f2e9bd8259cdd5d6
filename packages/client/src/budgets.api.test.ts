import { startTestServer, TEST_ADMIN_KEY, type TestServer } from '../../../server/src/testing/test-server';
import { describeEachDatabase } from '../../../server/src/testing/test-databases';
import { JUNE_2026, record, upsertCatalog } from '../../../server/src/testing/operations';
import { CreditlensClient } from './client.js';
import { CreditlensError } from './errors.js';

describeEachDatabase('the client\'s budget methods against a real server', (kind) => {
  let server: TestServer;
  let client: CreditlensClient;
  beforeAll(async () => {
    server = await startTestServer(kind);
    client = new CreditlensClient({ endpoint: `${server.url}/graphql`, token: TEST_ADMIN_KEY, retry: { retries: 0 } });
    await upsertCatalog(server, { accountId: 'acct_b', timezone: 'Europe/Berlin', workspaces: [{ id: 'ws_1', name: 'Acme', campaigns: [{ id: 'cmp_a', name: 'Alpha' }] }] });
  });
  afterAll(() => server.stop());

  it('sets, lists, replaces and deletes budgets', async () => {
    const account = await client.setBudget({ accountId: 'acct_b', creditsPerPeriod: 10_000 });
    const campaign = await client.setBudget({ accountId: 'acct_b', campaignId: 'cmp_a', creditsPerPeriod: 100, thresholds: [80] });
    expect(campaign).toEqual({ id: expect.stringMatching(/^bud_/), workspace: { id: 'ws_1', name: 'Acme' }, campaign: { id: 'cmp_a', name: 'Alpha', archived: false }, creditsPerPeriod: 100, thresholds: [80] });
    const replaced = await client.setBudget({ accountId: 'acct_b', campaignId: 'cmp_a', creditsPerPeriod: 200 });
    expect(replaced).toMatchObject({ id: campaign.id, creditsPerPeriod: 200, thresholds: [50, 80, 100] });
    expect((await client.listBudgets('acct_b'))!.map((budget) => budget.id)).toEqual([account.id, campaign.id]);
    expect(await client.deleteBudget(account.id)).toBe(true);
    expect(await client.deleteBudget(account.id)).toBe(false);
    expect(await client.listBudgets('acct_nowhere')).toBeNull();
  });

  it('gives bad input as a CreditlensError naming the field', async () => {
    const error = (await client.setBudget({ accountId: 'acct_b', workspaceId: 'ws_1', creditsPerPeriod: 0 }).catch((e: unknown) => e)) as CreditlensError;
    expect(error).toBeInstanceOf(CreditlensError);
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(/input\.creditsPerPeriod/);
  });

  it('reads the budget status on the rows of a breakdown', async () => {
    await client.setBudget({ accountId: 'acct_b', campaignId: 'cmp_a', creditsPerPeriod: 200 });
    await record(server, [{ key: 'b1', accountId: 'acct_b', workspaceId: 'ws_1', campaignId: 'cmp_a', credits: 170 }]);
    const breakdown = await client.getAccountBreakdown('acct_b', { window: JUNE_2026 });
    const row = breakdown!.usage.workspaces[0]!;
    expect(row.budget).toBeNull();
    expect(row.campaigns[0]!.budget).toMatchObject({ used: 0.85, crossed: [50, 80], period: JUNE_2026, projectedCredits: null });
  });
});
