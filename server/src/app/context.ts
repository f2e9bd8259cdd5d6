/**
 * The joined per-request Context: every domain's slice (access's principal, the catalog's,
 * auth's, usage's, webhooks' and budgets' services and loaders) in one object. Loaders are made per request, so no
 * cache outlives it or crosses tenants.
 */
import type { Principal } from '../access';
import type { AuthServices } from '../auth';
import { createBudgetLoaders, type BudgetLoaders, type BudgetServices } from '../budgets';
import { createCatalogLoaders, type CatalogLoaders, type CatalogServices } from '../catalog';
import { createUsageLoaders, type UsageLoaders, type UsageServices } from '../usage';
import type { WebhookServices } from '../webhooks';

/** Long-lived services, shared by all requests. */
export type Services = CatalogServices & AuthServices & UsageServices & WebhookServices & BudgetServices;

/** Per-request loaders: a fresh set per request. */
export type Loaders = CatalogLoaders & UsageLoaders & BudgetLoaders;

export interface Context {
  readonly principal: Principal;
  /** The request's clock: one "now" for every field of one answer. */
  readonly now: Date;
  /** Names this request in the logs and in the client's internal errors (logging/logger.ts). */
  readonly requestId: string;
  readonly services: Services;
  readonly loaders: Loaders;
}

export function createContext(principal: Principal, now: Date, requestId: string, services: Services): Context {
  return { principal, now, requestId, services, loaders: { ...createCatalogLoaders(services.catalog), ...createUsageLoaders(services.usage, services.usageOverTime), ...createBudgetLoaders(services.budgets) } };
}
