/** What the credential resolvers read of a request's context: their slice of the joined Context (app/context.ts). */
import type { Principal } from '../access';
import type { CatalogRepository } from '../catalog';
import type { ApiKeyRepository } from './api-key.repository';
import type { EmbedKeyring } from './embed-tokens';

export interface AuthServices {
  readonly apiKeys: ApiKeyRepository;
  readonly embedKeys: EmbedKeyring;
  /** Minting checks that the account and workspaces named exist. */
  readonly catalog: CatalogRepository;
}

export interface AuthContext {
  readonly principal: Principal;
  readonly now: Date;
  readonly services: AuthServices;
}
