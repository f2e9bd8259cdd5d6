import type { Database } from '../db/database';
import type { ApiScope } from './principal';

export interface StoredApiKey {
  readonly accountId: string;
  readonly keyId: string;
  readonly secretHash: string;
  readonly scopes: readonly ApiScope[];
  readonly revokedAt: Date | null;
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
      revokedAt: row.revoked_at === null ? null : new Date(Number(row.revoked_at)),
    };
  }

  /**
   * Marks a key revoked; revoking it again keeps the first instant. Returns when it was
   * revoked. The key is named with its account, as every statement on tenant data is.
   */
  async revoke(accountId: string, keyId: string, now: Date): Promise<Date> {
    return this.db.writeTransaction(async (tx) => {
      await tx.query('UPDATE api_keys SET revoked_at = ? WHERE account_id = ? AND key_id = ? AND revoked_at IS NULL', [now.getTime(), accountId, keyId]);
      const rows = await tx.query<{ revoked_at: unknown }>('SELECT revoked_at FROM api_keys WHERE account_id = ? AND key_id = ?', [accountId, keyId]);
      return new Date(Number(rows[0]!.revoked_at));
    });
  }
}
