import { toAccountUsage } from './usage.mapping';
import type { UsageContext } from './usage.context';
import type { UsageRepository } from './usage.repository';
import { UsageOverTimeService, type Series } from './usage-over-time.service';
import { WorkspaceUsageOverTimeResolver } from './usage-over-time.resolver';
import { PageReads } from './usage.types';

const TIME_ZONE = 'Europe/Berlin';
const snapshot = { accountId: 'acct', window: { from: new Date('2026-10-01T00:00:00+02:00'), to: new Date('2026-10-04T00:00:00+02:00') }, asOf: Date.parse('2026-10-10T00:00:00Z') };
// The edges need no statement: the repository is never called here.
const overTime = new UsageOverTimeService({} as UsageRepository);
const edges = overTime.edges({ snapshot, timeZone: TIME_ZONE, granularity: 'DAY' });
const seriesOfOne: Series = { edges, credits: [10, 0, 20] };
/** The comparison window's page: ws1 had 15 credits, ws2 none. */
const COMPARISON_PAGE = { snapshot, totalCredits: 15n, byKind: [], workspaces: [{ id: 'x', snapshot, workspace: { id: 'ws1', name: 'One' }, credits: 15n, share: 1, percent: 100 }] };

/** A context whose loaders answer the same reads as the page's, counting their calls. */
function contextWithLoaders() {
  const calls = { pageSeries: 0, accountPages: 0 };
  const loaders = {
    pageSeries: { load: async () => (calls.pageSeries++, new Map([['ws1', seriesOfOne]])) },
    accountPages: { load: async () => (calls.accountPages++, COMPARISON_PAGE) },
  };
  const ctx = { services: { usageOverTime: overTime }, loaders } as unknown as UsageContext;
  return { ctx, calls };
}

/** The page's rows: ws1 with a series and 15 credits before, ws2 with neither. */
function pageRows(pageReads: PageReads) {
  const rows = [
    { id: 'ws1|k', snapshot, workspace: { id: 'ws1', name: 'One' }, credits: 30n, share: 0.75, percent: 75 },
    { id: 'ws2|k', snapshot, workspace: { id: 'ws2', name: 'Two' }, credits: 10n, share: 0.25, percent: 25 },
  ];
  return toAccountUsage({ snapshot, totalCredits: 40n, byKind: [], workspaces: rows }, null, TIME_ZONE, new Set(['DAY']), pageReads).workspaces;
}

async function answersOf(pageReads: PageReads, ctx: UsageContext) {
  const resolver = new WorkspaceUsageOverTimeResolver();
  return Promise.all(
    pageRows(pageReads).map(async (row) => ({
      credits: (await resolver.series(row, 'DAY', ctx)).map((bucket) => bucket.credits),
      previousCredits: await resolver.previousCredits(row, ctx),
      change: await resolver.change(row, ctx),
    })),
  );
}

const EXPECTED = [
  { credits: [10, 0, 20], previousCredits: 15, change: 1 },
  { credits: [0, 0, 0], previousCredits: 0, change: null },
];

describe("a page row's series and comparison", () => {
  it("answer at once from the page's reads once they arrived, asking no loader", () => {
    const arrived = new PageReads();
    arrived.series.set('DAY', new Map([['ws1', seriesOfOne]]));
    arrived.previousPage = COMPARISON_PAGE;
    const { ctx, calls } = contextWithLoaders();
    const resolver = new WorkspaceUsageOverTimeResolver();
    const answers = pageRows(arrived).map((row) => {
      const series = resolver.series(row, 'DAY', ctx);
      const previousCredits = resolver.previousCredits(row, ctx);
      const change = resolver.change(row, ctx);
      // Not promises: the values themselves.
      if (series instanceof Promise || previousCredits instanceof Promise || change instanceof Promise) throw new Error('answered with a promise');
      return { credits: series.map((bucket) => bucket.credits), previousCredits, change };
    });
    expect(answers).toEqual(EXPECTED);
    expect(calls).toEqual({ pageSeries: 0, accountPages: 0 });
  });

  it('answer the same from the loaders before the reads arrived', async () => {
    const { ctx, calls } = contextWithLoaders();
    expect(await answersOf(new PageReads(), ctx)).toEqual(EXPECTED);
    expect(calls.pageSeries).toBeGreaterThan(0);
    expect(calls.accountPages).toBeGreaterThan(0);
  });
});
