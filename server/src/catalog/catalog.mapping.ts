import type { ApiKeyRecord } from '../auth/api-key.repository';
import type { ApiKey } from '../auth/credentials.types';
import { ApiScope } from '../graphql/enums';
import type { AccountRecord, CampaignRecord, WorkspaceRecord } from './catalog.model';
import type { Account, Campaign, Workspace } from './catalog.types';

/** Catalog records (storage) to the contract's types. */

export function toAccount(record: Omit<AccountRecord, 'createdAt'>): Account {
  return { id: record.id, name: record.name, timezone: record.timezone, ledgerClock: record.ledgerClock };
}

export function toWorkspace(record: WorkspaceRecord): Workspace {
  return { id: record.id, name: record.name, accountId: record.accountId };
}

export function toCampaign(record: CampaignRecord): Campaign {
  return { id: record.id, name: record.name, archived: record.archived };
}

export function toApiKey(record: ApiKeyRecord): ApiKey {
  return {
    id: record.keyId,
    label: record.label,
    scopes: record.scopes.map((scope) => ApiScope[scope]),
    createdAt: record.createdAt,
    lastUsedAt: record.lastUsedAt,
    expiresAt: record.expiresAt,
    revokedAt: record.revokedAt,
  };
}
