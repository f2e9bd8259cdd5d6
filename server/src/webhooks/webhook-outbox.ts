import { randomUUID } from 'node:crypto';
import type { SqlExecutor } from '../db';

export const BUDGET_THRESHOLD_CROSSED = 'budget.threshold_crossed';

export interface NewWebhookEvent {
  readonly accountId: string;
  /** The body's `type`, e.g. `budget.threshold_crossed`. */
  readonly type: string;
  /** Names the event's cause within the account: a second event with the same key is never stored. */
  readonly dedupeKey: string;
  /** The body's `data`. */
  readonly data: Readonly<Record<string, unknown>>;
  readonly createdAt: Date;
}

export interface StoredWebhookEvent extends NewWebhookEvent {
  /** The body's `id` and the `webhook-id` header, the same on every attempt. */
  readonly eventId: string;
}

/**
 * Stores events in the caller's transaction (the outbox): they commit or roll back with the
 * change that caused them. An event whose (account, dedupe key) is stored already is skipped;
 * the answer lists the events this call stored.
 *
 * Each stored event is fanned out in the same transaction: one pending delivery for every
 * endpoint subscribed to its type, of its account or of every account, as the endpoints stand
 * when it commits. So an event is never without its deliveries (nor they without it), and the
 * dispatcher only ever works on deliveries (webhook-dispatcher.ts).
 */
export async function storeWebhookEvents(tx: SqlExecutor, events: readonly NewWebhookEvent[]): Promise<StoredWebhookEvent[]> {
  const stored: StoredWebhookEvent[] = [];
  for (const event of events) {
    const eventId = `evt_${randomUUID().replace(/-/g, '')}`;
    const rows = await tx.query(
      `INSERT INTO webhook_events (event_id, account_id, type, dedupe_key, data, created_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (account_id, dedupe_key) DO NOTHING RETURNING event_id`,
      [eventId, event.accountId, event.type, event.dedupeKey, JSON.stringify(event.data), event.createdAt.getTime()],
    );
    if (rows.length === 0) continue;
    stored.push({ ...event, eventId });
    const at = event.createdAt.getTime();
    // Parameters in a SELECT list have no type of their own on PostgreSQL: the casts give them one.
    await tx.query(
      `INSERT INTO webhook_deliveries (endpoint_id, event_id, account_id, status, attempts, next_attempt_at, retry_from, created_at)
       SELECT e.endpoint_id, CAST(? AS TEXT), CAST(? AS TEXT), 'pending', 0, CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT)
       FROM webhook_endpoints e JOIN webhook_endpoint_events s ON s.endpoint_id = e.endpoint_id
       WHERE s.event_type = ? AND (e.account_id = ? OR e.account_id IS NULL)`,
      [eventId, event.accountId, at, at, at, event.type, event.accountId],
    );
  }
  return stored;
}
