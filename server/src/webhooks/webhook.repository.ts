/**
 * Every statement about webhook endpoints, deliveries and attempts (the outbox's own INSERTs are
 * in webhook-outbox.ts). Read with the admin key only: the plain reader, no tenant wall.
 */
import { randomBytes } from 'node:crypto';
import { placeholdersFor, readInChunks, type Database, type SqlExecutor } from '../db';
import { pageOf, type Page } from '../graphql';

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';
export type AttemptStatus = 'delivered' | 'retrying' | 'failed';

export interface EndpointRecord {
  readonly id: string;
  readonly accountId: string | null;
  readonly url: string;
  /** The body types it subscribes to, sorted. */
  readonly eventTypes: readonly string[];
  readonly createdAt: Date;
}

export interface AttemptRecord {
  readonly attemptId: string;
  readonly endpointId: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly accountId: string;
  readonly attempt: number;
  readonly status: AttemptStatus;
  readonly responseStatus: number | null;
  readonly durationMs: number;
  readonly attemptedAt: Date;
  readonly nextAttemptAt: Date | null;
  readonly error: string | null;
  readonly responseBody: string | null;
}

/** A delivery a dispatcher holds the lease of: everything one attempt needs. */
export interface ClaimedDelivery {
  readonly endpointId: string;
  readonly eventId: string;
  readonly leaseId: string;
  /** Attempts made before this one. */
  readonly attempts: number;
  readonly retryFrom: number;
  readonly url: string;
  readonly secret: string;
  readonly eventType: string;
  readonly eventCreatedAt: number;
  /** The event's data, as stored (JSON text). */
  readonly data: string;
}

export interface AttemptOutcome {
  readonly responseStatus: number | null;
  readonly durationMs: number;
  readonly attemptedAt: number;
  readonly error: string | null;
  readonly responseBody: string | null;
}

export interface BacklogCounts {
  readonly pending: number;
  readonly due: number;
  readonly failed: number;
  readonly oldestDueAt: Date | null;
}

const toNumber = (value: unknown): number => Number(value);
const toNullableNumber = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

function newId(prefix: string): string {
  return `${prefix}_${randomBytes(16).toString('hex')}`;
}

export class WebhookRepository {
  private readonly collate: string;

  constructor(private readonly db: Database) {
    this.collate = db.dialect === 'postgres' ? ' COLLATE "C"' : '';
  }

  async createEndpoint(input: { accountId: string | null; url: string; secret: string; eventTypes: readonly string[] }, now: Date): Promise<EndpointRecord> {
    const id = newId('whe');
    await this.db.writeTransaction(async (tx) => {
      await tx.query('INSERT INTO webhook_endpoints (endpoint_id, account_id, url, secret, created_at) VALUES (?, ?, ?, ?, ?)', [id, input.accountId, input.url, input.secret, now.getTime()]);
      for (const type of input.eventTypes) await tx.query('INSERT INTO webhook_endpoint_events (endpoint_id, event_type) VALUES (?, ?)', [id, type]);
    });
    return { id, accountId: input.accountId, url: input.url, eventTypes: [...input.eventTypes].sort(), createdAt: now };
  }

  /** Removes the endpoint with its pending deliveries and its attempts; false when there was none. */
  async deleteEndpoint(id: string): Promise<boolean> {
    return this.db.writeTransaction(async (tx) => {
      const found = await tx.query('SELECT endpoint_id FROM webhook_endpoints WHERE endpoint_id = ?', [id]);
      if (found.length === 0) return false;
      await tx.query('DELETE FROM webhook_attempts WHERE endpoint_id = ?', [id]);
      await tx.query('DELETE FROM webhook_deliveries WHERE endpoint_id = ?', [id]);
      await tx.query('DELETE FROM webhook_endpoint_events WHERE endpoint_id = ?', [id]);
      await tx.query('DELETE FROM webhook_endpoints WHERE endpoint_id = ?', [id]);
      return true;
    });
  }

