import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * UTC-month rollups beside the day and hour ones: a billing period becomes one month bucket plus
 * or minus a few hours at its edges (in its zone's offset) instead of thirty day buckets and up
 * to two days of hour buckets. Filled from the day rollups, which already hold every entry once.
 * Frozen DDL and SQL, as in 1764100000000.
 */
const TABLES: ReadonlyArray<{ name: string; days: string; keys: string[]; primaryKey: string[] }> = [
  { name: 'usage_workspace_totals_months', days: 'usage_workspace_totals_days', keys: ['workspace_id'], primaryKey: ['account_id', 'bucket_start', 'workspace_id'] },
  { name: 'usage_kind_months', days: 'usage_kind_days', keys: ['kind'], primaryKey: ['account_id', 'bucket_start', 'kind'] },
  {
    name: 'usage_campaign_months',
    days: 'usage_campaign_days',
    keys: ['workspace_id', 'campaign_key', 'kind'],
    primaryKey: ['account_id', 'workspace_id', 'bucket_start', 'campaign_key', 'kind'],
  },
];

export class MonthRollups1764500000000 implements MigrationInterface {
  name = 'MonthRollups1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    // bucket_start of a day rollup is a UTC midnight: a whole number of seconds.
    const month = postgres
      ? `(CAST(EXTRACT(EPOCH FROM date_trunc('month', to_timestamp(bucket_start / 1000) AT TIME ZONE 'UTC')) AS BIGINT) * 1000)`
      : `(CAST(strftime('%s', bucket_start / 1000, 'unixepoch', 'start of month') AS INTEGER) * 1000)`;
    for (const table of TABLES) {
      await queryRunner.query(`CREATE TABLE ${table.name} (
        account_id TEXT NOT NULL, bucket_start BIGINT NOT NULL, ${table.keys.map((key) => `${key} TEXT NOT NULL`).join(', ')},
        credits BIGINT NOT NULL, entry_count BIGINT NOT NULL,
        PRIMARY KEY (${table.primaryKey.join(', ')})
      )`);
      await queryRunner.query(`INSERT INTO ${table.name} (account_id, bucket_start, ${table.keys.join(', ')}, credits, entry_count)
        SELECT account_id, ${month}, ${table.keys.join(', ')}, SUM(credits), SUM(entry_count) FROM ${table.days}
        GROUP BY account_id, ${month}, ${table.keys.join(', ')}`);
      if (postgres) {
        await queryRunner.query(`GRANT SELECT ON ${table.name} TO creditlens_tenant`);
        await queryRunner.query(`ALTER TABLE ${table.name} ENABLE ROW LEVEL SECURITY`);
        await queryRunner.query(
          `CREATE POLICY tenant_rows ON ${table.name} FOR SELECT TO creditlens_tenant USING (account_id = current_setting('creditlens.account_id', true))`,
        );
      }
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) await queryRunner.query(`DROP TABLE ${table.name}`);
  }
}
