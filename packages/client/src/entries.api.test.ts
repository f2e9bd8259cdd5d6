import { startTestServer, TEST_ADMIN_KEY, type TestServer } from '../../../server/src/testing/test-server';
import { describeEachDatabase } from '../../../server/src/testing/test-databases';
import { JUNE_2026, expectNoErrors, record, upsertCatalog } from '../../../server/src/testing/operations';
import { CreditlensClient } from './client.js';
import type { EntriesPage } from './results.js';

describeEachDatabase('the client on entries and final invoices', (kind) => {
  let server: TestServer;
  let client: CreditlensClient;

  beforeAll(async () => {
    server = await startTestServer(kind);
    client = new CreditlensClient({ endpoint: `${server.url}/graphql`, token: TEST_ADMIN_KEY, retry: { retries: 0 } });
    await upsertCatalog(server, { accountId: 'acct_le', workspaces: [{ id: 'ws_le', campaigns: [{ id: 'c_le' }] }] });
    expectNoErrors(
      await record(
        server,
        Array.from({ length: 23 }, (_, index) => ({ key: `le-${index}`, accountId: 'acct_le', workspaceId: 'ws_le', campaignId: index % 2 ? 'c_le' : null, kind: index % 2 ? 'REPLY' : 'LEAD_FINDING', credits: index, occurredAt: `2026-06-${10 + (index % 5)}T10:00:00Z` })),
      ),
    );
  });
  afterAll(() => server.stop());

  it('iterates over the pages of a row at one asOf, whatever arrives meanwhile, summing to its totals', async () => {
    const pages: EntriesPage[] = [];
    for await (const page of client.listEntries('acct_le', JUNE_2026, { filter: { workspaceId: 'ws_le', noCampaign: true }, pageSize: 5 })) {
      pages.push(page);
      await record(server, [{ key: `meanwhile-${pages.length}`, accountId: 'acct_le', workspaceId: 'ws_le', credits: 1000 }]);
    }
    const nodes = pages.flatMap((page) => page.edges.map((edge) => edge.node));
    expect(pages.length).toBe(3);
    expect(nodes.length).toBe(12);
    expect(nodes.every((node) => node.campaign === null)).toBe(true);
    expect(new Set(pages.map((page) => page.asOf)).size).toBe(1);
    expect(nodes.reduce((sum, node) => sum + node.credits, 0)).toBe(pages[0]!.totalCredits);
  });

  it('yields no page for an account the token may not see', async () => {
    const pages = [];
    for await (const page of client.listEntries('acct_nope', JUNE_2026)) pages.push(page);
    expect(pages).toEqual([]);
  });

  it('streams the entries CSV and closes a period, after which its invoice is final', async () => {
    let csv = '';
    for await (const chunk of client.streamEntriesCsv('acct_le', JUNE_2026, { filter: { campaignId: 'c_le' } })) csv += chunk;
    const lines = csv.split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('occurred_at,recorded_at,idempotency_key,workspace_id,campaign_id,kind,credits');
    expect(lines.length).toBe(1 + 11);
    const closed = await client.closeBillingPeriod('acct_le', JUNE_2026);
    expect(closed).toMatchObject({ final: true });
    await expect(client.getInvoice('acct_le', JUNE_2026)).resolves.toEqual(closed);
  });
});
