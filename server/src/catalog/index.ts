/**
 * The catalog: accounts, workspaces and campaigns — their SQL (catalog.repository.ts), their
 * contract types and listings, and the per-request loader of campaign pages. Imports access/
 * and the leaves.
 */
export type { CatalogContext, CatalogServices } from './catalog.context';
export { createCatalogLoaders, type CampaignPageKey, type CatalogLoaders } from './catalog.loaders';
export { toAccount, toCampaign, toWorkspace } from './catalog.mapping';
export type { AccountRecord, CampaignRecord, WorkspaceRecord } from './catalog.model';
export { CatalogRepository } from './catalog.repository';
export { CatalogResolver, WorkspaceCatalogResolver } from './catalog.resolver';
export { Account, Campaign, Workspace } from './catalog.types';
