import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `accounts.ledger_version`: one more with every recordUsage transaction of the account, taken
 * with its clock under the same row lock. A transaction that writes version V knows the ledger it
 * sees is version V − 1 plus its own entries, so a figure kept from the transaction that wrote
 * V − 1 (budgets' running totals) is still exact; any other version means another writer came
 * between. The clock cannot say it: it jumps to the wall clock.
 */
export class AccountLedgerVersion1766700000000 implements MigrationInterface {
  name = 'AccountLedgerVersion1766700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE accounts ADD COLUMN ledger_version BIGINT NOT NULL DEFAULT 0');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE accounts DROP COLUMN ledger_version');
  }
}