  async findEndpoint(id: string): Promise<EndpointRecord | null> {
    const rows = await this.db.reader.query('SELECT endpoint_id, account_id, url, created_at FROM webhook_endpoints WHERE endpoint_id = ?', [id]);
    if (rows.length === 0) return null;
    return (await this.withEventTypes(rows))[0]!;
  }

  /** Endpoints by creation time, then id; `after` is the [created_at, id] of the previous page's last row. */
  async listEndpoints(first: number, after: readonly string[] | null): Promise<Page<EndpointRecord>> {
    const where = after ? `WHERE created_at > ? OR (created_at = ? AND endpoint_id${this.collate} > ?)` : '';
    const params = after ? [Number(after[0]), Number(after[0]), after[1]] : [];
    const rows = await this.db.reader.query(
      `SELECT endpoint_id, account_id, url, created_at FROM webhook_endpoints ${where} ORDER BY created_at, endpoint_id${this.collate} LIMIT ?`,
      [...params, first + 1],
    );
    const [count] = await this.db.reader.query<{ n: unknown }>('SELECT COUNT(*) AS n FROM webhook_endpoints');
    return pageOf(await this.withEventTypes(rows), first, toNumber(count!.n));
  }

  private async withEventTypes(rows: ReadonlyArray<Record<string, unknown>>): Promise<EndpointRecord[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((row) => String(row.endpoint_id));
    // Each endpoint's types sit in one chunk, so each stays ordered by event type.
    const types = await readInChunks(ids, (chunk) =>
      this.db.reader.query<{ endpoint_id: string; event_type: string }>(
        `SELECT endpoint_id, event_type FROM webhook_endpoint_events WHERE endpoint_id IN (${placeholdersFor(chunk.length)}) ORDER BY event_type`,
        chunk,
      ),
    );
    return rows.map((row) => ({
      id: String(row.endpoint_id),
      accountId: row.account_id === null ? null : String(row.account_id),
      url: String(row.url),
      eventTypes: types.filter((type) => type.endpoint_id === row.endpoint_id).map((type) => type.event_type),
      createdAt: new Date(toNumber(row.created_at)),
    }));
  }

  /** Attempts at one endpoint, newest first; `after` is the [attempted_at, attempt_id] of the previous page's last row. */
  async listAttempts(endpointId: string, first: number, after: readonly string[] | null): Promise<Page<AttemptRecord>> {
    const where = after ? `AND (a.attempted_at < ? OR (a.attempted_at = ? AND a.attempt_id${this.collate} < ?))` : '';
    const params = after ? [Number(after[0]), Number(after[0]), after[1]] : [];
    const rows = await this.db.reader.query(
      `SELECT a.*, ev.type AS event_type FROM webhook_attempts a JOIN webhook_events ev ON ev.event_id = a.event_id
       WHERE a.endpoint_id = ? ${where} ORDER BY a.attempted_at DESC, a.attempt_id${this.collate} DESC LIMIT ?`,
      [endpointId, ...params, first + 1],
    );
    const [count] = await this.db.reader.query<{ n: unknown }>('SELECT COUNT(*) AS n FROM webhook_attempts WHERE endpoint_id = ?', [endpointId]);
    return pageOf(rows.map(toAttempt), first, toNumber(count!.n));
  }

  /** Whether any delivery is due at `now` and not leased: one cheap read before a claim's write transaction. */
  async hasDue(now: number): Promise<boolean> {
    const rows = await this.db.reader.query(
      "SELECT 1 AS due FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until <= ?) LIMIT 1",
      [now, now],
    );
    return rows.length > 0;
  }

