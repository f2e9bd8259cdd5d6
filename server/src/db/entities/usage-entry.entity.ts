import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One ledger line. Append-only: the database refuses UPDATE and DELETE on this table. */
@Entity({ name: 'usage_entries' })
export class UsageEntryEntity {
  @PrimaryColumn({ name: 'account_id', type: 'text' })
  accountId!: string;

  @PrimaryColumn({ name: 'idempotency_key', type: 'text' })
  idempotencyKey!: string;

  @Column({ name: 'workspace_id', type: 'text' })
  workspaceId!: string;

  @Column({ name: 'campaign_id', type: 'text', nullable: true })
  campaignId!: string | null;

  @Column({ type: 'text' })
  kind!: string;

  /** Whole credits; negative for refunds. BIGINT: sums stay exact past 2^53. */
  @Column({ type: 'bigint' })
  credits!: string;

  @Column({ name: 'occurred_at', type: 'bigint' })
  occurredAt!: string;

  /** The account's ledger clock when the entry was committed: what `asOf` compares with. */
  @Column({ name: 'recorded_at', type: 'bigint' })
  recordedAt!: string;
}
