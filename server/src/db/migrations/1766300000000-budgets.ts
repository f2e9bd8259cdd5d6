import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Budgets and the thresholds they have crossed.
 *
 * `budgets`: one row per scope of an account — the account itself, one workspace or one campaign
 * (`scope` is '', 'w:<workspace id>' or 'c:<campaign id>'); the unique (account_id, scope) is
 * what makes setBudget on a scope that has one replace it in place, keeping its id.
 * `budget_crossings`: one row per (budget, billing period, threshold) whose event was stored,
 * written in the recordUsage transaction before its event is stored in the webhook outbox (only a
 * crossing that this insert adds gets an event). Its primary key makes a second crossing of one
 * key impossible, and the outbox's unique dedupe key is the backstop;
 * it is what BudgetStatus.crossed reads, under the tenant wall, without reading the outbox.
 * Tenants read both: row-level security as in 1764200000000.
 */
const TENANT_TABLES = ['budgets', 'budget_crossings'];

export class Budgets1766300000000 implements MigrationInterface {
  name = 'Budgets1766300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE budgets (
      account_id TEXT NOT NULL,
      budget_id TEXT NOT NULL,
      scope TEXT NOT NULL,
      workspace_id TEXT,
      campaign_id TEXT,
      credits_per_period BIGINT NOT NULL,
      thresholds TEXT NOT NULL,
      created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL,
      PRIMARY KEY (account_id, budget_id)
    )`);
    await queryRunner.query('CREATE UNIQUE INDEX budgets_one_per_scope ON budgets (account_id, scope)');
    await queryRunner.query('CREATE UNIQUE INDEX budgets_by_id ON budgets (budget_id)');
    await queryRunner.query(`CREATE TABLE budget_crossings (
      account_id TEXT NOT NULL,
      budget_id TEXT NOT NULL,
      period_from BIGINT NOT NULL,
      threshold INTEGER NOT NULL,
      crossed_at BIGINT NOT NULL,
      PRIMARY KEY (account_id, budget_id, period_from, threshold)
    )`);
    if (queryRunner.connection.options.type !== 'postgres') return;
    for (const table of TENANT_TABLES) {
      await queryRunner.query(`GRANT SELECT ON ${table} TO creditlens_tenant`);
      await queryRunner.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await queryRunner.query(
        `CREATE POLICY tenant_rows ON ${table} FOR SELECT TO creditlens_tenant USING (account_id = current_setting('creditlens.account_id', true))`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE budget_crossings');
    await queryRunner.query('DROP TABLE budgets');
  }
}
