import { seriesEdges } from '@creditlens/usage-math';
import { describeEachDatabase } from '../testing/test-databases';
import { startTestServer, type TestServer } from '../testing/test-server';
import { expectNoErrors, record, upsertCatalog } from '../testing/operations';
import { RollupMaintenance } from './rollup-maintenance';

const ACCOUNT = 'acct_local_days';
/** Kolkata's days start at 18:30 UTC, inside an hour: the hard case for days built from hours. */
const KOLKATA_JUNE = { from: '2026-05-31T18:30:00.000Z', to: '2026-06-30T18:30:00.000Z' };
const BERLIN_JUNE = { from: '2026-05-31T22:00:00.000Z', to: '2026-06-30T22:00:00.000Z' };

const SERIES_PAGE = `query($accountId: ID!, $window: UsageWindowInput) {
  account(id: $accountId) { usage(window: $window) { series { from credits } workspaces { workspace { id } credits series { credits } } } }
}`;

const EXPAND = `query($workspaceId: ID!, $window: UsageWindowInput!) {
  workspaceUsage(workspaceId: $workspaceId, window: $window) { campaigns { campaign { id } series { credits } } }
}`;

type Entry = { workspaceId: string; campaignId: string | null; credits: number; occurredAt: string };

/** Every entry's credits in the day bucket of series(DAY) that holds it, by `rowOf` (workspace, campaign row): the reference. */
function expectedDaily(entries: readonly Entry[], window: { from: string; to: string }, timeZone: string, rowOf: (entry: Entry) => string | null = (entry) => entry.workspaceId) {
  const edges = seriesEdges({ from: new Date(window.from), to: new Date(window.to) }, 'DAY', timeZone);
  const byRow = new Map<string, number[]>();
  for (const entry of entries) {
    const at = Date.parse(entry.occurredAt);
    const bucket = edges.findIndex((edge, i) => i + 1 < edges.length && at >= edge && at < edges[i + 1]!);
    const row = rowOf(entry);
    if (bucket < 0 || row === null) continue;
    const credits = byRow.get(row) ?? Array.from({ length: edges.length - 1 }, () => 0);
    credits[bucket] += entry.credits;
    byRow.set(row, credits);
  }
  return byRow;
}

