import { CreditlensClient } from '@creditlens/client';
import { describeEachDatabase } from '../../../server/src/testing/test-databases';
import { startTestServer, TEST_ADMIN_KEY, type TestServer } from '../../../server/src/testing/test-server';
import { record, upsertCatalog } from '../../../server/src/testing/operations';
import { chargebackReport } from './chargeback-report';

describeEachDatabase('the chargeback report example', (kind) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(kind);
    await upsertCatalog(server, {
      accountId: 'acct_agency',
      timezone: 'Europe/Berlin',
      workspaces: [
        { id: 'ws_acme', name: 'Acme', campaigns: [{ id: 'cmp_q3', name: 'Q3 Outbound' }] },
        { id: 'ws_globex', name: 'Globex' },
      ],
    });
    const base = { accountId: 'acct_agency' };
    const recorded = await record(server, [
      { ...base, key: 'a1', workspaceId: 'ws_acme', campaignId: 'cmp_q3', credits: 6_000, occurredAt: '2026-06-10T12:00:00Z' },
      { ...base, key: 'a2', workspaceId: 'ws_acme', credits: 1_500, occurredAt: '2026-06-11T12:00:00Z' },
      { ...base, key: 'g1', workspaceId: 'ws_globex', credits: 2_500, occurredAt: '2026-06-30T21:59:59Z' },
      // Not last month: July in Berlin (00:30 on 1 July), and the current month.
      { ...base, key: 'g2', workspaceId: 'ws_globex', credits: 999, occurredAt: '2026-06-30T22:30:00Z' },
    ]);
    expect(recorded.errors).toBeUndefined();
  });
  afterAll(() => server.stop());

  it('prints last month per client workspace with its campaigns and its share of the bill', async () => {
    const client = new CreditlensClient({ endpoint: `${server.url}/graphql`, token: TEST_ADMIN_KEY });
    const report = await chargebackReport(client, 'acct_agency', new Date('2026-07-15T10:00:00Z'));
    expect(report).toBe(
      [
        '# Account acct_agency: chargeback report for June 2026',
        '',
        "Bill: 10,000 credits. Campaign percentages are of their client's credits.",
        '',
        '## Acme: 7,500 credits, 75.0 % of the bill',
        '',
        '  Q3 Outbound      6,000   80.0 %',
        '  No campaign      1,500   20.0 %',
        '',
        '## Globex: 2,500 credits, 25.0 % of the bill',
        '',
        '  No campaign      2,500  100.0 %',
        '',
      ].join('\n'),
    );
  });
});
