import { randomUUID } from 'node:crypto';
import { bulkRows, placeholdersFor, type BulkColumnType, type Dialect, type SqlExecutor } from '../db';

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
 * The fan-out of some events (`events`: a table or CTE with event_id, account_id, type,
 * created_at, and its alias `v` for a WHERE that follows): a pending delivery for every endpoint
 * subscribed to the event's type, of its account or of every account. The first try, the retry
 * clock and the creation are the event's creation.
 */
function deliveriesOf(events: string): string {
  return `INSERT INTO webhook_deliveries (endpoint_id, event_id, account_id, status, attempts, next_attempt_at, retry_from, created_at)
  SELECT e.endpoint_id, v.event_id, v.account_id, 'pending', 0, v.created_at, v.created_at, v.created_at
  FROM ${events} v
  JOIN webhook_endpoint_events s ON s.event_type = v.type
  JOIN webhook_endpoints e ON e.endpoint_id = s.endpoint_id AND (e.account_id = v.account_id OR e.account_id IS NULL)`;
}

/** event_id, account_id, type, dedupe_key, data, created_at. */
const EVENT_COLUMN_TYPES: readonly BulkColumnType[] = ['text', 'text', 'text', 'text', 'text', 'bigint'];

/**
 * Stores events in the caller's transaction (the outbox): they commit or roll back with the
 * change that caused them. An event whose (account, dedupe key) is stored already — or listed
 * earlier in the same call — is skipped; the answer lists, in their order, the events this call
 * stored.
 *
 * Each stored event is fanned out in the same transaction: one pending delivery for every
 * endpoint subscribed to its type, of its account or of every account, as the endpoints stand
 * when it commits. So an event is never without its deliveries (nor they without it), and the
 * dispatcher only ever works on deliveries (webhook-dispatcher.ts). Both steps
 * together are one statement on PostgreSQL and two on SQLite, however many events: this runs
 * under the account's clock lock in recordUsage, where every round trip delays the account's
 * next writer.
 */
export async function storeWebhookEvents(tx: SqlExecutor, dialect: Dialect, events: readonly NewWebhookEvent[]): Promise<StoredWebhookEvent[]> {
  if (events.length === 0) return [];
  const candidates = events.map((event) => ({ ...event, eventId: `evt_${randomUUID().replace(/-/g, '')}` }));
  const rows = candidates.map((event) => [event.eventId, event.accountId, event.type, event.dedupeKey, JSON.stringify(event.data), event.createdAt.getTime()]);
  const storedIds = new Set<string>();
  if (dialect === 'postgres') {
    // One statement: the events, and the deliveries of those stored, through a data-modifying CTE.
    const [source] = bulkRows(dialect, EVENT_COLUMN_TYPES, rows);
    const returned = await tx.query<{ event_id: string }>(
      `WITH stored AS (
         INSERT INTO webhook_events (event_id, account_id, type, dedupe_key, data, created_at) ${source!.sql}
         ON CONFLICT (account_id, dedupe_key) DO NOTHING RETURNING event_id, account_id, type, created_at
       ), fanned_out AS (
         ${deliveriesOf('stored')}
       )
       SELECT event_id FROM stored`,
      source!.params,
    );
    for (const row of returned) storedIds.add(row.event_id);
    return candidates.filter((event) => storedIds.has(event.eventId));
  }
  // SQLite: each chunk's events, then the deliveries of those it stored (a chunk's ids fit one IN list).
  for (const chunk of bulkRows(dialect, EVENT_COLUMN_TYPES, rows)) {
    const returned = await tx.query<{ event_id: string }>(
      `INSERT INTO webhook_events (event_id, account_id, type, dedupe_key, data, created_at) ${chunk.sql}
       ON CONFLICT (account_id, dedupe_key) DO NOTHING RETURNING event_id`,
      chunk.params,
    );
    if (returned.length === 0) continue;
    await tx.query(`${deliveriesOf('webhook_events')} WHERE v.event_id IN (${placeholdersFor(returned.length)})`, returned.map((row) => row.event_id));
    for (const row of returned) storedIds.add(row.event_id);
  }
  const stored = candidates.filter((event) => storedIds.has(event.eventId));
  return stored;
}
