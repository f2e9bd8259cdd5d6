import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PostgreSQL: room on every rollup page for the new versions of its rows. recordUsage adds to the
 * same rollup rows again and again (a history import adds to each day row of a workspace dozens
 * of times per minute); on a full page each new version lands on another page, which writes a
 * new entry into the primary key for every update (no HOT update), and the key's dead entries
 * pile up faster than autovacuum removes them. Measured after 100,000 entries imported over a
 * month (EXPLAIN (ANALYZE, BUFFERS) of the nine upserts of the next batch): 215,000 buffer
 * accesses, 130 per upserted row of usage_kind_hours, almost no update HOT; with these settings
 * 44,000, and 80–85 % of the updates HOT (at fillfactor 50 everywhere: 98,000, about half). With
 * free room on its page an update stays there (HOT: no index write) and the old versions are
 * pruned when the page is next touched. The small tables (months, days, kinds: a few thousand
 * rows per account) are updated by nearly every batch and get the most room; the campaign
 * hours, many rows each touched a few times, the least.
 * Applies to pages written from now on (a table already full needs `VACUUM FULL` to be rewritten).
 * SQLite updates rows in place: nothing to do.
 */
const FILLFACTOR: ReadonlyArray<readonly [string, number]> = [
  ['usage_workspace_totals_months', 20],
  ['usage_workspace_totals_days', 20],
  ['usage_workspace_totals_hours', 50],
  ['usage_kind_months', 20],
  ['usage_kind_days', 20],
  ['usage_kind_hours', 20],
  ['usage_campaign_months', 20],
  ['usage_campaign_days', 50],
  ['usage_campaign_hours', 70],
];

export class RollupFillfactor1766500000000 implements MigrationInterface {
  name = 'RollupFillfactor1766500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'postgres') return;
    for (const [table, fillfactor] of FILLFACTOR) await queryRunner.query(`ALTER TABLE ${table} SET (fillfactor = ${fillfactor})`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'postgres') return;
    for (const [table] of FILLFACTOR) await queryRunner.query(`ALTER TABLE ${table} RESET (fillfactor)`);
  }
}
