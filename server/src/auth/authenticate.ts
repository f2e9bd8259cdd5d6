import type { Config } from '../config/config';
import { UnauthenticatedError } from '../errors/domain-errors';
import type { ApiKeyRepository } from './api-key.repository';
import { apiKeyIdOf, constantTimeEquals, secretMatches } from './api-keys';
import type { EmbedKeyring } from './embed-tokens';
import type { Principal } from './principal';

export interface Authenticator {
  /** The principal behind an Authorization header value; throws UnauthenticatedError otherwise. */
  authenticate(authorization: string | undefined, now: Date): Promise<Principal>;
}

export function createAuthenticator(config: Pick<Config, 'adminApiKey'>, apiKeys: ApiKeyRepository, embedKeys: EmbedKeyring): Authenticator {
  return {
    async authenticate(authorization, now) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
      if (!match) {
        throw new UnauthenticatedError('send a credential as "Authorization: Bearer <admin key, API key or embed token>"');
      }
      const credential = match[1]!;
      if (constantTimeEquals(credential, config.adminApiKey)) return { kind: 'admin' };

      const keyId = apiKeyIdOf(credential);
      if (keyId) {
        const key = await apiKeys.findByKeyId(keyId);
        if (key && !key.revoked && secretMatches(credential, key.secretHash)) {
          return { kind: 'apiKey', keyId: key.keyId, accountId: key.accountId, scopes: key.scopes };
        }
        throw new UnauthenticatedError('the API key is not valid (unknown or revoked)');
      }

      const claims = await embedKeys.verify(credential, now);
      if (claims === 'expired') throw new UnauthenticatedError('the embed token has expired: ask the host for a new one');
      if (claims) return { kind: 'embed', ...claims };
      throw new UnauthenticatedError('the credential is not valid');
    },
  };
}
