import type { Database } from '../db';
import type { ApiScope } from '../access';

export interface StoredApiKey {
  readonly accountId: string;
  readonly keyId: string;
  readonly secretHash: string;
  readonly scopes: readonly ApiScope[];
  readonly revokedAt: Date | null;
  readonly label: string | null;
  readonly createdAt: Date;
  readonly expiresAt: Date | null;
  readonly lastUsedAt: Date | null;
}

/** A key as its account's admin sees it: everything but the secret's hash. */
export type ApiKeyRecord = Omit<StoredApiKey, 'secretHash'>;

type ApiKeyRow = {
  account_id: string;
  key_id: string;
  secret_hash: string;
  scopes: string;
  label: string | null;
  created_at: unknown;
  expires_at: unknown;
  last_used_at: unknown;
  revoked_at: unknown;
};

const COLUMNS = 'account_id, key_id, secret_hash, scopes, label, created_at, expires_at, last_used_at, revoked_at';

/** All SQL about API keys. */
export class ApiKeyRepository {
  constructor(private readonly db: Database) {}

  async insert(
    key: { accountId: string; keyId: string; secretHash: string; scopes: readonly ApiScope[]; label?: string | null; expiresAt?: Date | null },
    now: Date,
  ): Promise<void> {
    await this.db.writeTransaction((tx) =>
      tx.query('INSERT INTO api_keys (account_id, key_id, secret_hash, scopes, label, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
        key.accountId,
        key.keyId,
        key.secretHash,
        key.scopes.join(','),
        key.label ?? null,
        key.expiresAt ? key.expiresAt.getTime() : null,
        now.getTime(),
      ]),
    );
  }

  /** Looked up by its globally unique key id: the account is what the key tells us. */
  async findByKeyId(keyId: string): Promise<StoredApiKey | null> {
    const rows = await this.db.reader.query<ApiKeyRow>(`SELECT ${COLUMNS} FROM api_keys WHERE key_id = ?`, [keyId]);
    return rows[0] ? toStoredKey(rows[0]) : null;
  }

  /** Every key of an account, revoked and expired ones included, oldest first (then by id). */
  async listForAccount(accountId: string): Promise<ApiKeyRecord[]> {
    const rows = await this.db
      .tenantReader(accountId)
      .query<ApiKeyRow>(`SELECT ${COLUMNS} FROM api_keys WHERE account_id = ? ORDER BY created_at, key_id`, [accountId]);
    return rows.map((row) => {
      const { secretHash: _hidden, ...record } = toStoredKey(row);
      return record;
    });
  }

  /**
   * Records a use of the key at `now` unless a use at or after `notBefore` is stored already
   * (another replica wrote it): the stored instant only moves forward, and callers decide how
   * rarely to ask (see LAST_USED_GRANULARITY_MS).
   */
  async recordUse(accountId: string, keyId: string, now: Date, notBefore: Date): Promise<void> {
    await this.db.writeTransaction((tx) =>
      tx.query('UPDATE api_keys SET last_used_at = ? WHERE account_id = ? AND key_id = ? AND (last_used_at IS NULL OR last_used_at < ?)', [
        now.getTime(),
        accountId,
        keyId,
        notBefore.getTime(),
      ]),
    );
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

function instantOrNull(value: unknown): Date | null {
  return value === null || value === undefined ? null : new Date(Number(value));
}

function toStoredKey(row: ApiKeyRow): StoredApiKey {
  return {
    accountId: row.account_id,
    keyId: row.key_id,
    secretHash: row.secret_hash,
    scopes: row.scopes.split(',').filter(Boolean) as ApiScope[],
    revokedAt: instantOrNull(row.revoked_at),
    label: row.label,
    createdAt: new Date(Number(row.created_at)),
    expiresAt: instantOrNull(row.expires_at),
    lastUsedAt: instantOrNull(row.last_used_at),
  };
}
