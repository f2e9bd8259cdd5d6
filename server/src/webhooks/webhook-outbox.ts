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
    if (rows.length > 0) stored.push({ ...event, eventId });
  }
  return stored;
}
