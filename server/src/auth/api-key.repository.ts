import type { Database } from '../db/database';
import type { ApiScope } from './principal';

export interface StoredApiKey {
  readonly accountId: string;
  readonly keyId: string;
  readonly secretHash: string;
  readonly scopes: readonly ApiScope[];
  readonly revoked: boolean;
}

/** All SQL about API keys. */
export class ApiKeyRepository {
  constructor(private readonly db: Database) {}

  async insert(key: { accountId: string; keyId: string; secretHash: string; scopes: readonly ApiScope[] }, now: Date): Promise<void> {
    await this.db.writeTransaction((tx) =>
      tx.query('INSERT INTO api_keys (account_id, key_id, secret_hash, scopes, created_at) VALUES (?, ?, ?, ?, ?)', [
        key.accountId,
        key.keyId,
        key.secretHash,
        key.scopes.join(','),
        now.getTime(),
      ]),
    );
  }

  /** Looked up by its globally unique key id: the account is what the key tells us. */
  async findByKeyId(keyId: string): Promise<StoredApiKey | null> {
    const rows = await this.db.reader.query<{ account_id: string; key_id: string; secret_hash: string; scopes: string; revoked_at: unknown }>(
      'SELECT account_id, key_id, secret_hash, scopes, revoked_at FROM api_keys WHERE key_id = ?',
      [keyId],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      accountId: row.account_id,
      keyId: row.key_id,
      secretHash: row.secret_hash,
      scopes: row.scopes.split(',').filter(Boolean) as ApiScope[],
      revoked: row.revoked_at !== null,
    };
  }
}
