import { seriesEdges, type Granularity } from '@creditlens/usage-math';
import type { Principal } from '../access';
import { createServices, type Services } from '../app';
import { describeEachDatabase, openScratchDatabase, type ScratchDatabase } from '../testing/test-databases';
import type { UsageEntryInput } from './record-usage.service';
import { UsageRepository, type SeriesRow } from './usage.repository';
import type { SeriesLevel } from './series-sql';
import { DAY_MS, HOUR_MS } from './window-planner';

const ADMIN: Principal = { kind: 'admin' };
/** A half-hour offset, a southern-hemisphere DST zone, a northern one, and one that skips midnight. */
const ZONES = ['Asia/Kolkata', 'Australia/Sydney', 'Europe/Berlin', 'America/Santiago'];
const MOVED_ZONE = 'Australia/Sydney';
const WORKSPACES = ['w1', 'w2', 'w3'];
const KINDS = ['FIRST_EMAIL_DRAFT', 'REPLY', 'LEAD_FINDING'] as const;
/** Both DST changes of every zone above fall in this span (March–May and September–October 2026). */
const START = Date.parse('2026-03-01T00:00:00Z');
const SPAN = 240 * DAY_MS;
const SEED = Number(process.env.SERIES_PROPERTY_SEED ?? 20261202);

/** A seeded generator, so that a failure can be replayed with SERIES_PROPERTY_SEED. */
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

/** Each row's buckets with credits, zeros left out, in one order. */
const normalised = (rows: SeriesRow[]) =>
  rows
    .flatMap((row) => row.credits.map((credits, bucket) => (credits === 0 ? '' : `${bucket}|${row.workspaceId}|${row.campaignKey}|${credits}`)))
    .filter((line) => line !== '')
    .sort();

describeEachDatabase('series from the rollups equal the plain ledger query', (kind) => {
  let scratch: ScratchDatabase;
  let services: Services;
  let repository: UsageRepository;
  const clocks: number[] = [];
  const random = generator(SEED);

  beforeAll(async () => {
    scratch = await openScratchDatabase(kind);
    services = createServices({ production: false, adminApiKey: 'x'.repeat(20), embedSigningKey: 'k'.repeat(32), embedPreviousSigningKeys: [] }, scratch.db);
    repository = new UsageRepository(scratch.db);
    const now = new Date(START + SPAN);
    for (const zone of ZONES) {
      const accountId = `acct_${zone}`;
      // Sydney's account was made in another zone: its local-day rollup is kept in Berlin days,
      // so its series read the UTC rollups (the other zones' read whole days from it).
      if (zone === MOVED_ZONE) await services.catalog.upsertAccount({ id: accountId, name: zone, timezone: 'Europe/Berlin' }, now);
      await services.catalog.upsertAccount({ id: accountId, name: zone, timezone: zone }, now);
      for (const id of WORKSPACES) {
        await services.catalog.upsertWorkspace({ id: `${accountId}-${id}`, accountId, name: id });
        for (const n of [1, 2]) await services.catalog.upsertCampaign({ id: `${accountId}-${id}-c${n}`, workspaceId: `${accountId}-${id}`, name: `${id} campaign ${n}` });
      }
    }
    let key = 0;
    for (let batch = 0; batch < 6; batch++) {
      const entries: UsageEntryInput[] = ZONES.flatMap((zone) =>
        Array.from({ length: 60 + random.int(60) }, (): UsageEntryInput => {
          const accountId = `acct_${zone}`;
          const workspaceId = `${accountId}-${random.pick(WORKSPACES)}`;
          const entryKind = random.pick(KINDS);
          const attributable = entryKind !== 'LEAD_FINDING';
          // Clustered on UTC hour and half-hour boundaries (local midnights of these zones) as well as anywhere.
          const aligned = START + random.int(SPAN / (HOUR_MS / 2)) * (HOUR_MS / 2) + (random.int(3) - 1);
          return {
            idempotencyKey: `k${key++}`,
            accountId,
            workspaceId,
            campaignId: attributable && random.next() < 0.8 ? `${workspaceId}-c${1 + random.int(2)}` : null,
            kind: entryKind,
            credits: random.next() < 0.1 ? -random.int(500) : random.int(10_000),
            occurredAt: new Date(random.next() < 0.4 ? aligned : START + random.int(SPAN)),
          };
        }),
      );
      await services.recordUsage.record(ADMIN, entries, new Date(START + SPAN + batch * HOUR_MS));
      clocks.push(START + SPAN + batch * HOUR_MS);
    }
  });
  afterAll(() => scratch.dispose());

  function randomRead(granularity: Granularity, zone: string) {
    const maxDays = granularity === 'HOUR' ? 4 : granularity === 'DAY' ? 45 : 200;
    const from = START - DAY_MS + random.int(SPAN - maxDays * DAY_MS) + (random.next() < 0.3 ? 0 : random.int(HOUR_MS));
    const to = from + 1 + random.int(maxDays * DAY_MS);
    const asOf = random.next() < 0.4 ? clocks[clocks.length - 1]! : random.pick(clocks) - random.int(2);
    const edges = seriesEdges({ from: new Date(from), to: new Date(to) }, granularity, zone);
    return { accountId: `acct_${zone}`, asOf, edges, timeZone: zone };
  }

  it.each(['DAY', 'HOUR', 'WEEK', 'MONTH'] as const)('gives the same %s series for the account, workspaces and campaigns in every zone', async (granularity) => {
    let nonEmpty = 0;
    for (let i = 0; i < 24; i++) {
      const zone = ZONES[i % ZONES.length]!;
      const read = randomRead(granularity, zone);
      const level: SeriesLevel = (['account', 'workspace', 'campaign'] as const)[i % 3]!;
      const scoped = random.next() < 0.3 ? [`${read.accountId}-w2`] : level === 'account' ? null : WORKSPACES.map((id) => `${read.accountId}-${id}`);
      const expected = await repository.ledgerSumSeries({ ...read, workspaceIds: scoped }, level);
      const actual = await repository.sumSeries({ ...read, workspaceIds: scoped }, level);
      expect(normalised(actual)).toEqual(normalised(expected));
      if (expected.length > 0) nonEmpty++;
    }
    expect(nonEmpty).toBeGreaterThan(12);
  });

  it('sums every series to the row totals of the page', async () => {
    for (const zone of ZONES) {
      const read = randomRead('DAY', zone);
      const snapshot = { accountId: read.accountId, window: { from: new Date(read.edges[0]!), to: new Date(read.edges[read.edges.length - 1]!) }, asOf: read.asOf };
      const page = await repository.sumPage(snapshot, null);
      const series = await repository.sumSeries({ ...read, workspaceIds: page.workspaces.map((row) => row.workspaceId) }, 'workspace');
      for (const row of page.workspaces) {
        expect((series.find((sum) => sum.workspaceId === row.workspaceId)?.credits ?? []).reduce((total, credits) => total + credits, 0)).toBe(Number(row.credits));
      }
    }
  });
});
