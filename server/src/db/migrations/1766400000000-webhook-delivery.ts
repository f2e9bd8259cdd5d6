import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhook delivery beside the outbox (webhook_events, 1766000000000):
 *
 * - webhook_endpoints: where events go. The secret is stored as given ("whsec_" + base64) because
 *   every attempt is signed with it; unlike an API key it cannot be a hash. account_id NULL
 *   subscribes to every account.
 * - webhook_endpoint_events: the event types an endpoint subscribes to.
 * - webhook_deliveries: one row per (endpoint, event), written in the transaction that stores the
 *   event (the fan-out), so an event reaches exactly the endpoints subscribed when it committed.
 *   It holds the delivery's state: pending / delivered / failed, when it is next due, and the
 *   lease of the dispatcher working on it (lease_id, lease_until) — a claim that expires, so a
 *   replica killed mid-attempt leaves nothing stuck.
 * - webhook_attempts: every attempt made, for webhookDeliveries (at most 1 kB of each answer).
 *
 * These tables are read with the admin key only, never on a tenant's reader: no row-level
 * security policy is needed (an endpoint for every account has no account to key it by).
 */
export class WebhookDelivery1766400000000 implements MigrationInterface {
  name = 'WebhookDelivery1766400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE webhook_endpoints (
      endpoint_id TEXT PRIMARY KEY,
      account_id TEXT,
      url TEXT NOT NULL,
      secret TEXT NOT NULL,
      created_at BIGINT NOT NULL
    )`);
    await queryRunner.query(`CREATE TABLE webhook_endpoint_events (
      endpoint_id TEXT NOT NULL REFERENCES webhook_endpoints (endpoint_id) ON DELETE CASCADE,
      event_type TEXT NOT NULL,
      PRIMARY KEY (endpoint_id, event_type)
    )`);
    await queryRunner.query('CREATE INDEX webhook_endpoint_events_by_type ON webhook_endpoint_events (event_type, endpoint_id)');
    await queryRunner.query(`CREATE TABLE webhook_deliveries (
      endpoint_id TEXT NOT NULL,
      event_id TEXT NOT NULL,
      account_id TEXT NOT NULL,
      status TEXT NOT NULL,
      attempts INTEGER NOT NULL,
      next_attempt_at BIGINT,
      retry_from BIGINT NOT NULL,
      lease_id TEXT,
      lease_until BIGINT,
      created_at BIGINT NOT NULL,
      PRIMARY KEY (endpoint_id, event_id)
    )`);
    // The dispatcher's poll: pending deliveries by when they are due, nothing else.
    await queryRunner.query("CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending'");
    await queryRunner.query(`CREATE TABLE webhook_attempts (
      attempt_id TEXT PRIMARY KEY,
      endpoint_id TEXT NOT NULL,
      event_id TEXT NOT NULL,
      account_id TEXT NOT NULL,
      attempt INTEGER NOT NULL,
      status TEXT NOT NULL,
      response_status INTEGER,
      duration_ms INTEGER NOT NULL,
      attempted_at BIGINT NOT NULL,
      next_attempt_at BIGINT,
      error TEXT,
      response_body TEXT
    )`);
    const collate = queryRunner.connection.options.type === 'postgres' ? ' COLLATE "C"' : '';
    await queryRunner.query(`CREATE INDEX webhook_attempts_by_endpoint ON webhook_attempts (endpoint_id, attempted_at, attempt_id${collate})`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE webhook_attempts');
    await queryRunner.query('DROP TABLE webhook_deliveries');
    await queryRunner.query('DROP TABLE webhook_endpoint_events');
    await queryRunner.query('DROP TABLE webhook_endpoints');
  }
}