  /**
   * Takes the lease of up to `limit` due deliveries, oldest due first. On PostgreSQL the rows are
   * locked `FOR UPDATE SKIP LOCKED`, so replicas claiming at once take different rows without
   * waiting for each other, and a row whose lease another replica just took is re-checked and
   * left out (its lease_until no longer qualifies); on SQLite the claim is one IMMEDIATE write
   * transaction, which runs alone. A lease that runs out (its replica was killed) makes the row
   * due again for anyone.
   */
  async claim(now: number, leaseMs: number, limit: number): Promise<ClaimedDelivery[]> {
    const leaseId = newId('lease');
    const lock = this.db.dialect === 'postgres' ? ' FOR UPDATE SKIP LOCKED' : '';
    return this.db.writeTransaction(async (tx) => {
      await tx.query(
        `UPDATE webhook_deliveries SET lease_id = ?, lease_until = ?
         WHERE (endpoint_id, event_id) IN (
           SELECT endpoint_id, event_id FROM webhook_deliveries
           WHERE status = 'pending' AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until <= ?)
           ORDER BY next_attempt_at LIMIT ?${lock})
         RETURNING endpoint_id`,
        [leaseId, now + leaseMs, now, now, limit],
      );
      const rows = await tx.query(
        `SELECT d.endpoint_id, d.event_id, d.attempts, d.retry_from, e.url, e.secret, ev.type, ev.data, ev.created_at
         FROM webhook_deliveries d
         JOIN webhook_endpoints e ON e.endpoint_id = d.endpoint_id
         JOIN webhook_events ev ON ev.event_id = d.event_id
         WHERE d.lease_id = ?`,
        [leaseId],
      );
      return rows.map((row) => ({
        endpointId: String(row.endpoint_id),
        eventId: String(row.event_id),
        leaseId,
        attempts: toNumber(row.attempts),
        retryFrom: toNumber(row.retry_from),
        url: String(row.url),
        secret: String(row.secret),
        eventType: String(row.type),
        eventCreatedAt: toNumber(row.created_at),
        data: String(row.data),
      }));
    });
  }

  /**
   * Records one attempt and the delivery's new state. The state is written only while the lease
   * is still this claim's (a later claimant owns it otherwise); the attempt is recorded whenever
   * the delivery still exists (an endpoint deleted meanwhile takes its attempts with it),
   * because it did happen.
   */
  async recordAttempt(claim: ClaimedDelivery, outcome: AttemptOutcome, next: { status: AttemptStatus; nextAttemptAt: number | null }): Promise<void> {
    const deliveryStatus: DeliveryStatus = next.status === 'retrying' ? 'pending' : next.status;
    await this.db.writeTransaction(async (tx: SqlExecutor) => {
      const updated = await tx.query<{ attempts: unknown; account_id: string }>(
        `UPDATE webhook_deliveries SET status = ?, attempts = attempts + 1, next_attempt_at = ?, lease_id = NULL, lease_until = NULL
         WHERE endpoint_id = ? AND event_id = ? AND lease_id = ? RETURNING attempts, account_id`,
        [deliveryStatus, next.nextAttemptAt, claim.endpointId, claim.eventId, claim.leaseId],
      );
      const attempt = updated.length > 0 ? toNumber(updated[0]!.attempts) : claim.attempts + 1;
      await tx.query(
        `INSERT INTO webhook_attempts (attempt_id, endpoint_id, event_id, account_id, attempt, status, response_status, duration_ms, attempted_at, next_attempt_at, error, response_body)
         SELECT CAST(? AS TEXT), endpoint_id, event_id, account_id, CAST(? AS INTEGER), CAST(? AS TEXT), CAST(? AS INTEGER), CAST(? AS INTEGER), CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS TEXT), CAST(? AS TEXT)
         FROM webhook_deliveries WHERE endpoint_id = ? AND event_id = ?`,
        [
          newId('att'),
          attempt,
          next.status,
          outcome.responseStatus,
          outcome.durationMs,
          outcome.attemptedAt,
          next.nextAttemptAt,
          outcome.error,
          outcome.responseBody,
          claim.endpointId,
          claim.eventId,
        ],
      );
    });
  }

