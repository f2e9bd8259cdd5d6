import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An account API key. Only the SHA-256 of its secret is kept. */
@Entity({ name: 'api_keys' })
export class ApiKeyEntity {
  @PrimaryColumn({ name: 'account_id', type: 'text' })
  accountId!: string;

  @PrimaryColumn({ name: 'key_id', type: 'text' })
  keyId!: string;

  @Column({ name: 'secret_hash', type: 'text' })
  secretHash!: string;

  /** Comma-separated ApiScope names. */
  @Column({ type: 'text' })
  scopes!: string;

  @Column({ name: 'created_at', type: 'bigint' })
  createdAt!: string;

  @Column({ name: 'revoked_at', type: 'bigint', nullable: true })
  revokedAt!: string | null;

  @Column({ type: 'text', nullable: true })
  label!: string | null;

  /** Epoch ms after which the key no longer authenticates; null: never. */
  @Column({ name: 'expires_at', type: 'bigint', nullable: true })
  expiresAt!: string | null;

  /** Epoch ms of a recent use, written at most once per LAST_USED_GRANULARITY_MS. */
  @Column({ name: 'last_used_at', type: 'bigint', nullable: true })
  lastUsedAt!: string | null;
}
