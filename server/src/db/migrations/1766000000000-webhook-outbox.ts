import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The transactional outbox of webhook events: a domain stores an event in the transaction of the
 * change that caused it, so an event exists exactly when its cause committed. `dedupe_key` names
 * the cause within the account (for a budget threshold: budget, period and threshold), and its
 * unique index makes a second store of the same cause a no-op, whatever races or retries.
 * Delivery state lives beside it (webhooks/), never in this row, which is written once.
 */
export class WebhookOutbox1766000000000 implements MigrationInterface {
  name = 'WebhookOutbox1766000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE webhook_events (
      event_id TEXT PRIMARY KEY,
      account_id TEXT NOT NULL,
      type TEXT NOT NULL,
      dedupe_key TEXT NOT NULL,
      data TEXT NOT NULL,
      created_at BIGINT NOT NULL
    )`);
    await queryRunner.query('CREATE UNIQUE INDEX webhook_events_once ON webhook_events (account_id, dedupe_key)');
    await queryRunner.query('CREATE INDEX webhook_events_by_time ON webhook_events (created_at, event_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE webhook_events');
  }
}