describeEachDatabase('the workspace rollup by local day', (kind) => {
  let server: TestServer;
  const entries = Array.from({ length: 120 }, (_, i) => ({
    key: `e${i}`,
    accountId: ACCOUNT,
    workspaceId: `${ACCOUNT}_ws${i % 3}`,
    campaignId: i % 5 === 0 ? null : `${ACCOUNT}_ws${i % 3}_c${i % 2}`,
    kind: i % 5 === 0 ? ('LEAD_FINDING' as const) : ('REPLY' as const),
    credits: 1 + ((i * 37) % 101),
    // Around both zones' midnights (18:30 and 22:00 UTC) and anywhere in between, all through June.
    occurredAt: new Date(Date.parse('2026-06-01T00:00:00Z') + Math.floor(i / 4) * 86_400_000 + [66_600_000 - 1, 66_600_000, 79_200_000 - 1, 79_200_000 + 1][i % 4]!).toISOString(),
  }));

  beforeAll(async () => {
    server = await startTestServer(kind);
    await upsertCatalog(server, {
      accountId: ACCOUNT,
      timezone: 'Asia/Kolkata',
      workspaces: [0, 1, 2].map((w) => ({ id: `${ACCOUNT}_ws${w}`, campaigns: [{ id: `${ACCOUNT}_ws${w}_c0` }, { id: `${ACCOUNT}_ws${w}_c1` }] })),
    });
    for (let start = 0; start < entries.length; start += 40) expectNoErrors(await record(server, entries.slice(start, start + 40)));
  });
  afterAll(() => server.stop());

  async function seriesPage(window: { from: string; to: string }) {
    server.statements.length = 0;
    const response = await server.graphql(SERIES_PAGE, { accountId: ACCOUNT, window });
    expectNoErrors(response);
    const localDayReads = server.statements.filter((sql) => sql.includes('usage_workspace_local_days')).length;
    return { usage: response.data!.account.usage, localDayReads };
  }

  function expectDaily(usage: any, window: { from: string; to: string }, timeZone: string) {
    const expected = expectedDaily(entries, window, timeZone);
    expect(usage.workspaces).toHaveLength(3);
    for (const row of usage.workspaces) expect({ id: row.workspace.id, daily: row.series.map((bucket: any) => bucket.credits) }).toEqual({ id: row.workspace.id, daily: expected.get(row.workspace.id) });
    const total = usage.series.map((_: unknown, i: number) => [...expected.values()].reduce((sum, daily) => sum + daily[i]!, 0));
    expect(usage.series.map((bucket: any) => bucket.credits)).toEqual(total);
  }

  it("is kept on write in the account's zone, and agrees with the ledger", async () => {
    const maintenance = new RollupMaintenance(server.scratch.db);
    expect(await maintenance.check(ACCOUNT)).toEqual([]);
    const rows = await server.scratch.db.reader.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM usage_workspace_local_days WHERE account_id = ?', [ACCOUNT]);
    // 30 days, each with entries of every workspace on both sides of Kolkata's midnight.
    expect(Number(rows[0]!.n)).toBeGreaterThan(60);
  });

  it("answers a page's daily series from it, exactly, in one statement", async () => {
    const { usage, localDayReads } = await seriesPage(KOLKATA_JUNE);
    expectDaily(usage, KOLKATA_JUNE, 'Asia/Kolkata');
    expect(localDayReads).toBe(1);
  });

  it("answers an expand's campaign rows' daily series from it, exactly, in one statement", async () => {
    const workspaceId = `${ACCOUNT}_ws1`;
    server.statements.length = 0;
    const response = await server.graphql(EXPAND, { workspaceId, window: KOLKATA_JUNE });
    expectNoErrors(response);
    expect(server.statements.filter((sql) => sql.includes('usage_campaign_local_days'))).toHaveLength(1);
    const expected = expectedDaily(entries, KOLKATA_JUNE, 'Asia/Kolkata', (entry) => (entry.workspaceId === workspaceId ? (entry.campaignId ?? '') : null));
    const rows = response.data!.workspaceUsage.campaigns;
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row.series.map((bucket: any) => bucket.credits)).toEqual(expected.get(row.campaign?.id ?? ''));
  });

  it('reports a local-day row that disagrees with the ledger, and a rebuild repairs it', async () => {
    const maintenance = new RollupMaintenance(server.scratch.db);
    await server.scratch.db.writeTransaction(async (tx) => {
      await tx.query(`UPDATE usage_workspace_local_days SET credits = credits + 5 WHERE account_id = ? AND workspace_id = ?`, [ACCOUNT, `${ACCOUNT}_ws1`]);
      await tx.query(`UPDATE usage_campaign_local_days SET entry_count = entry_count + 1 WHERE account_id = ? AND campaign_key = ?`, [ACCOUNT, `${ACCOUNT}_ws2_c0`]);
    });
    const differences = await maintenance.check(ACCOUNT);
    const workspaceRows = differences.filter((difference) => difference.table === 'usage_workspace_local_days');
    const campaignRows = differences.filter((difference) => difference.table === 'usage_campaign_local_days');
    expect(workspaceRows.length + campaignRows.length).toBe(differences.length);
    expect(workspaceRows.length).toBeGreaterThan(0);
    expect(workspaceRows.every((difference) => difference.credits === -5n && difference.entries === 0n && difference.keys['workspace_id'] === `${ACCOUNT}_ws1`)).toBe(true);
    expect(campaignRows.length).toBeGreaterThan(0);
    expect(campaignRows.every((difference) => difference.credits === 0n && difference.entries === -1n && difference.keys['campaign_key'] === `${ACCOUNT}_ws2_c0`)).toBe(true);
    await maintenance.rebuild(ACCOUNT);
    expect(await maintenance.check(ACCOUNT)).toEqual([]);
  });

  it("after a change of the account's zone, reads around the rollup kept in the old zone until a rebuild moves it", async () => {
    const maintenance = new RollupMaintenance(server.scratch.db);
    await upsertCatalog(server, { accountId: ACCOUNT, timezone: 'Europe/Berlin', workspaces: [] });
    const moved = await seriesPage(BERLIN_JUNE);
    expectDaily(moved.usage, BERLIN_JUNE, 'Europe/Berlin');
    // The statement found the rollup in Kolkata days and counted none of them; the second read did without.
    expect(moved.localDayReads).toBe(1);
    expect(server.statements.filter((sql) => /^SELECT workspace_id, (string_agg|group_concat)\(/.test(sql))).toHaveLength(2);
    // Still kept exact, in Kolkata days, by the batches recorded meanwhile.
    const late = { key: 'late', accountId: ACCOUNT, workspaceId: `${ACCOUNT}_ws2`, campaignId: `${ACCOUNT}_ws2_c1`, kind: 'REPLY' as const, credits: 1000, occurredAt: '2026-06-10T18:45:00.000Z' };
    expectNoErrors(await record(server, [late]));
    entries.push(late);
    expect(await maintenance.check(ACCOUNT)).toEqual([]);

    await maintenance.rebuild(ACCOUNT);
    const rebuilt = await seriesPage(BERLIN_JUNE);
    expectDaily(rebuilt.usage, BERLIN_JUNE, 'Europe/Berlin');
    expect(server.statements.filter((sql) => /^SELECT workspace_id, (string_agg|group_concat)\(/.test(sql))).toHaveLength(1);
    expect(await maintenance.check(ACCOUNT)).toEqual([]);
  });
});
