import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The workspace rollup by the account's local day (usage/local-days.ts): a page's daily series
 * becomes one row per workspace and day instead of UTC days plus the hours at each local day's
 * edges. `accounts.local_days_zone` is the zone its rows are in; NULL: not built, and series read
 * the UTC rollups as before. An account with no entries has a complete (empty) rollup in its own
 * zone; the others are built by `npm run rollups -- rebuild` (docs/operations.md). Frozen DDL.
 */
export class WorkspaceLocalDays1766800000000 implements MigrationInterface {
  name = 'WorkspaceLocalDays1766800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    await queryRunner.query(`CREATE TABLE usage_workspace_local_days (
      account_id TEXT NOT NULL, bucket_start BIGINT NOT NULL, workspace_id TEXT NOT NULL,
      credits BIGINT NOT NULL, entry_count BIGINT NOT NULL,
      PRIMARY KEY (account_id, bucket_start, workspace_id)
    )${postgres ? ' WITH (fillfactor = 20)' : ''}`);
    await queryRunner.query('ALTER TABLE accounts ADD COLUMN local_days_zone TEXT NULL');
    await queryRunner.query('UPDATE accounts SET local_days_zone = timezone WHERE NOT EXISTS (SELECT 1 FROM usage_entries u WHERE u.account_id = accounts.account_id)');
    if (postgres) {
      await queryRunner.query('GRANT SELECT ON usage_workspace_local_days TO creditlens_tenant');
      await queryRunner.query('ALTER TABLE usage_workspace_local_days ENABLE ROW LEVEL SECURITY');
      await queryRunner.query(
        `CREATE POLICY tenant_rows ON usage_workspace_local_days FOR SELECT TO creditlens_tenant USING (account_id = current_setting('creditlens.account_id', true))`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE usage_workspace_local_days');
    await queryRunner.query('ALTER TABLE accounts DROP COLUMN local_days_zone');
  }
}
