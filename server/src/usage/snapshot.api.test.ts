import { describeEachDatabase } from '../testing/test-databases';
import { startTestServer, type TestServer } from '../testing/test-server';
import { EXPAND_QUERY, JUNE_2026, PAGE_QUERY, expectNoErrors, record, upsertCatalog } from '../testing/operations';
import { UsageRepository } from './usage.repository';

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describeEachDatabase('asOf snapshots', (kind) => {
  let server: TestServer;
  const accountId = 'acct_snap';
  const workspaces = ['ws_s1', 'ws_s2', 'ws_s3'];

  beforeAll(async () => {
    server = await startTestServer(kind);
    await upsertCatalog(server, {
      accountId,
      workspaces: workspaces.map((id) => ({ id, campaigns: [{ id: `${id}_c1` }, { id: `${id}_c2` }] })),
    });
    expectNoErrors(await record(server, [{ key: 'seed', accountId, workspaceId: 'ws_s1', credits: 5 }]));
  });
  afterAll(() => server.stop());

  async function page(asOf?: string) {
    const response = await server.graphql(PAGE_QUERY, { accountId, window: JUNE_2026, asOf });
    expectNoErrors(response);
    return response.data!.account.usage;
  }

  it('reproduces a page exactly with its asOf after more usage arrives', async () => {
    const first = await page();
    expectNoErrors(await record(server, [{ key: 'later', accountId, workspaceId: 'ws_s1', credits: 1000 }]));
    const again = await page(first.asOf);
    expect(again).toEqual(first);
    const latest = await page();
    expect(latest.totalCredits).toBe(first.totalCredits + 1000);
    expect(Date.parse(latest.asOf)).toBeGreaterThan(Date.parse(first.asOf));
  });

  it('clamps an asOf in the future to the latest snapshot, so later commits cannot fall inside it', async () => {
    const future = new Date(Date.now() + 3_600_000).toISOString();
    const clamped = await page(future);
    expect(Date.parse(clamped.asOf)).toBeLessThan(Date.parse(future));
    expectNoErrors(await record(server, [{ key: 'after-future', accountId, workspaceId: 'ws_s2', credits: 3 }]));
    expect((await page(clamped.asOf)).totalCredits).toBe(clamped.totalCredits);
  });

  it('never shows, in a snapshot handed out while a write transaction was open, the entries it commits afterwards', async () => {
    const repository = new UsageRepository(server.scratch.db);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const clockTaken = new Promise<void>((resolve) => (locked = resolve));
    const writing = server.scratch.db.writeTransaction(async (tx) => {
      const { clocks, localDayZones } = await repository.advanceClocks(tx, [accountId], new Date(), new Map([[accountId, 777n]]));
      const entries = [{ accountId, idempotencyKey: 'slow-writer', workspaceId: 'ws_s3', campaignId: null, kind: 'LEAD_FINDING' as const, credits: 777n, occurredAt: new Date('2026-06-15T00:00:00Z') }];
      await repository.insertNew(tx, entries, clocks);
      await repository.addRecordedToRollups(tx, clocks, entries, localDayZones);
      locked();
      await gate;
    });
    await clockTaken;
    const during = await page();
    release();
    await writing;
    const after = await page(during.asOf);
    expect(after.totalCredits).toBe(during.totalCredits);
    expect((await page()).totalCredits).toBe(during.totalCredits + 777);
  });

  it('keeps every expanded page reconciled while concurrent writers commit', async () => {
    let writing = true;
    let key = 0;
    const writer = async (id: number) => {
      while (writing) {
        const batch = Array.from({ length: 20 }, (_, i) => {
          const workspaceId = workspaces[(key + i) % workspaces.length]!;
          return {
            key: `w${id}-${key++}`,
            accountId,
            workspaceId,
            campaignId: i % 3 === 0 ? null : `${workspaceId}_c${(i % 2) + 1}`,
            kind: i % 3 === 0 ? 'CONTACT_LIST_CLEANING' : 'REPLY',
            credits: (i % 7) - 1,
            occurredAt: '2026-06-20T08:00:00Z',
          };
        });
        expectNoErrors(await record(server, batch));
      }
    };
    const writers = [writer(1), writer(2), writer(3)];
    let mismatches = 0;
    let pagesRead = 0;
    for (let round = 0; round < 15; round++) {
      const usage = await page();
      pagesRead++;
      if (sum(usage.workspaces.map((row: any) => row.credits)) !== usage.totalCredits) mismatches++;
      for (const row of usage.workspaces) {
        const expanded = await server.graphql(EXPAND_QUERY, { workspaceId: row.workspace.id, window: JUNE_2026, asOf: usage.asOf });
        expectNoErrors(expanded);
        const campaigns = expanded.data!.workspaceUsage.campaigns;
        if (expanded.data!.workspaceUsage.credits !== row.credits) mismatches++;
        if (sum(campaigns.map((campaign: any) => campaign.credits)) !== row.credits) mismatches++;
      }
    }
    writing = false;
    await Promise.all(writers);
    expect(pagesRead).toBe(15);
    expect(key).toBeGreaterThan(0);
    expect(mismatches).toBe(0);
  });
});
