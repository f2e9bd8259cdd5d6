/** Stored API keys (api-key.repository.ts) to the contract's ApiKey: the secret's hash never leaves. */
import type { ApiKeyRecord } from './api-key.repository';
import type { ApiKey } from './credentials.types';

export function toApiKey(record: ApiKeyRecord): ApiKey {
  return {
    id: record.keyId,
    label: record.label,
    scopes: [...record.scopes],
    createdAt: record.createdAt,
    lastUsedAt: record.lastUsedAt,
    expiresAt: record.expiresAt,
    revokedAt: record.revokedAt,
  };
}
