/**
 * Usage's per-request DataLoaders, beside the batch they call (UsageService.campaignBreakdowns
 * and accountUsage): the expand's batching lives here. Made per request, never module globals —
 * a cache that outlived the request could answer one tenant with another's numbers.
 */
import DataLoader from 'dataloader';
import { snapshotKey } from './snapshot';
import type { AccountUsageModel, CampaignUsageModel, UsageSnapshot } from './usage.model';
import type { CampaignBreakdownKey, UsageService } from './usage.service';
import { seriesKeyOf, type Series, type SeriesKey, type UsageOverTimeService, type WorkspaceKindsKey, type WorkspaceSeriesKey } from './usage-over-time.service';
import type { KindCredits } from './usage.model';

export interface AccountPageKey {
  readonly snapshot: UsageSnapshot;
  readonly workspaceIds: ReadonlySet<string> | null;
}

export interface UsageLoaders {
  /** Campaign rows of every workspace row asked for in one request: one statement per chunk of workspaces. */
  readonly campaignRows: DataLoader<CampaignBreakdownKey, CampaignUsageModel[], string>;
  /** An account's page per (snapshot, visible workspaces): computed once per request however many fields need it. */
  readonly accountPages: DataLoader<AccountPageKey, AccountUsageModel, string>;
  /** The series of every workspace row of a whole page, by workspace id: one statement per (snapshot, granularity). */
  readonly pageSeries: DataLoader<SeriesKey, ReadonlyMap<string, Series>, string>;
  /** The series of every workspace row asked for: one statement per (snapshot, granularity). */
  readonly workspaceSeries: DataLoader<WorkspaceSeriesKey, Series, string>;
  /** The series of every campaign row of the workspaces asked for, by campaign id ('' for No campaign). */
  readonly campaignSeries: DataLoader<WorkspaceSeriesKey, ReadonlyMap<string, Series>, string>;
  /** WorkspaceUsage.byKind of every row asked for: one statement per snapshot. */
  readonly workspaceKinds: DataLoader<WorkspaceKindsKey, KindCredits[], string>;
}

export function createUsageLoaders(usage: UsageService, overTime: UsageOverTimeService): UsageLoaders {
  const rowSeriesKey = (key: WorkspaceSeriesKey) => `${key.workspaceId}\u0000${seriesKeyOf(key)}`;
  return {
    pageSeries: new DataLoader((keys) => Promise.all(keys.map((key) => overTime.accountPageSeries(key))), { cacheKeyFn: seriesKeyOf }),
    workspaceSeries: new DataLoader((keys) => overTime.workspaceSeries(keys), { cacheKeyFn: rowSeriesKey }),
    campaignSeries: new DataLoader((keys) => overTime.campaignSeries(keys), { cacheKeyFn: rowSeriesKey }),
    workspaceKinds: new DataLoader((keys) => overTime.workspaceKinds(keys), { cacheKeyFn: (key) => `${key.workspaceId}\u0000${snapshotKey(key.snapshot)}` }),
    campaignRows: new DataLoader((keys) => usage.campaignBreakdowns(keys), {
      cacheKeyFn: (key) => `${key.workspaceId}\u0000${snapshotKey(key.snapshot)}`,
    }),
    accountPages: new DataLoader(
      (keys) => Promise.all(keys.map((key) => usage.accountUsage(key.snapshot, key.workspaceIds))),
      { cacheKeyFn: (key) => `${snapshotKey(key.snapshot)}\u0000${key.workspaceIds === null ? '*' : [...key.workspaceIds].sort().join(',')}` },
    ),
  };
}
