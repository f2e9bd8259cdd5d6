import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Final invoices and the ledger's entry pages.
 *
 * `closed_periods`: one row per closed billing period of an account, written once by
 * closeBillingPeriod. `as_of` is the ledger clock the close took under the account's clock lock:
 * every entry of the period was committed at or before it, and none can be after it (recordUsage
 * refuses them), so the invoice at `as_of` is final. Tenants read it (Account.invoice), so it has
 * the row-level-security policy of migration 1764200000000.
 *
 * `usage_entries_by_workspace_page`: usageEntries pages a workspace's entries by occurredAt
 * descending, then idempotencyKey ascending in code-unit order. With the key in that order
 * ("C" collation, occurred_at descending) a page is the first `first` entries of an index range,
 * and with recorded_at, campaign_id, kind and credits included it is read from the index alone
 * (docs/performance.md has the plans).
 */
export class ClosedPeriodsAndEntryPages1766200000000 implements MigrationInterface {
  name = 'ClosedPeriodsAndEntryPages1766200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    await queryRunner.query(`CREATE TABLE closed_periods (
      account_id TEXT NOT NULL REFERENCES accounts (account_id),
      period_from BIGINT NOT NULL,
      period_to BIGINT NOT NULL,
      as_of BIGINT NOT NULL,
      closed_at BIGINT NOT NULL,
      PRIMARY KEY (account_id, period_from)
    )`);
    if (postgres) {
      await queryRunner.query('GRANT SELECT ON closed_periods TO creditlens_tenant');
      await queryRunner.query('ALTER TABLE closed_periods ENABLE ROW LEVEL SECURITY');
      await queryRunner.query(
        `CREATE POLICY tenant_rows ON closed_periods FOR SELECT TO creditlens_tenant USING (account_id = current_setting('creditlens.account_id', true))`,
      );
      await queryRunner.query(
        'CREATE INDEX usage_entries_by_workspace_page ON usage_entries (account_id, workspace_id, occurred_at DESC, idempotency_key COLLATE "C") INCLUDE (campaign_id, kind, credits, recorded_at)',
      );
    } else {
      await queryRunner.query('CREATE INDEX usage_entries_by_workspace_page ON usage_entries (account_id, workspace_id, occurred_at DESC, idempotency_key)');
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX usage_entries_by_workspace_page');
    await queryRunner.query('DROP TABLE closed_periods');
  }
}
