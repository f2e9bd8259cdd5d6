import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ledger schema. Every table is keyed by account_id first (the distribution column of a
 * multi-tenant Citus layout); ids are the host platform's own strings.
 *
 * Instants are epoch milliseconds in BIGINT columns: exact, comparable, the same on both
 * dialects. usage_entries is append-only: triggers refuse UPDATE and DELETE.
 */
export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    const bool = postgres ? 'BOOLEAN' : 'INTEGER';
    const statements = [
      `CREATE TABLE accounts (
        account_id TEXT NOT NULL PRIMARY KEY,
        name TEXT NOT NULL,
        timezone TEXT NOT NULL,
        ledger_clock BIGINT NOT NULL,
        created_at BIGINT NOT NULL
      )`,
      `CREATE TABLE workspaces (
        account_id TEXT NOT NULL REFERENCES accounts (account_id),
        workspace_id TEXT NOT NULL,
        name TEXT NOT NULL,
        PRIMARY KEY (account_id, workspace_id)
      )`,
      `CREATE UNIQUE INDEX workspaces_by_id ON workspaces (workspace_id)`,
      `CREATE TABLE campaigns (
        account_id TEXT NOT NULL,
        campaign_id TEXT NOT NULL,
        workspace_id TEXT NOT NULL,
        name TEXT NOT NULL,
        archived ${bool} NOT NULL,
        PRIMARY KEY (account_id, campaign_id),
        FOREIGN KEY (account_id, workspace_id) REFERENCES workspaces (account_id, workspace_id)
      )`,
      `CREATE UNIQUE INDEX campaigns_by_id ON campaigns (campaign_id)`,
      `CREATE UNIQUE INDEX campaigns_by_workspace ON campaigns (account_id, workspace_id, campaign_id)`,
      `CREATE TABLE usage_entries (
        account_id TEXT NOT NULL,
        idempotency_key TEXT NOT NULL,
        workspace_id TEXT NOT NULL,
        campaign_id TEXT,
        kind TEXT NOT NULL,
        credits BIGINT NOT NULL,
        occurred_at BIGINT NOT NULL,
        recorded_at BIGINT NOT NULL,
        PRIMARY KEY (account_id, idempotency_key),
        FOREIGN KEY (account_id, workspace_id) REFERENCES workspaces (account_id, workspace_id),
        FOREIGN KEY (account_id, workspace_id, campaign_id) REFERENCES campaigns (account_id, workspace_id, campaign_id)
      )`,
      `CREATE INDEX usage_entries_by_workspace_time ON usage_entries (account_id, workspace_id, occurred_at)`,
      `CREATE INDEX usage_entries_by_time ON usage_entries (account_id, occurred_at)`,
      `CREATE TABLE api_keys (
        account_id TEXT NOT NULL REFERENCES accounts (account_id),
        key_id TEXT NOT NULL,
        secret_hash TEXT NOT NULL,
        scopes TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        revoked_at BIGINT,
        PRIMARY KEY (account_id, key_id)
      )`,
      `CREATE UNIQUE INDEX api_keys_by_id ON api_keys (key_id)`,
      ...(postgres ? postgresAppendOnly() : sqliteAppendOnly()),
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['api_keys', 'usage_entries', 'campaigns', 'workspaces', 'accounts']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
    if (queryRunner.connection.options.type === 'postgres') {
      await queryRunner.query('DROP FUNCTION refuse_ledger_change()');
    }
  }
}

function postgresAppendOnly(): string[] {
  return [
    `CREATE FUNCTION refuse_ledger_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'usage_entries is append-only'; END $$`,
    `CREATE TRIGGER usage_entries_append_only BEFORE UPDATE OR DELETE ON usage_entries
      FOR EACH ROW EXECUTE FUNCTION refuse_ledger_change()`,
  ];
}

function sqliteAppendOnly(): string[] {
  return ['UPDATE', 'DELETE'].map(
    (operation) => `CREATE TRIGGER usage_entries_no_${operation.toLowerCase()} BEFORE ${operation} ON usage_entries
      BEGIN SELECT RAISE(ABORT, 'usage_entries is append-only'); END`,
  );
}
