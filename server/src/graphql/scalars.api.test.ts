import { describeEachDatabase } from '../testing/test-databases';
import { startTestServer, TEST_ADMIN_KEY, type TestServer } from '../testing/test-server';
import { JUNE_2026, entry, upsertCatalog, RECORD_USAGE } from '../testing/operations';

/** Dates a calendar does not have: each used to roll over silently into a real one. */
const IMPOSSIBLE = ['2026-02-30T00:00:00Z', '2026-06-01T24:00:00Z', '2026-13-01T00:00:00Z', '2026-06-31T12:00:00Z'];

describeEachDatabase('impossible dates', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
    await upsertCatalog(server, { accountId: 'acct_dates', workspaces: [{ id: 'ws_dates', campaigns: [] }] });
  });
  afterAll(() => server.stop());

  const expectNotReal = (response: { status: number; errors?: Array<{ message: string; extensions?: Record<string, any> }> }, date: string) => {
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors![0]!.message).toContain(`${JSON.stringify(date)} is not a real date`);
  };

  it.each(IMPOSSIBLE)('refuses %s in a DateTime variable', async (date) => {
    const response = await server.graphql(`query($w: UsageWindowInput!) { account(id: "acct_dates") { usage(window: $w) { totalCredits } } }`, { w: { from: date, to: JUNE_2026.to } });
    expectNotReal(response, date);
  });

  it.each(IMPOSSIBLE)('refuses %s in a DateTime literal', async (date) => {
    const response = await server.graphql(`{ account(id: "acct_dates") { usage(window: { from: "${JUNE_2026.from}", to: "${JUNE_2026.to}" }, asOf: "${date}") { totalCredits } } }`);
    expectNotReal(response, date);
  });

  it.each(IMPOSSIBLE)('refuses %s as an entry\'s occurredAt and records nothing', async (date) => {
    const response = await server.graphql(RECORD_USAGE, { entries: [entry({ key: `d-${date}`, accountId: 'acct_dates', workspaceId: 'ws_dates', credits: 1, occurredAt: date })] });
    expectNotReal(response, date);
    const rows = await server.scratch.db.reader.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM usage_entries WHERE account_id = ?', ['acct_dates']);
    expect(Number(rows[0]!.n)).toBe(0);
  });

  it.each(IMPOSSIBLE)('refuses %s as a CSV parameter with 400 naming the parameter', async (date) => {
    for (const name of ['from', 'to', 'asOf']) {
      const params = { accountId: 'acct_dates', ...JUNE_2026, [name]: date };
      const response = await fetch(`${server.url}/export/usage.csv?${new URLSearchParams(params)}`, { headers: { authorization: `Bearer ${TEST_ADMIN_KEY}` } });
      expect(response.status).toBe(400);
      const body = (await response.json()) as any;
      expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: name });
      expect(body.errors[0].message).toContain('is not a real date');
    }
  });
});
