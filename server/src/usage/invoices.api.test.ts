import { describeEachDatabase } from '../testing/test-databases';
import { startTestServer, type TestServer } from '../testing/test-server';
import { JUNE_2026, PAGE_QUERY, expectNoErrors, record, upsertCatalog } from '../testing/operations';

const INVOICE = `query($id: ID!, $period: UsageWindowInput!, $asOf: DateTime) { account(id: $id) { invoice(period: $period, asOf: $asOf) { period { from to } totalCredits lines { kind credits } asOf final closedAt } } }`;
const CLOSE = `mutation($id: ID!, $period: UsageWindowInput!) { closeBillingPeriod(accountId: $id, period: $period) { totalCredits lines { kind credits } asOf final closedAt } }`;
const JULY_2026 = { from: '2026-06-30T22:00:00.000Z', to: '2026-07-31T22:00:00.000Z' };

describeEachDatabase('final invoices', (kind) => {
  let server: TestServer;
  const accountId = 'acct_close';
  const invoice = async (period: typeof JUNE_2026, asOf?: string) => {
    const response = await server.graphql(INVOICE, { id: accountId, period, asOf });
    expectNoErrors(response);
    return response.data!.account.invoice;
  };

  beforeAll(async () => {
    server = await startTestServer(kind);
    await upsertCatalog(server, { accountId, workspaces: [{ id: 'ws_c1', campaigns: [{ id: 'c_c1' }] }, { id: 'ws_c2' }] });
    expectNoErrors(
      await record(server, [
        { key: 'j1', accountId, workspaceId: 'ws_c1', campaignId: 'c_c1', credits: 700 },
        { key: 'j2', accountId, workspaceId: 'ws_c2', credits: 172 },
      ]),
    );
  });
  afterAll(() => server.stop());

  it('answers a running invoice, not final, before the period is closed', async () => {
    const running = await invoice(JUNE_2026);
    expect(running).toMatchObject({ totalCredits: 872, final: false, closedAt: null });
    expect(Date.parse(running.asOf)).toBeGreaterThan(0);
  });

  it('closes only an ended billing period, only with the admin key', async () => {
    const current = await server.graphql<any>(`query($id: ID!) { account(id: $id) { currentPeriod { from to } } }`, { id: accountId });
    const open = await server.graphql(CLOSE, { id: accountId, period: current.data!.account.currentPeriod });
    expect(open.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(open.errors![0]!.message).toMatch(/period.*has not ended/);
    const notAPeriod = await server.graphql(CLOSE, { id: accountId, period: { from: '2026-06-01T00:00:00Z', to: '2026-07-01T00:00:00Z' } });
    expect(notAPeriod.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const key = await server.graphql<any>(`mutation { createApiKey(accountId: "${accountId}", scopes: [USAGE_READ, USAGE_WRITE]) { secret } }`);
    const byKey = await server.graphql(CLOSE, { id: accountId, period: JUNE_2026 }, key.data!.createApiKey.secret);
    expect(byKey.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await invoice(JUNE_2026)).final).toBe(false);
  });

  it('makes the invoice final, refuses entries dated in the period naming them, and never changes it again', async () => {
    const before = await invoice(JUNE_2026);
    const closed = await server.graphql(CLOSE, { id: accountId, period: JUNE_2026 });
    expectNoErrors(closed);
    const final = closed.data!.closeBillingPeriod;
    expect(final).toMatchObject({ totalCredits: 872, final: true });
    expect(Date.parse(final.asOf)).toBeGreaterThan(Date.parse(before.asOf));
    expect(final.closedAt).not.toBeNull();

    const late = await record(server, [
      { key: 'july-ok', accountId, workspaceId: 'ws_c1', credits: 5, occurredAt: '2026-07-10T00:00:00Z' },
      { key: 'june-late', accountId, workspaceId: 'ws_c1', credits: 500, occurredAt: '2026-06-29T10:00:00Z' },
    ]);
    expect(late.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(late.errors![0]!.message).toContain(
      `entries[1].occurredAt: 2026-06-29T10:00:00.000Z falls in the closed period [${JUNE_2026.from}, ${JUNE_2026.to})`,
    );
    expect(late.errors![0]!.message).toContain('record a correction as a new entry dated in an open period');
    expect(late.errors![0]!.extensions!.problems).toEqual([expect.objectContaining({ index: 1, field: 'occurredAt' })]);
    expect((await invoice(JULY_2026)).totalCredits).toBe(0);

    const retried = await record(server, [{ key: 'j2', accountId, workspaceId: 'ws_c2', credits: 172 }]);
    expectNoErrors(retried);
    expect(retried.data!.recordUsage).toEqual({ accepted: 0, duplicates: 1 });
    const changed = await record(server, [{ key: 'j2', accountId, workspaceId: 'ws_c2', credits: 173 }]);
    expect(changed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const again = await server.graphql(CLOSE, { id: accountId, period: JUNE_2026 });
    expect(again.data!.closeBillingPeriod).toEqual(final);
    expect(await invoice(JUNE_2026)).toMatchObject(final);
    expect(await invoice(JUNE_2026, new Date(Date.now() + 86_400_000).toISOString())).toMatchObject(final);
    expect(await invoice(JUNE_2026, before.asOf)).toMatchObject({ totalCredits: 872, final: false, closedAt: null, asOf: before.asOf });
    const page = await server.graphql(PAGE_QUERY, { accountId, window: JUNE_2026 });
    expect(page.data!.account.usage.totalCredits).toBe(final.totalCredits);
  });

  it('holds the close against writers racing it: none lands in the period after the close, none acknowledged is left out', async () => {
    const AUGUST = { from: '2026-07-31T22:00:00.000Z', to: '2026-08-31T22:00:00.000Z' };
    let acknowledged = 0;
    let sequence = 0;
    const writer = async () => {
      for (let round = 0; round < 8; round += 1) {
        sequence += 1;
        const response = await record(server, [{ key: `race-${sequence}`, accountId, workspaceId: 'ws_c1', credits: 3, occurredAt: '2026-08-15T12:00:00Z' }]);
        if (!response.errors) acknowledged += response.data!.recordUsage.accepted;
        else expect(response.errors[0]!.message).toContain('falls in the closed period');
      }
    };
    const close = (async () => {
      await new Promise((resolve) => setTimeout(resolve, 15));
      const response = await server.graphql(CLOSE, { id: accountId, period: AUGUST });
      expectNoErrors(response);
      return response.data!.closeBillingPeriod;
    })();
    const [final] = await Promise.all([close, writer(), writer(), writer()]);
    expect(final.totalCredits).toBe(3 * acknowledged);
    expect(await invoice(AUGUST)).toMatchObject({ totalCredits: final.totalCredits, final: true });
    const { data } = await server.graphql<any>(`query($w: UsageWindowInput!) { usageEntries(accountId: "${accountId}", window: $w, first: 500) { totalCount edges { node { recordedAt } } } }`, { w: AUGUST });
    expect(data.usageEntries.totalCount).toBe(acknowledged);
    for (const edge of data.usageEntries.edges) expect(Date.parse(edge.node.recordedAt)).toBeLessThanOrEqual(Date.parse(final.asOf));
  });
});
