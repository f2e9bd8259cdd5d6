import { withoutRequestIds } from '../testing/request-ids';
import { describeEachDatabase } from '../testing/test-databases';
import { startTestServer, TEST_ADMIN_KEY, type TestServer } from '../testing/test-server';
import { JUNE_2026, expectNoErrors, record, upsertCatalog } from '../testing/operations';
import { ENTRIES_EXPORT_BATCH } from './entries-export.route';

const ENTRIES = `query($window: UsageWindowInput!, $asOf: DateTime, $filter: UsageEntryFilter, $after: String) {
  usageEntries(accountId: "acct_ecsv", window: $window, asOf: $asOf, filter: $filter, first: 500, after: $after) {
    asOf pageInfo { hasNextPage endCursor } edges { node { idempotencyKey occurredAt recordedAt kind credits workspace { id } campaign { id } } } } }`;

describeEachDatabase('GET /export/entries.csv', (kind) => {
  let server: TestServer;
  const csv = (params: Record<string, string>, token: string | null = TEST_ADMIN_KEY) =>
    fetch(`${server.url}/export/entries.csv?${new URLSearchParams(params)}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  /** Every entry usageEntries lists, as the CSV would spell it. */
  async function apiLines(filter: Record<string, unknown> | null, asOf: string): Promise<string[]> {
    const lines: string[] = [];
    let after: string | null = null;
    do {
      const response: { data?: any; errors?: unknown[]; status: number } = await server.graphql(ENTRIES, { window: JUNE_2026, asOf, filter, after });
      expectNoErrors(response);
      const page: any = response.data!.usageEntries;
      for (const { node } of page.edges) {
        lines.push([node.occurredAt, node.recordedAt, node.idempotencyKey, node.workspace.id, node.campaign?.id ?? '', node.kind, node.credits].join(','));
      }
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    return lines;
  }

  beforeAll(async () => {
    server = await startTestServer(kind);
    await upsertCatalog(server, { accountId: 'acct_ecsv', workspaces: [{ id: 'ws_x', campaigns: [{ id: 'c_x' }] }, { id: 'ws_y' }] });
    await upsertCatalog(server, { accountId: 'acct_other', workspaces: [{ id: 'ws_other' }] });
    // More than one keyset batch, with ties on occurredAt across the batch boundary.
    const many = Array.from({ length: ENTRIES_EXPORT_BATCH + 321 }, (_, index) => ({
      key: `bulk-${String(index).padStart(5, '0')}`,
      accountId: 'acct_ecsv',
      workspaceId: index % 3 === 0 ? 'ws_y' : 'ws_x',
      campaignId: index % 3 === 1 ? 'c_x' : null,
      kind: index % 3 === 1 ? 'REPLY' : 'LEAD_FINDING',
      credits: (index % 17) - 3,
      occurredAt: `2026-06-${String(1 + (index % 28)).padStart(2, '0')}T10:00:00.000Z`,
    }));
    expectNoErrors(await record(server, many));
    expectNoErrors(await record(server, [{ key: '=HYPERLINK("x")', accountId: 'acct_ecsv', workspaceId: 'ws_x', credits: 9, occurredAt: '2026-06-12T00:00:00Z' }]));
  });
  afterAll(() => server.stop());

  it('streams exactly the entries usageEntries lists, in its order, at the same asOf, across keyset batches', async () => {
    const first = await server.graphql(ENTRIES, { window: JUNE_2026, filter: null });
    const asOf = first.data!.usageEntries.asOf;
    await record(server, [{ key: 'after-the-page', accountId: 'acct_ecsv', workspaceId: 'ws_x', credits: 1000 }]);
    for (const [params, filter] of [
      [{}, null],
      [{ workspaceId: 'ws_x' }, { workspaceId: 'ws_x' }],
      [{ workspaceId: 'ws_x', noCampaign: '1' }, { workspaceId: 'ws_x', noCampaign: true }],
      [{ campaignId: 'c_x' }, { campaignId: 'c_x' }],
    ] as const) {
      const response = await csv({ accountId: 'acct_ecsv', ...JUNE_2026, asOf, ...params });
      expect(response.status).toBe(200);
      expect(response.headers.get('x-creditlens-as-of')).toBe(asOf);
      const [header, ...lines] = (await response.text()).split('\r\n');
      expect(header).toBe('occurred_at,recorded_at,idempotency_key,workspace_id,campaign_id,kind,credits');
      expect(lines.pop()).toBe('');
      const expected = (await apiLines(filter, asOf)).map((line) => line.replace('=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`));
      expect(lines.length).toBeGreaterThan(0);
      expect(lines).toEqual(expected);
    }
  });

  it('writes a formula-like key as text', async () => {
    const text = await (await csv({ accountId: 'acct_ecsv', from: '2026-06-12T00:00:00Z', to: '2026-06-12T00:00:01Z' })).text();
    expect(text.split('\r\n')[1]).toBe(`2026-06-12T00:00:00.000Z,${text.split('\r\n')[1]!.split(',')[1]},"'=HYPERLINK(""x"")",ws_x,,LEAD_FINDING,9`);
  });

  it('answers 404 for another account and for none, and 400 naming a bad parameter', async () => {
    const key = await server.graphql<any>(`mutation { createApiKey(accountId: "acct_ecsv", scopes: [USAGE_READ]) { secret } }`);
    const secret = key.data!.createApiKey.secret;
    const foreign = await csv({ accountId: 'acct_other', ...JUNE_2026 }, secret);
    const missing = await csv({ accountId: 'acct_nope', ...JUNE_2026 }, secret);
    expect([foreign.status, missing.status]).toEqual([404, 404]);
    expect(withoutRequestIds(await foreign.text())).toBe(withoutRequestIds(await missing.text()));
    for (const [params, name] of [
      [{ noCampaign: '1', campaignId: 'c_x' }, 'noCampaign'],
      [{ noCampaign: 'yes' }, 'noCampaign'],
      [{ kinds: 'REPLY' }, 'kinds'],
      [{ from: 'June' }, 'from'],
    ] as const) {
      const response = await csv({ accountId: 'acct_ecsv', ...JUNE_2026, ...params });
      expect({ name, status: response.status }).toEqual({ name, status: 400 });
      expect(await response.text()).toContain(name);
    }
  });
});
