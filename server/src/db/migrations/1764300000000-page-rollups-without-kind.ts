import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Measured at 1 M entries a month, the page's per-(workspace, kind) rollups held six times the
 * rows it needs: the page now reads per-workspace totals and the account's per-kind totals from
 * rollups of their own. The campaign rollups are unchanged. Frozen DDL, as in 1764100000000.
 */
const TABLES: ReadonlyArray<{ name: string; key: 'workspace_id' | 'kind'; bucketMs: number }> = [
  { name: 'usage_workspace_totals_days', key: 'workspace_id', bucketMs: 86_400_000 },
  { name: 'usage_workspace_totals_hours', key: 'workspace_id', bucketMs: 3_600_000 },
  { name: 'usage_kind_days', key: 'kind', bucketMs: 86_400_000 },
  { name: 'usage_kind_hours', key: 'kind', bucketMs: 3_600_000 },
];

export class PageRollupsWithoutKind1764300000000 implements MigrationInterface {
  name = 'PageRollupsWithoutKind1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    for (const table of TABLES) {
      await queryRunner.query(`CREATE TABLE ${table.name} (
        account_id TEXT NOT NULL, bucket_start BIGINT NOT NULL, ${table.key} TEXT NOT NULL,
        credits BIGINT NOT NULL, entry_count BIGINT NOT NULL,
        PRIMARY KEY (account_id, bucket_start, ${table.key})
      )`);
      const bucket = `(occurred_at - ((occurred_at % ${table.bucketMs}) + ${table.bucketMs}) % ${table.bucketMs})`;
      await queryRunner.query(`INSERT INTO ${table.name} (account_id, bucket_start, ${table.key}, credits, entry_count)
        SELECT account_id, ${bucket}, ${table.key}, SUM(credits), COUNT(*) FROM usage_entries
        GROUP BY account_id, ${bucket}, ${table.key}`);
      if (postgres) {
        await queryRunner.query(`GRANT SELECT ON ${table.name} TO creditlens_tenant`);
        await queryRunner.query(`ALTER TABLE ${table.name} ENABLE ROW LEVEL SECURITY`);
        await queryRunner.query(
          `CREATE POLICY tenant_rows ON ${table.name} FOR SELECT TO creditlens_tenant USING (account_id = current_setting('creditlens.account_id', true))`,
        );
      }
    }
    await queryRunner.query('DROP TABLE usage_workspace_days');
    await queryRunner.query('DROP TABLE usage_workspace_hours');
  }

  async down(): Promise<void> {
    throw new Error('PageRollupsWithoutKind1764300000000 is not reversible: restore from a backup, then rebuild the rollups');
  }
}
