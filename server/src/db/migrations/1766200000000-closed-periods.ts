import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Final invoices.
 *
 * `closed_periods`: one row per closed billing period of an account, written once by
 * closeBillingPeriod. `as_of` is the ledger clock the close took under the account's clock lock:
 * every entry of the period was committed at or before it, and none can be after it (recordUsage
 * refuses them), so the invoice at `as_of` is final. Tenants read it (Account.invoice), so it has
 * the row-level-security policy of migration 1764200000000.
 *
 * usageEntries needs no index of its own: its pages (occurred_at descending, then the key) are a
 * backward range of (account_id, workspace_id, occurred_at), whose few ties on occurred_at an
 * incremental sort (PostgreSQL) or a sort of the last ORDER BY term (SQLite) puts in key order,
 * stopping at the page's end — measured at 10 M entries in docs/performance.md. A covering index
 * with the key would spare the page's ~50 heap reads but cost every insert another wide index.
 */
export class ClosedPeriods1766200000000 implements MigrationInterface {
  name = 'ClosedPeriods1766200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE closed_periods (
      account_id TEXT NOT NULL REFERENCES accounts (account_id),
      period_from BIGINT NOT NULL,
      period_to BIGINT NOT NULL,
      as_of BIGINT NOT NULL,
      closed_at BIGINT NOT NULL,
      PRIMARY KEY (account_id, period_from)
    )`);
    if (queryRunner.connection.options.type === 'postgres') {
      await queryRunner.query('GRANT SELECT ON closed_periods TO creditlens_tenant');
      await queryRunner.query('ALTER TABLE closed_periods ENABLE ROW LEVEL SECURITY');
      await queryRunner.query(
        `CREATE POLICY tenant_rows ON closed_periods FOR SELECT TO creditlens_tenant USING (account_id = current_setting('creditlens.account_id', true))`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE closed_periods');
  }
}
