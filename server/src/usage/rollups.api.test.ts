import type { Principal } from '../access';
import { createServices } from '../app';
import type { Services } from '../app';
import { describeEachDatabase, openScratchDatabase, type ScratchDatabase } from '../testing/test-databases';
import { DAY_MS, HOUR_MS, planWindow } from './window-planner';
import { RollupMaintenance } from './rollup-maintenance';
import { primaryKey, ROLLUP_TABLES } from './rollups';
import type { UsageEntryInput } from './record-usage.service';
import { UsageRepository } from './usage.repository';
import type { UsageSnapshot } from './usage.model';

const ADMIN: Principal = { kind: 'admin' };
const ACCOUNT = 'acct_prop';
const WORKSPACES = ['w1', 'w2', 'w3', 'w4'];
const KINDS = ['FIRST_EMAIL_DRAFT', 'REPLY', 'LEAD_FINDING', 'CONTACT_LIST_CLEANING'] as const;
const START = Date.parse('2026-03-01T00:00:00Z');
const SPAN = 75 * DAY_MS;
const SEED = Number(process.env.ROLLUP_PROPERTY_SEED ?? 20261125);

/** A seeded generator, so that a failure can be replayed with ROLLUP_PROPERTY_SEED. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (max: number) => Math.floor(next() * max), pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]! };
}

const sorted = <T>(rows: T[]) => rows.map((row) => JSON.stringify(row, (_, v) => (typeof v === 'bigint' ? v.toString() : v))).sort();

describeEachDatabase('rollup answers equal the plain ledger query', (kind) => {
  let scratch: ScratchDatabase;
  let services: Services;
  let repository: UsageRepository;
  const clocks: number[] = [];
  const random = generator(SEED);
  /** Which kinds of planned range the random windows were read through, e.g. "-month". */
  const rangesUsed = new Set<string>();

  beforeAll(async () => {
    scratch = await openScratchDatabase(kind);
    services = createServices({ production: false, adminApiKey: 'x'.repeat(20), embedSigningKey: 'k'.repeat(32), embedPreviousSigningKeys: [] }, scratch.db);
    repository = new UsageRepository(scratch.db);
    const now = new Date(START + SPAN);
    await services.catalog.upsertAccount({ id: ACCOUNT, name: 'Prop', timezone: 'UTC' }, now);
    for (const id of WORKSPACES) {
      await services.catalog.upsertWorkspace({ id, accountId: ACCOUNT, name: id });
      for (const n of [1, 2, 3]) await services.catalog.upsertCampaign({ id: `${id}-c${n}`, workspaceId: id, name: `${id} campaign ${n}` });
    }
    // Twelve batches recorded at increasing instants: every asOf between them is a real snapshot.
    let key = 0;
    for (let batch = 0; batch < 12; batch++) {
      const entries: UsageEntryInput[] = Array.from({ length: 40 + random.int(60) }, () => {
        const workspaceId = random.pick(WORKSPACES);
        const entryKind = random.pick(KINDS);
        const attributable = entryKind === 'FIRST_EMAIL_DRAFT' || entryKind === 'REPLY';
        return {
          idempotencyKey: `k${key++}`,
          accountId: ACCOUNT,
          workspaceId,
          campaignId: attributable && random.next() < 0.8 ? `${workspaceId}-c${1 + random.int(3)}` : null,
          kind: entryKind,
          credits: random.next() < 0.1 ? -random.int(500) : random.int(10_000),
          // Clustered on hour and day boundaries as well as anywhere.
          occurredAt: new Date(random.next() < 0.3 ? START + random.int(75) * DAY_MS + (random.int(3) - 1) : START + random.int(SPAN)),
        };
      });
      await services.recordUsage.record(ADMIN, entries, new Date(START + SPAN + batch * HOUR_MS));
      clocks.push(START + SPAN + batch * HOUR_MS);
    }
  });
  afterAll(() => scratch.dispose());

  function randomSlice(): UsageSnapshot {
    const aligned = random.next() < 0.3;
    const from = aligned ? START + random.int(60) * DAY_MS - 2 * HOUR_MS : START - DAY_MS + random.int(SPAN);
    const to = from + (aligned ? random.int(30) * DAY_MS + HOUR_MS : 1 + random.int(random.next() < 0.3 ? 3 * HOUR_MS : 40 * DAY_MS));
    const asOf = random.next() < 0.3 ? clocks[clocks.length - 1]! : random.pick(clocks) - random.int(2);
    for (const range of planWindow(from, to).ranges) rangesUsed.add(`${range.sign === 1 ? '+' : '-'}${range.source}`);
    return { accountId: ACCOUNT, window: { from: new Date(from), to: new Date(to) }, asOf };
  }

  it('gives the same page sums (workspaces and kinds) on 150 random windows and snapshots', async () => {
    let nonEmpty = 0;
    for (let i = 0; i < 150; i++) {
      const slice = randomSlice();
      const scope = random.next() < 0.2 ? ['w2', 'w4'] : null;
      const expected = await repository.ledgerSumPage(slice, scope);
      const actual = await repository.sumPage(slice, scope);
      expect(sorted([...actual.workspaces])).toEqual(sorted([...expected.workspaces]));
      expect(sorted([...actual.byKind])).toEqual(sorted([...expected.byKind]));
      if (expected.workspaces.length > 0) nonEmpty++;
    }
    expect(nonEmpty).toBeGreaterThan(100);
  });

  it('gives the same campaign sums on 150 random windows and snapshots', async () => {
    let nonEmpty = 0;
    for (let i = 0; i < 150; i++) {
      const slice = randomSlice();
      const workspaces = WORKSPACES.filter(() => random.next() < 0.6);
      const expected = await repository.ledgerSumByCampaignAndKind(slice, workspaces);
      expect(sorted(await repository.sumByCampaignAndKind(slice, workspaces))).toEqual(sorted(expected));
      if (expected.length > 0) nonEmpty++;
    }
    expect(nonEmpty).toBeGreaterThan(80);
  });

  it('read those windows through every kind of range, added and (below the coarsest grain) taken away', () => {
    expect([...rangesUsed].sort()).toEqual(['+day', '+hour', '+ledger', '+month', '-day', '-hour', '-ledger']);
  });

  it('finds no difference between rollups kept on write and the ledger, nor after a rebuild', async () => {
    const maintenance = new RollupMaintenance(scratch.db);
    expect(await maintenance.check(ACCOUNT)).toEqual([]);
    await maintenance.rebuild(ACCOUNT);
    expect(await maintenance.check(ACCOUNT)).toEqual([]);
  });

  it("lays each rollup's rows out in primary key order when it rebuilds them, for range reads to find them side by side", async () => {
    await new RollupMaintenance(scratch.db).rebuild(ACCOUNT);
    const physical = kind === 'postgres' ? 'ctid' : 'rowid';
    for (const table of ROLLUP_TABLES) {
      const key = primaryKey(table).join(', ');
      const stored = await scratch.db.reader.query<Record<string, unknown>>(`SELECT ${key} FROM ${table.name} WHERE account_id = ? ORDER BY ${physical}`, [ACCOUNT]);
      const sorted = await scratch.db.reader.query<Record<string, unknown>>(`SELECT ${key} FROM ${table.name} WHERE account_id = ? ORDER BY ${key}`, [ACCOUNT]);
      expect(stored.length).toBeGreaterThan(10);
      expect({ table: table.name, rows: stored }).toEqual({ table: table.name, rows: sorted });
    }
  });

  it('reports a rollup row that disagrees with the ledger', async () => {
    const maintenance = new RollupMaintenance(scratch.db);
    await scratch.db.writeTransaction((tx) => tx.query("UPDATE usage_workspace_totals_days SET credits = credits + 5 WHERE account_id = ? AND workspace_id = 'w1'", [ACCOUNT]));
    const differences = await maintenance.check(ACCOUNT);
    expect(differences.length).toBeGreaterThan(0);
    expect(differences.every((difference) => difference.table === 'usage_workspace_totals_days' && difference.credits === -5n)).toBe(true);
    await maintenance.rebuild(ACCOUNT);
    expect(await maintenance.check(ACCOUNT)).toEqual([]);
  });
});
