import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The rate limit's buckets, shared by every replica on one PostgreSQL (limits/shared-buckets.ts):
 * one row per credential holding its bucket as a single instant (GCRA's "theoretical arrival
 * time", epoch ms), so one upsert both decides and records a request.
 *
 * UNLOGGED: no WAL for a row written on nearly every request; a crash empties the table, which
 * only gives every credential a full burst again. SQLite counts in the process: no table there.
 * No tenant reads it: no grant to creditlens_tenant, and row-level security on with no policy.
 */
export class RateLimitBuckets1766600000000 implements MigrationInterface {
  name = 'RateLimitBuckets1766600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'postgres') return;
    await queryRunner.query(`CREATE UNLOGGED TABLE rate_limit_buckets (
      bucket_key TEXT PRIMARY KEY,
      tat_ms DOUBLE PRECISION NOT NULL
    )`);
    await queryRunner.query('ALTER TABLE rate_limit_buckets ENABLE ROW LEVEL SECURITY');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'postgres') return;
    await queryRunner.query('DROP TABLE rate_limit_buckets');
  }
}
