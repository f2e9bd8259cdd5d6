import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rollups of the ledger (see usage/rollups.ts), the index that finds entries recorded after a
 * snapshot, and a backfill of the rollups from the ledger already there. The DDL is spelled out
 * here, frozen as it was, so that later changes to the code cannot rewrite this migration.
 */
const TABLES: ReadonlyArray<{ name: string; keys: string[]; primaryKey: string[]; bucketMs: number }> = [
  { name: 'usage_workspace_days', keys: ['workspace_id', 'kind'], primaryKey: ['account_id', 'bucket_start', 'workspace_id', 'kind'], bucketMs: 86_400_000 },
  { name: 'usage_workspace_hours', keys: ['workspace_id', 'kind'], primaryKey: ['account_id', 'bucket_start', 'workspace_id', 'kind'], bucketMs: 3_600_000 },
  {
    name: 'usage_campaign_days',
    keys: ['workspace_id', 'campaign_key', 'kind'],
    primaryKey: ['account_id', 'workspace_id', 'bucket_start', 'campaign_key', 'kind'],
    bucketMs: 86_400_000,
  },
  {
    name: 'usage_campaign_hours',
    keys: ['workspace_id', 'campaign_key', 'kind'],
    primaryKey: ['account_id', 'workspace_id', 'bucket_start', 'campaign_key', 'kind'],
    bucketMs: 3_600_000,
  },
];

export class UsageRollups1764100000000 implements MigrationInterface {
  name = 'UsageRollups1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX usage_entries_by_recorded ON usage_entries (account_id, recorded_at)');
    for (const table of TABLES) {
      await queryRunner.query(`CREATE TABLE ${table.name} (
        account_id TEXT NOT NULL, bucket_start BIGINT NOT NULL, ${table.keys.map((key) => `${key} TEXT NOT NULL`).join(', ')},
        credits BIGINT NOT NULL, entry_count BIGINT NOT NULL,
        PRIMARY KEY (${table.primaryKey.join(', ')})
      )`);
      const bucket = `(occurred_at - ((occurred_at % ${table.bucketMs}) + ${table.bucketMs}) % ${table.bucketMs})`;
      const keys = table.keys.map((key) => (key === 'campaign_key' ? `COALESCE(campaign_id, '')` : key));
      await queryRunner.query(`INSERT INTO ${table.name} (account_id, bucket_start, ${table.keys.join(', ')}, credits, entry_count)
        SELECT account_id, ${bucket}, ${keys.join(', ')}, SUM(credits), COUNT(*) FROM usage_entries
        GROUP BY account_id, ${bucket}, ${keys.join(', ')}`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) await queryRunner.query(`DROP TABLE ${table.name}`);
    await queryRunner.query('DROP INDEX usage_entries_by_recorded');
  }
}
