import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ledger's foreign keys to workspaces and campaigns were checked row by row, each check a
 * key-share lock on the referenced row: measured on PostgreSQL at 10 M entries, 42 % of the time
 * of inserting a batch, under the account's clock lock that every writer of the account queues
 * on (see snapshot.ts). recordUsage already checks every referenced workspace and campaign before
 * it writes; what a foreign key adds is that the row stays there. That is now said once for all:
 * workspaces and campaigns can never be deleted nor change account, workspace or id (the API
 * never did either), so a reference that was valid when written stays valid. PostgreSQL drops
 * the two ledger foreign keys; SQLite keeps them (dropping one rebuilds the table, and its
 * ingest meets the goal with them) and gains the same triggers.
 */
const IDENTITY: ReadonlyArray<{ table: string; columns: string[] }> = [
  { table: 'workspaces', columns: ['account_id', 'workspace_id'] },
  { table: 'campaigns', columns: ['account_id', 'workspace_id', 'campaign_id'] },
];

export class LedgerReferencesByImmutableCatalog1764700000000 implements MigrationInterface {
  name = 'LedgerReferencesByImmutableCatalog1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'postgres') {
      await queryRunner.query(`CREATE FUNCTION refuse_catalog_identity_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION '% rows are never deleted and never change account, workspace or id: the ledger refers to them', TG_TABLE_NAME; END $$`);
      for (const { table, columns } of IDENTITY) {
        await queryRunner.query(`CREATE TRIGGER ${table}_identity_fixed BEFORE DELETE OR UPDATE OF ${columns.join(', ')} ON ${table}
          FOR EACH ROW EXECUTE FUNCTION refuse_catalog_identity_change()`);
      }
      await queryRunner.query('ALTER TABLE usage_entries DROP CONSTRAINT usage_entries_account_id_workspace_id_campaign_id_fkey');
      await queryRunner.query('ALTER TABLE usage_entries DROP CONSTRAINT usage_entries_account_id_workspace_id_fkey');
      return;
    }
    for (const { table, columns } of IDENTITY) {
      const message = `'${table} rows are never deleted and never change account, workspace or id: the ledger refers to them'`;
      await queryRunner.query(`CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, ${message}); END`);
      await queryRunner.query(`CREATE TRIGGER ${table}_identity_fixed BEFORE UPDATE OF ${columns.join(', ')} ON ${table} BEGIN SELECT RAISE(ABORT, ${message}); END`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'postgres') {
      await queryRunner.query(
        'ALTER TABLE usage_entries ADD CONSTRAINT usage_entries_account_id_workspace_id_fkey FOREIGN KEY (account_id, workspace_id) REFERENCES workspaces (account_id, workspace_id)',
      );
      await queryRunner.query(
        'ALTER TABLE usage_entries ADD CONSTRAINT usage_entries_account_id_workspace_id_campaign_id_fkey FOREIGN KEY (account_id, workspace_id, campaign_id) REFERENCES campaigns (account_id, workspace_id, campaign_id)',
      );
      for (const { table } of IDENTITY) await queryRunner.query(`DROP TRIGGER ${table}_identity_fixed ON ${table}`);
      await queryRunner.query('DROP FUNCTION refuse_catalog_identity_change()');
      return;
    }
    for (const { table } of IDENTITY) {
      await queryRunner.query(`DROP TRIGGER ${table}_no_delete`);
      await queryRunner.query(`DROP TRIGGER ${table}_identity_fixed`);
    }
  }
}
