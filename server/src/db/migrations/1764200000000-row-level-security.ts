import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A second wall between tenants on PostgreSQL: row-level security on every table, keyed by
 * the per-transaction setting creditlens.account_id, for the non-owner role creditlens_tenant
 * that tenant reads switch to (SET LOCAL ROLE). Superusers and owners bypass policies, so the
 * wall holds because the reads run as that role, not as whoever DATABASE_URL names.
 * The role is cluster-wide and shared by every Creditlens database of the cluster.
 */
const TABLES = [
  'accounts',
  'workspaces',
  'campaigns',
  'usage_entries',
  'api_keys',
  'usage_workspace_days',
  'usage_workspace_hours',
  'usage_campaign_days',
  'usage_campaign_hours',
];

export class RowLevelSecurity1764200000000 implements MigrationInterface {
  name = 'RowLevelSecurity1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'postgres') return;
    // Two databases migrating at once may both try to create the role.
    await queryRunner.query(`DO $$ BEGIN CREATE ROLE creditlens_tenant NOLOGIN;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`);
    await queryRunner.query('GRANT USAGE ON SCHEMA public TO creditlens_tenant');
    for (const table of TABLES) {
      await queryRunner.query(`GRANT SELECT ON ${table} TO creditlens_tenant`);
      await queryRunner.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await queryRunner.query(
        `CREATE POLICY tenant_rows ON ${table} FOR SELECT TO creditlens_tenant USING (account_id = current_setting('creditlens.account_id', true))`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'postgres') return;
    for (const table of TABLES) {
      await queryRunner.query(`DROP POLICY tenant_rows ON ${table}`);
      await queryRunner.query(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`);
      await queryRunner.query(`REVOKE SELECT ON ${table} FROM creditlens_tenant`);
    }
  }
}
