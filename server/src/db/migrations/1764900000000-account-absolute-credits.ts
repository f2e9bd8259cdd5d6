import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each account's lifetime sum of |credits|, kept by recordUsage in the row it already locks
 * (the ledger clock's), so that a batch taking it past 2^53−1 can be refused exactly and every
 * window's sum stays a SafeInt. Existing ledgers are summed once; a total already past the limit
 * is stored as 2^53 (only its being past matters: every further non-zero entry is refused).
 */
export class AccountAbsoluteCredits1764900000000 implements MigrationInterface {
  name = 'AccountAbsoluteCredits1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    await queryRunner.query('ALTER TABLE accounts ADD COLUMN absolute_credits BIGINT NOT NULL DEFAULT 0');
    // SQLite's SUM fails on int64 overflow and TOTAL is a float: exact below 2^53, which is where
    // exactness matters. The COALESCE sits inside: PostgreSQL's LEAST skips a NULL (no entries).
    const sum = postgres ? 'LEAST(COALESCE(SUM(ABS(u.credits)), 0), 9007199254740992)' : 'MIN(TOTAL(ABS(u.credits)), 9007199254740992)';
    await queryRunner.query(`UPDATE accounts SET absolute_credits = (SELECT CAST(${sum} AS BIGINT) FROM usage_entries u WHERE u.account_id = accounts.account_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE accounts DROP COLUMN absolute_credits');
  }
}
