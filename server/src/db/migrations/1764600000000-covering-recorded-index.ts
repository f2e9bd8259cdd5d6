import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * EXPLAIN ANALYZE at 10 M entries, a snapshot one hour back: the 12,855 entries recorded since
 * were read through (account_id, recorded_at) with one heap fetch each, 18 ms of a 30 ms expand.
 * With the summed columns included, PostgreSQL reads them from the index alone. SQLite keeps its
 * narrower index, as in 1764400000000.
 */
export class CoveringRecordedIndex1764600000000 implements MigrationInterface {
  name = 'CoveringRecordedIndex1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'postgres') return;
    await queryRunner.query(
      'CREATE INDEX usage_entries_by_recorded_covering ON usage_entries (account_id, recorded_at) INCLUDE (workspace_id, campaign_id, kind, credits, occurred_at)',
    );
    await queryRunner.query('DROP INDEX usage_entries_by_recorded');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'postgres') return;
    await queryRunner.query('CREATE INDEX usage_entries_by_recorded ON usage_entries (account_id, recorded_at)');
    await queryRunner.query('DROP INDEX usage_entries_by_recorded_covering');
  }
}
