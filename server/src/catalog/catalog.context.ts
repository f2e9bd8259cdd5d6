/** What the catalog's resolvers read of a request's context: its slice of the joined Context (app/context.ts). */
import type { Principal } from '../access';
import type { CatalogLoaders } from './catalog.loaders';
import type { CatalogRepository } from './catalog.repository';

export interface CatalogServices {
  readonly catalog: CatalogRepository;
}

export interface CatalogContext {
  readonly principal: Principal;
  /** The request's clock: one "now" for every field of one answer. */
  readonly now: Date;
  readonly services: CatalogServices;
  readonly loaders: CatalogLoaders;
}
