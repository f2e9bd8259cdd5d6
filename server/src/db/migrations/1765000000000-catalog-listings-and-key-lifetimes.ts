import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * API keys gain a label, an optional expiry and the instant of their last use (kept coarse, see
 * auth/authenticate.ts). The catalog listings page by keyset on (name, id) in code-point
 * order within an account (workspaces) or a workspace (campaigns), accounts by id: these indexes hold
 * exactly that order, so a page reads its `first + 1` rows and stops. PostgreSQL compares in the "C"
 * collation (UTF-8 bytes), SQLite's BINARY compares UTF-8 bytes too: both give code-point order.
 * api_keys is under row-level security already (1764200000000); its policy and grant cover the
 * new columns.
 */
export class CatalogListingsAndKeyLifetimes1765000000000 implements MigrationInterface {
  name = 'CatalogListingsAndKeyLifetimes1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const collate = queryRunner.connection.options.type === 'postgres' ? ' COLLATE "C"' : '';
    await queryRunner.query('ALTER TABLE api_keys ADD COLUMN label TEXT');
    await queryRunner.query('ALTER TABLE api_keys ADD COLUMN expires_at BIGINT');
    await queryRunner.query('ALTER TABLE api_keys ADD COLUMN last_used_at BIGINT');
    await queryRunner.query(`CREATE INDEX workspaces_by_name ON workspaces (account_id, name${collate}, workspace_id${collate})`);
    await queryRunner.query(`CREATE INDEX campaigns_by_name ON campaigns (account_id, workspace_id, name${collate}, campaign_id${collate})`);
    // SQLite's primary key already holds account ids in BINARY order; PostgreSQL's holds the database's collation.
    if (collate) await queryRunner.query(`CREATE INDEX accounts_by_id_code_points ON accounts (account_id${collate})`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'postgres') await queryRunner.query('DROP INDEX accounts_by_id_code_points');
    await queryRunner.query('DROP INDEX campaigns_by_name');
    await queryRunner.query('DROP INDEX workspaces_by_name');
    await queryRunner.query('ALTER TABLE api_keys DROP COLUMN last_used_at');
    await queryRunner.query('ALTER TABLE api_keys DROP COLUMN expires_at');
    await queryRunner.query('ALTER TABLE api_keys DROP COLUMN label');
  }
}
