import { createHash } from 'node:crypto';
import type { Config } from '../config';
import { UnauthenticatedError } from '../errors';
import type { ApiKeyRepository, StoredApiKey } from './api-key.repository';
import { apiKeyIdOf, constantTimeEquals, hashSecret, LAST_USED_GRANULARITY_MS, secretMatches } from './api-keys';
import type { EmbedKeyring } from './embed-tokens';
import type { Principal } from '../access';

export interface Authenticator {
  /** The principal behind an Authorization header value; throws UnauthenticatedError otherwise. */
  authenticate(authorization: string | undefined, now: Date): Promise<Principal>;
}

/**
 * Compared against when the key id is unknown, so that an unknown key id, a revoked key and a
 * wrong secret all cost one lookup and one hash comparison, and read the same.
 */
const UNKNOWN_KEY_HASH = hashSecret('clk_key_unknown');
const INVALID_API_KEY = 'the API key is not valid (unknown, revoked, expired or wrong secret)';

export function createAuthenticator(config: Pick<Config, 'adminApiKey'>, apiKeys: ApiKeyRepository, embedKeys: EmbedKeyring): Authenticator {
  const recordUse = lastUseRecorder(apiKeys);
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
        const secretOk = secretMatches(credential, key?.secretHash ?? UNKNOWN_KEY_HASH);
        if (key && secretOk && key.revokedAt === null && (key.expiresAt === null || now < key.expiresAt)) {
          await recordUse(key, now);
          return { kind: 'apiKey', keyId: key.keyId, accountId: key.accountId, scopes: key.scopes };
        }
        throw new UnauthenticatedError(INVALID_API_KEY);
      }

      const claims = await embedKeys.verify(credential, now);
      if (claims === 'expired') throw new UnauthenticatedError('the embed token has expired: ask the host for a new one');
      if (claims) return { kind: 'embed', tokenId: embedTokenId(credential), ...claims };
      throw new UnauthenticatedError('the credential is not valid (neither the admin key, an API key nor a valid embed token)');
    },
  };
}

/**
 * Keeps ApiKey.lastUsedAt without a write per request: a key's use is written only when neither
 * the stored instant (read with the key, so other replicas' writes count) nor this process's last
 * write is within LAST_USED_GRANULARITY_MS of now — at most one write per key per granularity per
 * replica, and lastUsedAt is at most that much older than the true last use.
 */
function lastUseRecorder(apiKeys: ApiKeyRepository): (key: StoredApiKey, now: Date) => Promise<void> {
  const written = new Map<string, number>();
  return async (key, now) => {
    const known = Math.max(key.lastUsedAt?.getTime() ?? -Infinity, written.get(key.keyId) ?? -Infinity);
    if (now.getTime() - known < LAST_USED_GRANULARITY_MS) return;
    written.set(key.keyId, now.getTime());
    await apiKeys.recordUse(key.accountId, key.keyId, now, new Date(now.getTime() - LAST_USED_GRANULARITY_MS));
  };
}

/** A short, non-reversible name for one embed token: what per-credential limits count by. */
function embedTokenId(token: string): string {
  return createHash('sha256').update(token).digest('base64url').slice(0, 22);
}
