import DataLoader from 'dataloader';
import type { ApiKeyRepository } from '../auth/api-key.repository';
import type { EmbedKeyring } from '../auth/embed-tokens';
import type { Principal } from '../auth/principal';
import type { CampaignRecord } from '../catalog/catalog.model';
import { ID_CHUNK, type CatalogRepository } from '../catalog/catalog.repository';
import type { RecordUsageService } from '../usage/record-usage.service';
import type { AccountUsageModel, CampaignUsageModel, UsageSnapshot } from '../usage/usage.model';
import { snapshotKey, type CampaignBreakdownKey, type UsageService } from '../usage/usage.service';
import type { Page } from '../graphql/pagination';

export interface AccountPageKey {
  readonly snapshot: UsageSnapshot;
  readonly workspaceIds: ReadonlySet<string> | null;
}

/** One workspace's page of campaigns: `after` is the decoded keyset bound, null for the first page. */
export interface CampaignPageKey {
  readonly accountId: string;
  readonly workspaceId: string;
  readonly first: number;
  readonly after: readonly string[] | null;
}

/** Long-lived services, shared by all requests. */
export interface Services {
  readonly catalog: CatalogRepository;
  readonly usage: UsageService;
  readonly recordUsage: RecordUsageService;
  readonly apiKeys: ApiKeyRepository;
  readonly embedKeys: EmbedKeyring;
}

/** Per-request loaders: a fresh set per request, so no cache outlives it or crosses tenants. */
export interface Loaders {
  readonly campaignRows: DataLoader<CampaignBreakdownKey, CampaignUsageModel[], string>;
  /** An account's page per (snapshot, visible workspaces): computed once per request however many fields need it. */
  readonly accountPages: DataLoader<AccountPageKey, AccountUsageModel, string>;
  /** Workspace.campaigns of every workspace of a listing: one read per (account, first, after), not one per workspace. */
  readonly campaignPages: DataLoader<CampaignPageKey, Page<CampaignRecord>, string>;
}

export interface Context {
  readonly principal: Principal;
  /** The request's clock: one "now" for every field of one answer. */
  readonly now: Date;
  /** Names this request in the logs and in the client's internal errors (logging/logger.ts). */
  readonly requestId: string;
  readonly services: Services;
  readonly loaders: Loaders;
}

export function createLoaders(services: Services): Loaders {
  return {
    campaignRows: new DataLoader((keys) => services.usage.campaignBreakdowns(keys), {
      cacheKeyFn: (key) => `${key.workspaceId}\u0000${snapshotKey(key.snapshot)}`,
    }),
    accountPages: new DataLoader(
      (keys) => Promise.all(keys.map((key) => services.usage.accountUsage(key.snapshot, key.workspaceIds))),
      { cacheKeyFn: (key) => `${snapshotKey(key.snapshot)}\u0000${key.workspaceIds === null ? '*' : [...key.workspaceIds].sort().join(',')}` },
    ),
    campaignPages: new DataLoader((keys) => loadCampaignPages(services.catalog, keys), {
      cacheKeyFn: (key) => JSON.stringify([key.accountId, key.workspaceId, key.first, key.after]),
      maxBatchSize: ID_CHUNK,
    }),
  };
}

/** Keys that share an account, a page size and a bound are answered by one listCampaigns call. */
async function loadCampaignPages(catalog: CatalogRepository, keys: readonly CampaignPageKey[]): Promise<Page<CampaignRecord>[]> {
  const groups = new Map<string, CampaignPageKey[]>();
  for (const key of keys) {
    const group = JSON.stringify([key.accountId, key.first, key.after]);
    groups.set(group, [...(groups.get(group) ?? []), key]);
  }
  const pages = new Map<CampaignPageKey, Page<CampaignRecord>>();
  for (const group of groups.values()) {
    const { accountId, first, after } = group[0]!;
    const byWorkspace = await catalog.listCampaigns(accountId, group.map((key) => key.workspaceId), first, after);
    for (const key of group) pages.set(key, byWorkspace.get(key.workspaceId)!);
  }
  return keys.map((key) => pages.get(key)!);
}

export function createContext(principal: Principal, now: Date, requestId: string, services: Services): Context {
  return { principal, now, requestId, services, loaders: createLoaders(services) };
}
