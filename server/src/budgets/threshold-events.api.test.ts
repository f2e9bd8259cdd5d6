import { CatalogRepository } from '../catalog';
import { databaseKinds, describeEachDatabase } from '../testing/test-databases';
import { RecordUsageService, UsageRepository, type RecordedUsageListener } from '../usage';
import { BudgetsRepository } from './budgets.repository';
import { ThresholdEvents } from './threshold-events';
import { startTestServer, type TestServer } from '../testing/test-server';
import { expectNoErrors, record, upsertCatalog, type EntrySpec } from '../testing/operations';

const SET_BUDGET = `mutation($input: BudgetInput!) { setBudget(input: $input) { id } }`;

type StoredEvent = {
  type: string;
  dedupe_key: string;
  data: string;
  created_at: string | number;
};

describeEachDatabase('threshold events, stored in the transaction of recordUsage', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(() => server.stop());

  let n = 0;
  /** A fresh account (UTC) with two workspaces and a campaign, and the given budgets. */
  const account = async (budgets: Record<string, unknown>[]) => {
    const accountId = `acct_${++n}`;
    await upsertCatalog(server, { accountId, timezone: 'UTC', workspaces: [{ id: `${accountId}_w1`, campaigns: [{ id: `${accountId}_c1` }] }, { id: `${accountId}_w2` }] });
    const ids: string[] = [];
    for (const budget of budgets) {
      const created = await server.graphql(SET_BUDGET, { input: { accountId, ...budget } });
      expectNoErrors(created);
      ids.push(created.data!.setBudget.id);
    }
    return { accountId, w1: `${accountId}_w1`, w2: `${accountId}_w2`, c1: `${accountId}_c1`, ids };
  };
  const events = async (accountId: string) =>
    (await server.scratch.db.reader.query<StoredEvent>('SELECT type, dedupe_key, data, created_at FROM webhook_events WHERE account_id = ? ORDER BY dedupe_key', [accountId])).map(
      (row) => ({ ...row, data: JSON.parse(row.data) }),
    );
  const thresholds = async (accountId: string) => (await events(accountId)).map((event) => event.data.threshold).sort((a: number, b: number) => a - b);
  const at = (day: number, month = 10) => `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T12:00:00Z`;
  const put = async (entries: EntrySpec[]) => expectNoErrors(await record(server, entries));

  it('stores one event when a workspace first reaches a threshold, with the data the spec names', async () => {
    const { accountId, w1, ids } = await account([{ workspaceId: `acct_${n + 1}_w1`, creditsPerPeriod: 1000 }]);
    await put([{ key: 'a', accountId, workspaceId: w1, credits: 499, occurredAt: at(3) }]);
    expect(await events(accountId)).toEqual([]);
    const before = Date.now();
    await put([{ key: 'b', accountId, workspaceId: w1, credits: 1, occurredAt: at(4) }]);
    const stored = await events(accountId);
    expect(stored).toEqual([
      {
        type: 'budget.threshold_crossed',
        dedupe_key: `budget:${ids[0]}:2026-10-01T00:00:00.000Z:50`,
        created_at: expect.anything(),
        data: {
          accountId,
          workspaceId: w1,
          campaignId: null,
          period: { from: '2026-10-01T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z' },
          threshold: 50,
          credits: 500,
          creditsPerPeriod: 1000,
        },
      },
    ]);
    expect(Number(stored[0]!.created_at)).toBeGreaterThanOrEqual(before - 1000);
  });

  it('stores several events when one batch passes several thresholds, and none again on a resend', async () => {
    const { accountId, w1 } = await account([{ workspaceId: `acct_${n + 1}_w1`, creditsPerPeriod: 100, thresholds: [10, 50, 80, 100, 200] }]);
    const batch: EntrySpec[] = [
      { key: 'x1', accountId, workspaceId: w1, credits: 60, occurredAt: at(2) },
      { key: 'x2', accountId, workspaceId: w1, credits: 25, occurredAt: at(3) },
    ];
    await put(batch);
    expect(await thresholds(accountId)).toEqual([10, 50, 80]);
    const resent = await record(server, batch);
    expect(resent.data!.recordUsage).toEqual({ accepted: 0, duplicates: 2 });
    await put([...batch, { key: 'x3', accountId, workspaceId: w1, credits: 1, occurredAt: at(4) }]);
    expect(await thresholds(accountId)).toEqual([10, 50, 80]);
  });

  it('stores no second event after a refund goes back below and a later batch crosses again in the period', async () => {
    const { accountId, w1 } = await account([{ workspaceId: `acct_${n + 1}_w1`, creditsPerPeriod: 100 }]);
    await put([{ key: 'up', accountId, workspaceId: w1, credits: 90, occurredAt: at(2) }]);
    await put([{ key: 'refund', accountId, workspaceId: w1, credits: -60, occurredAt: at(3) }]);
    await put([{ key: 'again', accountId, workspaceId: w1, credits: 80, occurredAt: at(4) }]);
    expect(await thresholds(accountId)).toEqual([50, 80, 100]);
    expect((await events(accountId)).filter((event) => event.data.threshold === 50)).toHaveLength(1);
  });

  it('keys events by the billing period of the entries, past open periods too', async () => {
    const { accountId, w1, ids } = await account([{ workspaceId: `acct_${n + 1}_w1`, creditsPerPeriod: 100, thresholds: [100] }]);
    await put([
      { key: 'sep', accountId, workspaceId: w1, credits: 100, occurredAt: at(30, 9) },
      { key: 'oct', accountId, workspaceId: w1, credits: 99, occurredAt: at(1) },
    ]);
    expect((await events(accountId)).map((event) => event.dedupe_key)).toEqual([`budget:${ids[0]}:2026-09-01T00:00:00.000Z:100`]);
    await put([{ key: 'oct2', accountId, workspaceId: w1, credits: 1, occurredAt: at(31) }]);
    expect((await events(accountId)).map((event) => event.data.period.from)).toEqual(['2026-09-01T00:00:00.000Z', '2026-10-01T00:00:00.000Z']);
  });

  it('counts the period in the account\'s time zone', async () => {
    const accountId = `acct_${++n}`;
    await upsertCatalog(server, { accountId, timezone: 'Europe/Berlin', workspaces: [{ id: `${accountId}_w` }] });
    expectNoErrors(await server.graphql(SET_BUDGET, { input: { accountId, creditsPerPeriod: 10, thresholds: [100] } }));
    // 2026-09-30T22:30Z is already October in Berlin (UTC+2).
    await put([
      { key: 'late-sep-utc', accountId, workspaceId: `${accountId}_w`, credits: 5, occurredAt: '2026-09-30T22:30:00Z' },
      { key: 'oct', accountId, workspaceId: `${accountId}_w`, credits: 5, occurredAt: '2026-10-15T10:00:00Z' },
    ]);
    expect((await events(accountId)).map((event) => event.data.period)).toEqual([{ from: '2026-09-30T22:00:00.000Z', to: '2026-10-31T23:00:00.000Z' }]);
  });

  it('checks the account, workspace and campaign budgets that the entries touch, each against its own scope', async () => {
    const id = `acct_${n + 1}`;
    const { accountId, w1, w2, c1 } = await account([
      { creditsPerPeriod: 1000, thresholds: [10] },
      { workspaceId: `${id}_w2`, creditsPerPeriod: 100, thresholds: [50] },
      { campaignId: `${id}_c1`, creditsPerPeriod: 40, thresholds: [100] },
    ]);
    await put([
      { key: 'c', accountId, workspaceId: w1, campaignId: c1, credits: 40, occurredAt: at(5) },
      { key: 'w1', accountId, workspaceId: w1, credits: 30, occurredAt: at(5) },
      { key: 'w2', accountId, workspaceId: w2, credits: 40, occurredAt: at(5) },
    ]);
    const stored = await events(accountId);
    expect(stored.map((event) => [event.data.workspaceId, event.data.campaignId, event.data.threshold, event.data.credits])).toEqual(
      expect.arrayContaining([
        [null, null, 10, 110],
        [w1, c1, 100, 40],
      ]),
    );
    expect(stored).toHaveLength(2);
    await put([{ key: 'w2b', accountId, workspaceId: w2, credits: 10, occurredAt: at(6) }]);
    expect((await events(accountId)).map((event) => [event.data.workspaceId, event.data.threshold])).toContainEqual([w2, 50]);
  });

  it('stores no event on setBudget; the next recordUsage in the period stores the thresholds already passed', async () => {
    const { accountId, w1, w2 } = await account([]);
    await put([{ key: 'early', accountId, workspaceId: w1, credits: 90, occurredAt: at(2) }]);
    expectNoErrors(await server.graphql(SET_BUDGET, { input: { accountId, workspaceId: w1, creditsPerPeriod: 100 } }));
    expect(await events(accountId)).toEqual([]);
    await put([{ key: 'other-ws', accountId, workspaceId: w2, credits: 1, occurredAt: at(3) }]);
    expect(await events(accountId)).toEqual([]);
    await put([{ key: 'next', accountId, workspaceId: w1, credits: 1, occurredAt: at(3) }]);
    expect(await thresholds(accountId)).toEqual([50, 80]);
  });

  it('keeps the stored events of a budget replaced on its scope: a lower threshold already passed is not stored twice', async () => {
    const { accountId, w1 } = await account([{ workspaceId: `acct_${n + 1}_w1`, creditsPerPeriod: 100, thresholds: [50] }]);
    await put([{ key: 'half', accountId, workspaceId: w1, credits: 50, occurredAt: at(2) }]);
    expectNoErrors(await server.graphql(SET_BUDGET, { input: { accountId, workspaceId: w1, creditsPerPeriod: 100, thresholds: [50, 60] } }));
    await put([{ key: 'more', accountId, workspaceId: w1, credits: 10, occurredAt: at(3) }]);
    expect(await thresholds(accountId)).toEqual([50, 60]);
  });

  it('stores nothing for a refused batch: the crossing comes with the next batch that is recorded', async () => {
    const { accountId, w1 } = await account([{ workspaceId: `acct_${n + 1}_w1`, creditsPerPeriod: 100, thresholds: [50] }]);
    const failed = await record(server, [
      { key: 'ok', accountId, workspaceId: w1, credits: 60, occurredAt: at(2) },
      { key: 'bad', accountId, workspaceId: 'ws_nowhere', credits: 1, occurredAt: at(2) },
    ]);
    expect(failed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await events(accountId)).toEqual([]);
    await put([{ key: 'ok', accountId, workspaceId: w1, credits: 60, occurredAt: at(2) }]);
    expect(await thresholds(accountId)).toEqual([50]);
  });

  it('stays exact when a crossing commits between reading the budgets and taking the lock: that threshold is not stored twice, the next one is', async () => {
    const { accountId, w1 } = await account([{ workspaceId: `acct_${n + 1}_w1`, creditsPerPeriod: 1000 }]);
    await put([{ key: 'first', accountId, workspaceId: w1, credits: 400, occurredAt: at(2) }]);
    const db = server.scratch.db;
    const thresholdEvents = new ThresholdEvents(db, new BudgetsRepository(db));
    // Reads the budgets (no crossing yet), then lets another writer cross 50 % before this batch's transaction starts.
    const overtaken: RecordedUsageListener = {
      async prepare(candidates) {
        const work = await thresholdEvents.prepare(candidates);
        await put([{ key: 'between', accountId, workspaceId: w1, credits: 200, occurredAt: at(3) }]);
        expect(await thresholds(accountId)).toEqual([50]);
        return work;
      },
    };
    const service = new RecordUsageService(db, new CatalogRepository(db), new UsageRepository(db), [overtaken]);
    await service.record({ kind: 'admin' }, [{ idempotencyKey: 'late', accountId, workspaceId: w1, kind: 'REPLY', credits: 300, occurredAt: new Date(at(4)) }], new Date());
    const stored = await events(accountId);
    expect(stored.map((event) => [event.data.threshold, event.data.credits])).toEqual([
      [50, 600],
      [80, 900],
    ]);
  });

  it('sums a budget\'s scope from the rollups once, then adds each batch to a running total while the account\'s batches come from one process', async () => {
    const { accountId, w1 } = await account([{ workspaceId: `acct_${n + 1}_w1`, creditsPerPeriod: 1000 }]);
    const rollupReads = () => server.statements.filter((sql) => /usage_workspace_totals/.test(sql) && !/INSERT INTO usage_workspace_totals/.test(sql));
    server.statements.length = 0;
    await put([{ key: 'one', accountId, workspaceId: w1, credits: 300, occurredAt: at(2) }]);
    expect(rollupReads()).toHaveLength(1);
    server.statements.length = 0;
    await put([{ key: 'two', accountId, workspaceId: w1, credits: 250, occurredAt: at(3) }]);
    await put([{ key: 'three', accountId, workspaceId: w1, credits: -100, occurredAt: at(4) }]);
    await put([{ key: 'four', accountId, workspaceId: w1, credits: 400, occurredAt: at(5) }]);
    expect(rollupReads()).toHaveLength(0);
    expect((await events(accountId)).map((event) => [event.data.threshold, event.data.credits])).toEqual([
      [50, 550],
      [80, 850],
    ]);
  });

  it('sums from the rollups again when another process wrote the account in between, so its crossing is at the exact credits', async () => {
    const { accountId, w1 } = await account([{ workspaceId: `acct_${n + 1}_w1`, creditsPerPeriod: 1000 }]);
    const db = server.scratch.db;
    const otherProcess = new RecordUsageService(db, new CatalogRepository(db), new UsageRepository(db), [new ThresholdEvents(db, new BudgetsRepository(db))]);
    await put([{ key: 'here', accountId, workspaceId: w1, credits: 300, occurredAt: at(2) }]);
    await otherProcess.record({ kind: 'admin' }, [{ idempotencyKey: 'there', accountId, workspaceId: w1, kind: 'REPLY', credits: 300, occurredAt: new Date(at(3)) }], new Date());
    await put([{ key: 'here-again', accountId, workspaceId: w1, credits: 250, occurredAt: at(4) }]);
    expect((await events(accountId)).map((event) => [event.data.threshold, event.data.credits])).toEqual([
      [50, 600],
      [80, 850],
    ]);
  });

  it('costs an account without budgets one statement of its own per batch', async () => {
    const { accountId, w1 } = await account([]);
    server.statements.length = 0;
    await put([{ key: 'plain', accountId, workspaceId: w1, credits: 5, occurredAt: at(2) }]);
    expect(server.statements.filter((sql) => /budget/.test(sql))).toHaveLength(1);
  });

  (databaseKinds().includes('postgres') && kind === 'postgres' ? it : it.skip)(
    'stores each crossing exactly once when two batches race into one account on PostgreSQL',
    async () => {
      const { accountId, w1, w2 } = await account([
        { creditsPerPeriod: 1000, thresholds: [10, 20, 30, 40, 50, 60, 70, 80, 90, 100] },
        { workspaceId: `acct_${n + 1}_w1`, creditsPerPeriod: 500, thresholds: [20, 40, 60, 80, 100] },
      ]);
      for (let round = 0; round < 5; round++) {
        const batch = (side: string, workspaceId: string) =>
          Array.from({ length: 20 }, (_, i) => ({ key: `${side}-${round}-${i}`, accountId, workspaceId, credits: 5, occurredAt: at(2 + round) }));
        const answers = await Promise.all([record(server, batch('a', w1)), record(server, batch('b', w2)), record(server, batch('a', w1))]);
        for (const answer of answers) expectNoErrors(answer);
      }
      // 5 rounds × 2 distinct batches × 20 × 5 credits = 1000 account credits, 500 in w1.
      const stored = await events(accountId);
      const keys = stored.map((event) => event.dedupe_key);
      expect(new Set(keys).size).toBe(keys.length);
      expect(stored.filter((event) => event.data.workspaceId === null).map((event) => event.data.threshold).sort((a: number, b: number) => a - b)).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
      expect(stored.filter((event) => event.data.workspaceId === w1).map((event) => event.data.threshold).sort((a: number, b: number) => a - b)).toEqual([20, 40, 60, 80, 100]);
      // Each event's credits are the scope's credits after the transaction that crossed: at or past its threshold.
      for (const event of stored) expect(event.data.credits * 100).toBeGreaterThanOrEqual(event.data.threshold * event.data.creditsPerPeriod);
    },
  );
});
