import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'campaigns' })
export class CampaignEntity {
  @PrimaryColumn({ name: 'account_id', type: 'text' })
  accountId!: string;

  @PrimaryColumn({ name: 'campaign_id', type: 'text' })
  campaignId!: string;

  @Column({ name: 'workspace_id', type: 'text' })
  workspaceId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'boolean' })
  archived!: boolean;
}
