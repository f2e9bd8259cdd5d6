import { describeEachDatabase } from '../testing/test-databases';
import { startTestServer, type TestServer } from '../testing/test-server';
import { JUNE_2026, PAGE_QUERY, RECORD_USAGE, entry, expectNoErrors, record, upsertCatalog, type EntrySpec } from '../testing/operations';

describeEachDatabase('recordUsage', (kind) => {
  let server: TestServer;
  const accountId = 'acct_rec';
  const other = 'acct_other';

  beforeAll(async () => {
    server = await startTestServer(kind);
    await upsertCatalog(server, {
      accountId,
      workspaces: [
        { id: 'ws_1', campaigns: [{ id: 'c_1' }, { id: 'c_archived', archived: true }] },
        { id: 'ws_2', campaigns: [{ id: 'c_2' }] },
      ],
    });
    await upsertCatalog(server, { accountId: other, workspaces: [{ id: 'ws_other', campaigns: [{ id: 'c_other' }] }] });
  });
  afterAll(() => server.stop());

  async function totalOf(account: string): Promise<number> {
    const { data } = await server.graphql(PAGE_QUERY, { accountId: account, window: JUNE_2026 });
    return data!.account.usage.totalCredits;
  }

  const e = (key: string, credits: number, extra: Partial<EntrySpec> = {}): EntrySpec => ({ key, accountId, workspaceId: 'ws_1', credits, ...extra });

  it('records a batch and counts it as accepted', async () => {
    const response = await record(server, [e('a1', 10), e('a2', 20, { campaignId: 'c_1' })]);
    expect(response.data!.recordUsage).toEqual({ accepted: 2, duplicates: 0 });
    expect(await totalOf(accountId)).toBe(30);
  });

  it('counts a resent batch as duplicates and changes nothing', async () => {
    const before = await totalOf(accountId);
    const response = await record(server, [e('a1', 10), e('a2', 20, { campaignId: 'c_1' })]);
    expect(response.data!.recordUsage).toEqual({ accepted: 0, duplicates: 2 });
    expect(await totalOf(accountId)).toBe(before);
  });

  it('answers a resent batch from one lookup of the ledger, without taking the account clock or writing anything', async () => {
    const batch = Array.from({ length: 300 }, (_, i) => e(`resend-${i}`, 1 + (i % 7), { workspaceId: i % 2 === 0 ? 'ws_1' : 'ws_2' }));
    expectNoErrors(await record(server, batch));
    server.statements.length = 0;
    const response = await record(server, batch);
    expect(response.data!.recordUsage).toEqual({ accepted: 0, duplicates: 300 });
    const ledgerReads = server.statements.filter((sql) => /FROM usage_entries/.test(sql));
    expect(ledgerReads).toHaveLength(1);
    expect(server.statements.filter((sql) => /^\s*(INSERT|UPDATE|DELETE|SAVEPOINT|BEGIN)/i.test(sql))).toEqual([]);
  });

  it('refuses a resent batch whose keys are all recorded when one of them differs, naming it, and writes nothing', async () => {
    const before = await totalOf(accountId);
    const response = await record(server, [e('a1', 10), e('a2', 21, { campaignId: 'c_1' })]);
    expect(response.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(response.errors![0]!.message).toContain('entries[1].idempotencyKey');
    expect(response.errors![0]!.message).toContain('credits: 20 vs 21');
    expect(await totalOf(accountId)).toBe(before);
  });

  it('records the new entries of a batch that also resends recorded ones, and counts only those', async () => {
    const before = await totalOf(accountId);
    const response = await record(server, [e('a1', 10), e('mixed-1', 7), e('a2', 20, { campaignId: 'c_1' }), e('mixed-2', 3, { campaignId: 'c_1' })]);
    expect(response.data!.recordUsage).toEqual({ accepted: 2, duplicates: 2 });
    expect(await totalOf(accountId)).toBe(before + 10);
  });

  it('rejects a known key with different content, naming the entry and what differs, and writes nothing of the batch', async () => {
    const before = await totalOf(accountId);
    const response = await record(server, [e('fresh-1', 5), e('a1', 11)]);
    expect(response.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(response.errors![0]!.message).toContain('entries[1].idempotencyKey');
    expect(response.errors![0]!.message).toContain('credits: 10 vs 11');
    expect(response.errors![0]!.extensions!.problems).toEqual([expect.objectContaining({ index: 1, field: 'idempotencyKey' })]);
    expect(await totalOf(accountId)).toBe(before);
    // fresh-1 was not written: sending it alone now is accepted, not a duplicate.
    expect((await record(server, [e('fresh-1', 5)])).data!.recordUsage).toEqual({ accepted: 1, duplicates: 0 });
  });

  it('keeps idempotency keys with quotes, commas, braces, backslashes and NULL-like text exactly', async () => {
    const keys = ['a "quoted", key', '{braced}', 'back\\slash\\', 'NULL', 'naïve ✓ key', ' '];
    const batch = keys.map((key, i) => e(key, 1 + i, i % 2 ? { campaignId: 'c_2', workspaceId: 'ws_2' } : {}));
    const before = await totalOf(accountId);
    expect((await record(server, batch)).data!.recordUsage).toEqual({ accepted: keys.length, duplicates: 0 });
    expect((await record(server, batch)).data!.recordUsage).toEqual({ accepted: 0, duplicates: keys.length });
    expect(await totalOf(accountId)).toBe(before + 21);
  });

  it('counts a key repeated with the same content inside one batch once', async () => {
    const response = await record(server, [e('rep', 7), e('rep', 7), e('rep', 7)]);
    expect(response.data!.recordUsage).toEqual({ accepted: 1, duplicates: 2 });
  });

  it('rejects a key repeated with different content inside one batch, naming both indexes', async () => {
    const response = await record(server, [e('clash', 7), e('ok', 1), e('clash', 8)]);
    expect(response.errors![0]!.message).toContain('entries[2].idempotencyKey');
    expect(response.errors![0]!.message).toContain('entries[0]');
  });

  it('names every bad entry by index, field and reason, and writes none of the batch', async () => {
    const before = await totalOf(accountId);
    const response = await record(server, [
      e('good', 100),
      e('bad-account', 1, { accountId: 'acct_missing' }),
      e('bad-workspace', 1, { workspaceId: 'ws_missing' }),
      e('bad-campaign', 1, { campaignId: 'c_missing' }),
      e('wrong-workspace', 1, { campaignId: 'c_2' }),
      e('never-attributed', 1, { campaignId: 'c_1', kind: 'LEAD_FINDING' }),
      e('', 1),
    ]);
    const error = response.errors![0]!;
    expect(error.extensions!.code).toBe('BAD_USER_INPUT');
    expect(error.extensions!.problems.map((p: any) => [p.index, p.field])).toEqual([
      [1, 'accountId'],
      [2, 'workspaceId'],
      [3, 'campaignId'],
      [4, 'campaignId'],
      [5, 'campaignId'],
      [6, 'idempotencyKey'],
    ]);
    expect(error.message).toMatch(/entries\[1\]\.accountId: unknown account "acct_missing"/);
    expect(error.message).toMatch(/entries\[5\]\.campaignId: LEAD_FINDING is never attributed/);
    expect(await totalOf(accountId)).toBe(before);
  });

  it("treats another account's workspace exactly like an unknown one", async () => {
    const foreign = await record(server, [e('x1', 1, { workspaceId: 'ws_other' })]);
    const missing = await record(server, [e('x1', 1, { workspaceId: 'ws_nowhere' })]);
    expect(foreign.errors![0]!.message.replace('ws_other', 'ID')).toBe(missing.errors![0]!.message.replace('ws_nowhere', 'ID'));
  });

  it('accepts late usage for an archived campaign', async () => {
    const response = await record(server, [e('late', 3, { campaignId: 'c_archived' })]);
    expect(response.data!.recordUsage.accepted).toBe(1);
  });

  it('rejects fractional credits before execution, naming the entry and field', async () => {
    const response = await server.graphql(RECORD_USAGE, { entries: [{ ...entry(e('frac', 1)), credits: 1.5 }] });
    expect(response.status).toBe(400);
    expect(response.errors![0]!.message).toMatch(/entries\[0\]|credits/);
  });

  it('accepts a batch of 10,000 entries and refuses 10,001 without writing any', async () => {
    const entries = (count: number, tag: string) =>
      Array.from({ length: count }, (_, i) => e(`${tag}-${i}`, 1, { workspaceId: i % 2 ? 'ws_1' : 'ws_2' }));
    const before = await totalOf(accountId);
    const tooMany = await record(server, entries(10_001, 'over'));
    expect(tooMany.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(tooMany.errors![0]!.message).toMatch(/at most 10,000 entries, got 10,001/);
    expect(await totalOf(accountId)).toBe(before);
    const full = await record(server, entries(10_000, 'full'));
    expect(full.data!.recordUsage).toEqual({ accepted: 10_000, duplicates: 0 });
    expect(await totalOf(accountId)).toBe(before + 10_000);
  });

  it('answers 413 for a request body over 8 MiB', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer test-admin-key-0123456789' },
      body: JSON.stringify({ query: RECORD_USAGE, variables: { padding: 'x'.repeat(8 * 1024 * 1024 + 1) } }),
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as any).errors[0].message).toMatch(/8 MiB/);
  });

  it('never double counts a batch retried concurrently', async () => {
    const batch = Array.from({ length: 200 }, (_, i) => e(`race-${i}`, 2, { workspaceId: 'ws_2' }));
    const before = await totalOf(accountId);
    const results = await Promise.all(Array.from({ length: 6 }, () => record(server, batch)));
    results.forEach(expectNoErrors);
    const accepted = results.reduce((n, r) => n + r.data!.recordUsage.accepted, 0);
    const duplicates = results.reduce((n, r) => n + r.data!.recordUsage.duplicates, 0);
    expect(accepted).toBe(200);
    expect(duplicates).toBe(5 * 200);
    expect(await totalOf(accountId)).toBe(before + 400);
  });
});
