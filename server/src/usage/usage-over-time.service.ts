/**
 * Usage over time: the series of the account, its workspace rows and campaign rows, and the
 * comparison window every row is compared with. Batches take many rows of one snapshot at once
 * (the DataLoaders in usage.loaders.ts), so a page's series are one statement however many rows.
 */
import { comparisonWindow, MAX_HOUR_SERIES_DAYS, seriesEdges, type Granularity } from '@creditlens/usage-math';
import { InvalidInputError } from '../errors';
import { byKindOf } from './breakdown';
import { snapshotKey } from './snapshot';
import type { KindCredits, UsageSnapshot } from './usage.model';
import type { SeriesRow, UsageRepository } from './usage.repository';
import type { SeriesLevel } from './series-sql';
import { DAY_MS } from './window-planner';

/** One series asked for: a snapshot in the account's zone, at one granularity. */
export interface SeriesKey {
  readonly snapshot: UsageSnapshot;
  readonly timeZone: string;
  readonly granularity: Granularity;
}

/** A row's series asked for: its workspace, in a snapshot and granularity. */
export interface WorkspaceSeriesKey extends SeriesKey {
  readonly workspaceId: string;
}

/**
 * Bucket edges and the credits of each bucket (edges.length − 1 of them), exact as numbers: a
 * bucket's credits, and every partial sum on the way to them, are sums of some of one account's
 * entries, whose |credits| add up to at most 2^53 − 1 (MAX_LIFETIME_ABSOLUTE_CREDITS).
 */
export interface Series {
  readonly edges: readonly number[];
  readonly credits: readonly number[];
}

/** A workspace's kinds asked for (WorkspaceUsage.byKind). */
export interface WorkspaceKindsKey {
  readonly snapshot: UsageSnapshot;
  readonly workspaceId: string;
}

export function seriesKeyOf(key: SeriesKey): string {
  return `${snapshotKey(key.snapshot)}\u0000${key.timeZone}\u0000${key.granularity}`;
}

/** Edges are the same for every row of a page and cost Intl calls per bucket: kept for the few windows in use. */
const MAX_CACHED_EDGES = 256;

export class UsageOverTimeService {
  private readonly edgeCache = new Map<string, readonly number[]>();
  /** By the snapshot compared: every row of a page shares the page's snapshot object. */
  private readonly comparisons = new WeakMap<UsageSnapshot, { readonly timeZone: string; readonly previous: UsageSnapshot }>();

  constructor(private readonly usage: UsageRepository) {}

  /** The edges of a series; HOUR over a window longer than 31 days is refused, naming `granularity`. */
  edges(key: SeriesKey): readonly number[] {
    const { from, to } = key.snapshot.window;
    const days = (to.getTime() - from.getTime()) / DAY_MS;
    if (key.granularity === 'HOUR' && days > MAX_HOUR_SERIES_DAYS) {
      throw InvalidInputError.of(
        'granularity',
        `HOUR buckets are listed for windows of at most ${MAX_HOUR_SERIES_DAYS} days; this window spans ${Math.round(days * 100) / 100} days (use DAY, WEEK or MONTH)`,
      );
    }
    const cacheKey = `${from.getTime()}\u0000${to.getTime()}\u0000${key.granularity}\u0000${key.timeZone}`;
    let edges = this.edgeCache.get(cacheKey);
    if (!edges) {
      edges = Object.freeze(seriesEdges(key.snapshot.window, key.granularity, key.timeZone));
      if (this.edgeCache.size >= MAX_CACHED_EDGES) this.edgeCache.clear();
      this.edgeCache.set(cacheKey, edges);
    }
    return edges;
  }

  /**
   * The snapshot of the comparison window: same account and asOf. Asked by every row of a page
   * (its previousCredits and change), so kept per snapshot object; loaders key their reads by the
   * snapshot's values (snapshotKey), so equal snapshots read once however many objects carry them.
   */
  comparisonSnapshot(snapshot: UsageSnapshot, timeZone: string): UsageSnapshot {
    const kept = this.comparisons.get(snapshot);
    if (kept?.timeZone === timeZone) return kept.previous;
    const previous = Object.freeze({ accountId: snapshot.accountId, window: comparisonWindow(snapshot.window, snapshot.asOf, timeZone), asOf: snapshot.asOf });
    this.comparisons.set(snapshot, { timeZone, previous });
    return previous;
  }

  /** The account's series (of `workspaceIds` only, when given: a workspace-scoped token). */
  async accountSeries(key: SeriesKey, workspaceIds: ReadonlySet<string> | null): Promise<Series> {
    const edges = this.edges(key);
    const [account] = await this.read(key, edges, workspaceIds === null ? null : [...workspaceIds], 'account');
    return { edges, credits: account?.credits ?? noCredits(edges) };
  }

