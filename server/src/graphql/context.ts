import DataLoader from 'dataloader';
import type { ApiKeyRepository } from '../auth/api-key.repository';
import type { EmbedKeyring } from '../auth/embed-tokens';
import type { Principal } from '../auth/principal';
import type { CatalogRepository } from '../catalog/catalog.repository';
import type { RecordUsageService } from '../usage/record-usage.service';
import type { AccountUsageModel, CampaignUsageModel, UsageSnapshot } from '../usage/usage.model';
import { snapshotKey, type CampaignBreakdownKey, type UsageService } from '../usage/usage.service';

export interface AccountPageKey {
  readonly snapshot: UsageSnapshot;
  readonly workspaceIds: ReadonlySet<string> | null;
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
  };
}

export function createContext(principal: Principal, now: Date, requestId: string, services: Services): Context {
  return { principal, now, requestId, services, loaders: createLoaders(services) };
}
