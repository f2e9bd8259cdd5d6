import { AccountEntity } from './account.entity';
import { ApiKeyEntity } from './api-key.entity';
import { CampaignEntity } from './campaign.entity';
import { UsageEntryEntity } from './usage-entry.entity';
import { WorkspaceEntity } from './workspace.entity';

export { AccountEntity, ApiKeyEntity, CampaignEntity, UsageEntryEntity, WorkspaceEntity };

export const ENTITIES = [AccountEntity, WorkspaceEntity, CampaignEntity, UsageEntryEntity, ApiKeyEntity];