  /**
   * Every workspace row's series of a whole page (a caller that sees every workspace), by
   * workspace id: one statement over the account's rollups, without a list of the page's
   * workspaces to test each rollup row against, so it needs nothing from the page and can start
   * beside the page's own sums (docs/performance.md). The page's rows are the workspaces with
   * entries in the window; the others add no rows, or rows that net to 0 where a planned range
   * reaches past the window, and no row asks for them.
   */
  async accountPageSeries(key: SeriesKey): Promise<ReadonlyMap<string, Series>> {
    const edges = this.edges(key);
    return new Map((await this.read(key, edges, null, 'workspace')).map((row) => [row.workspaceId!, { edges, credits: row.credits }]));
  }

  /** The series of many workspace rows: one statement per distinct (snapshot, granularity). */
  async workspaceSeries(keys: readonly WorkspaceSeriesKey[]): Promise<Series[]> {
    return this.perGroup(keys, 'workspace', (edges, byWorkspace, key) => ({ edges, credits: byWorkspace.get(key.workspaceId)?.[0]?.credits ?? noCredits(edges) }));
  }

  /** The series of every campaign row of many workspaces, by campaign id ('' for No campaign): one statement per distinct (snapshot, granularity). */
  async campaignSeries(keys: readonly WorkspaceSeriesKey[]): Promise<ReadonlyMap<string, Series>[]> {
    return this.perGroup(keys, 'campaign', (edges, byWorkspace, key) => {
      return new Map((byWorkspace.get(key.workspaceId) ?? []).map((row) => [row.campaignKey ?? '', { edges, credits: row.credits }]));
    });
  }

  /** byKind of many workspace rows: one statement per distinct snapshot. */
  async workspaceKinds(keys: readonly WorkspaceKindsKey[]): Promise<KindCredits[][]> {
    const groups = new Map<string, { snapshot: UsageSnapshot; workspaceIds: Set<string> }>();
    for (const key of keys) {
      const group = groups.get(snapshotKey(key.snapshot)) ?? { snapshot: key.snapshot, workspaceIds: new Set<string>() };
      group.workspaceIds.add(key.workspaceId);
      groups.set(snapshotKey(key.snapshot), group);
    }
    const sums = new Map<string, Awaited<ReturnType<UsageRepository['sumByWorkspaceAndKind']>>>();
    for (const [id, group] of groups) sums.set(id, await this.usage.sumByWorkspaceAndKind(group.snapshot, [...group.workspaceIds]));
    return keys.map((key) => byKindOf(sums.get(snapshotKey(key.snapshot))!.filter((sum) => sum.workspaceId === key.workspaceId)));
  }

  private async perGroup<T>(
    keys: readonly WorkspaceSeriesKey[],
    level: SeriesLevel,
    pick: (edges: readonly number[], byWorkspace: ReadonlyMap<string | null, readonly SeriesRow[]>, key: WorkspaceSeriesKey) => T,
  ): Promise<T[]> {
    const groups = new Map<string, { key: SeriesKey; workspaceIds: Set<string> }>();
    for (const key of keys) {
      const group = groups.get(seriesKeyOf(key)) ?? { key, workspaceIds: new Set<string>() };
      group.workspaceIds.add(key.workspaceId);
      groups.set(seriesKeyOf(key), group);
    }
    const read = new Map<string, { edges: readonly number[]; byWorkspace: Map<string | null, SeriesRow[]> }>();
    for (const [id, group] of groups) {
      const edges = this.edges(group.key);
      const byWorkspace = groupedBy(await this.read(group.key, edges, [...group.workspaceIds], level), (row) => row.workspaceId);
      read.set(id, { edges, byWorkspace });
    }
    return keys.map((key) => {
      const { edges, byWorkspace } = read.get(seriesKeyOf(key))!;
      return pick(edges, byWorkspace, key);
    });
  }

  private read(key: SeriesKey, edges: readonly number[], workspaceIds: readonly string[] | null, level: SeriesLevel): Promise<SeriesRow[]> {
    return this.usage.sumSeries({ accountId: key.snapshot.accountId, asOf: key.snapshot.asOf, edges, workspaceIds, timeZone: key.timeZone }, level);
  }
}

/** Rows grouped by a key, each group in the order read (one pass, no copies). */
function groupedBy<K>(rows: readonly SeriesRow[], keyOf: (row: SeriesRow) => K): Map<K, SeriesRow[]> {
  const groups = new Map<K, SeriesRow[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

/** Every bucket at zero: a row the read found no rollup rows for. */
export function noCredits(edges: readonly number[]): number[] {
  return new Array<number>(edges.length - 1).fill(0);
}

/** Bucket by bucket, the sum of series over the same edges (the account's series from its workspaces'). */
export function seriesTotal(edges: readonly number[], parts: Iterable<Series>): Series {
  const credits = new Array<number>(edges.length - 1).fill(0);
  for (const part of parts) part.credits.forEach((value, i) => (credits[i] += value));
  return { edges, credits };
}
