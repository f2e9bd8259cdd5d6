import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rollups by the account's local day (usage/local-days.ts), of workspaces and of campaign rows
 * (kinds summed): a page's or an expand's daily series becomes one row per row and day instead of
 * UTC days plus the hours at each local day's edges. `accounts.local_days_zone` is the zone their
 * rows are in; NULL: not built, and series read the UTC rollups as before. An account with no
 * entries has complete (empty) rollups in its own zone; the others are built by
 * `npm run rollups -- rebuild` (docs/operations.md). Frozen DDL.
 */
const TABLES: ReadonlyArray<{ name: string; keys: string[]; primaryKey: string[]; fillfactor: number }> = [
  { name: 'usage_workspace_local_days', keys: ['workspace_id'], primaryKey: ['account_id', 'bucket_start', 'workspace_id'], fillfactor: 20 },
  { name: 'usage_campaign_local_days', keys: ['workspace_id', 'campaign_key'], primaryKey: ['account_id', 'workspace_id', 'bucket_start', 'campaign_key'], fillfactor: 50 },
];

export class LocalDayRollups1766800000000 implements MigrationInterface {
  name = 'LocalDayRollups1766800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    for (const table of TABLES) {
      await queryRunner.query(`CREATE TABLE ${table.name} (
        account_id TEXT NOT NULL, bucket_start BIGINT NOT NULL, ${table.keys.map((key) => `${key} TEXT NOT NULL`).join(', ')},
        credits BIGINT NOT NULL, entry_count BIGINT NOT NULL,
        PRIMARY KEY (${table.primaryKey.join(', ')})
      )${postgres ? ` WITH (fillfactor = ${table.fillfactor})` : ''}`);
      if (postgres) {
        await queryRunner.query(`GRANT SELECT ON ${table.name} TO creditlens_tenant`);
        await queryRunner.query(`ALTER TABLE ${table.name} ENABLE ROW LEVEL SECURITY`);
        await queryRunner.query(
          `CREATE POLICY tenant_rows ON ${table.name} FOR SELECT TO creditlens_tenant USING (account_id = current_setting('creditlens.account_id', true))`,
        );
      }
    }
    await queryRunner.query('ALTER TABLE accounts ADD COLUMN local_days_zone TEXT NULL');
    await queryRunner.query('UPDATE accounts SET local_days_zone = timezone WHERE NOT EXISTS (SELECT 1 FROM usage_entries u WHERE u.account_id = accounts.account_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) await queryRunner.query(`DROP TABLE ${table.name}`);
    await queryRunner.query('ALTER TABLE accounts DROP COLUMN local_days_zone');
  }
}
