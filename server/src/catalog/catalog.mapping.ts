/** Catalog records (storage) to the contract's types. */
import type { AccountRecord, CampaignRecord, WorkspaceRecord } from './catalog.model';
import type { Account, Campaign, Workspace } from './catalog.types';

export function toAccount(record: Omit<AccountRecord, 'createdAt'>): Account {
  return { id: record.id, name: record.name, timezone: record.timezone, ledgerClock: record.ledgerClock };
}

export function toWorkspace(record: WorkspaceRecord): Workspace {
  return { id: record.id, name: record.name, accountId: record.accountId };
}

export function toCampaign(record: CampaignRecord): Campaign {
  return { id: record.id, name: record.name, archived: record.archived };
}
