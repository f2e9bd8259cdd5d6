/**
 * The catalog's per-request DataLoader: Workspace.campaigns of every workspace of a listing in
 * one read per (account, first, after), not one per workspace. Made per request (a cache that
 * outlived it could cross tenants).
 */
import DataLoader from 'dataloader';
import { ID_CHUNK } from '../db';
import type { Page } from '../graphql';
import type { CampaignRecord } from './catalog.model';
import type { CatalogRepository } from './catalog.repository';

/** One workspace's page of campaigns: `after` is the decoded keyset bound, null for the first page. */
export interface CampaignPageKey {
  readonly accountId: string;
  readonly workspaceId: string;
  readonly first: number;
  readonly after: readonly string[] | null;
}

export interface CatalogLoaders {
  /** Workspace.campaigns of every workspace of a listing: one read per (account, first, after), not one per workspace. */
  readonly campaignPages: DataLoader<CampaignPageKey, Page<CampaignRecord>, string>;
}

export function createCatalogLoaders(catalog: CatalogRepository): CatalogLoaders {
  return {
    campaignPages: new DataLoader((keys) => loadCampaignPages(catalog, keys), {
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
    const members = groups.get(group);
    if (members) members.push(key);
    else groups.set(group, [key]);
  }
  const pages = new Map<CampaignPageKey, Page<CampaignRecord>>();
  for (const group of groups.values()) {
    const { accountId, first, after } = group[0]!;
    const byWorkspace = await catalog.listCampaigns(accountId, group.map((key) => key.workspaceId), first, after);
    for (const key of group) pages.set(key, byWorkspace.get(key.workspaceId)!);
  }
  return keys.map((key) => pages.get(key)!);
}