  /**
   * Schedules a delivered or failed event again at `now`, with a fresh retry horizon. Answers
   * 'scheduled', 'pending' (it is on its way already: nothing changes) or 'unknown' (no such
   * endpoint, or the event was never for it).
   */
  async redeliver(endpointId: string, eventId: string, now: number): Promise<'scheduled' | 'pending' | 'unknown'> {
    return this.db.writeTransaction(async (tx) => {
      const rows = await tx.query<{ status: string }>('SELECT status FROM webhook_deliveries WHERE endpoint_id = ? AND event_id = ?', [endpointId, eventId]);
      if (rows.length === 0) return 'unknown';
      if (rows[0]!.status === 'pending') return 'pending';
      await tx.query(
        "UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = ?, retry_from = ?, lease_id = NULL, lease_until = NULL WHERE endpoint_id = ? AND event_id = ?",
        [now, now, endpointId, eventId],
      );
      return 'scheduled';
    });
  }

  /** The delivery state of one (endpoint, event), or null. */
  async deliveryStatus(endpointId: string, eventId: string): Promise<{ status: DeliveryStatus; attempts: number; nextAttemptAt: Date | null } | null> {
    const rows = await this.db.reader.query('SELECT status, attempts, next_attempt_at FROM webhook_deliveries WHERE endpoint_id = ? AND event_id = ?', [endpointId, eventId]);
    if (rows.length === 0) return null;
    const next = toNullableNumber(rows[0]!.next_attempt_at);
    return { status: String(rows[0]!.status) as DeliveryStatus, attempts: toNumber(rows[0]!.attempts), nextAttemptAt: next === null ? null : new Date(next) };
  }

  /** Deliveries of every endpoint not yet delivered nor failed (the metric creditlens_webhook_backlog); read through the partial index of the dispatcher's poll. */
  async pendingCount(): Promise<number> {
    const [row] = await this.db.reader.query("SELECT COUNT(*) AS n FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at IS NOT NULL");
    return toNumber(row?.n ?? 0);
  }

  /** The delivery backlog of one endpoint: pending, due at `now`, failed, and the oldest due. */
  async backlog(endpointId: string, now: number): Promise<BacklogCounts> {
    const [row] = await this.db.reader.query(
      `SELECT
         SUM(CASE WHEN status = 'pending' THEN 1 ELSE 0 END) AS pending,
         SUM(CASE WHEN status = 'pending' AND next_attempt_at <= ? THEN 1 ELSE 0 END) AS due,
         SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END) AS failed,
         MIN(CASE WHEN status = 'pending' AND next_attempt_at <= ? THEN next_attempt_at END) AS oldest
       FROM webhook_deliveries WHERE endpoint_id = ?`,
      [now, now, endpointId],
    );
    const oldest = toNullableNumber(row?.oldest);
    return { pending: toNumber(row?.pending ?? 0), due: toNumber(row?.due ?? 0), failed: toNumber(row?.failed ?? 0), oldestDueAt: oldest === null ? null : new Date(oldest) };
  }
}

function toAttempt(row: Record<string, unknown>): AttemptRecord {
  const next = toNullableNumber(row.next_attempt_at);
  return {
    attemptId: String(row.attempt_id),
    endpointId: String(row.endpoint_id),
    eventId: String(row.event_id),
    eventType: String(row.event_type),
    accountId: String(row.account_id),
    attempt: toNumber(row.attempt),
    status: String(row.status) as AttemptStatus,
    responseStatus: toNullableNumber(row.response_status),
    durationMs: toNumber(row.duration_ms),
    attemptedAt: new Date(toNumber(row.attempted_at)),
    nextAttemptAt: next === null ? null : new Date(next),
    error: row.error === null ? null : String(row.error),
    responseBody: row.response_body === null ? null : String(row.response_body),
  };
}
