/**
 * The soak's webhook part: a receiver on 127.0.0.1 that fails 30 % of requests with a 500 and
 * is down for a while mid-run, an endpoint subscribed to the soak's account, and an event stored
 * for every batch the writers get acknowledged (through storeWebhookEvents, in its own
 * transaction on the soak's database, keyed by the batch so that resends and races store none
 * twice — until budgets/ stores real threshold crossings). The servers' dispatchers deliver
 * them through every fault of the run. At the end, once nothing is pending: every stored event
 * received with a 2xx at least once (lost: 0), every request's signature verifies, and the
 * duplicates by webhook-id (at-least-once allows them; a lease makes them rare) are counted.
 */
import { Webhook } from 'standardwebhooks';
import { openDatabase, type Database } from '../db';
import { WebhookReceiver } from '../testing/webhook-receiver';
import { BUDGET_THRESHOLD_CROSSED, storeWebhookEvents } from '../webhooks';
import { sleep, type GraphQLAnswer } from './soak-http';

export interface WebhookSoakOptions {
  /** Share of requests the receiver answers 500, in tenths (0.3: three of every ten). */
  readonly failureRate: number;
  /** When the receiver goes down (ms after the start) and for how long. */
  readonly downAtMs: number;
  readonly downForMs: number;
  /** How long the end waits for the last deliveries (a killed replica's lease runs out first). */
  readonly settleMs: number;
}

export interface WebhookSoakReport {
  /** Threshold crossings of budgets: 0 while the soak's events are stored directly. */
  readonly crossings: number;
  readonly events: number;
  /** Requests the receiver answered 2xx. */
  readonly deliveries: number;
  /** Requests beyond the first of each event. */
  readonly retries: number;
  readonly requests: number;
  /** Events received with a 2xx more than once (allowed: at least once), and the extra 2xx receipts. */
  readonly duplicatesByWebhookId: number;
  readonly badSignatures: number;
  /** Stored events never received with a 2xx. */
  readonly lost: number;
  /** Deliveries still pending or marked failed when the soak stopped waiting. */
  readonly undelivered: number;
  readonly receiverDown: string;
}

export type SoakDatabaseLocation = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

export class WebhookSoak {
  private readonly eventIds = new Set<string>();
  private readonly storing = new Set<Promise<void>>();
  private secret = '';
  private downWindow = 'not down';
  private failures = 0;
  private badSignatures = 0;

  private constructor(
    private readonly db: Database,
    private readonly receiver: WebhookReceiver,
    private readonly options: WebhookSoakOptions,
    private readonly log: (line: string) => void,
  ) {}

  static async start(location: SoakDatabaseLocation, options: WebhookSoakOptions, log: (line: string) => void): Promise<WebhookSoak> {
    const db = await openDatabase(location, { logMigrations: false });
    const soak = new WebhookSoak(db, await WebhookReceiver.start(), options, log);
    // Exactly `failureRate` of each ten requests fail, the first among them: every run retries.
    // Signatures are verified as they arrive, as a receiver does (a timestamp is only good for 5 minutes).
    let received = 0;
    soak.receiver.respond = (request) => {
      try {
        new Webhook(soak.secret).verify(request.body, request.headers);
      } catch {
        soak.badSignatures += 1;
      }
      return { status: received++ % 10 < options.failureRate * 10 ? 500 : 204 };
    };
    return soak;
  }

  /**
   * What every server process runs with: private targets (the receiver is on loopback), a quick
   * poll, and retries from 0.2 s doubling up to 5 s — the schedule's shape, compressed so the
   * run can wait for its last deliveries.
   */
  serverEnv(): Record<string, string> {
    return { WEBHOOK_ALLOW_PRIVATE: '1', WEBHOOK_POLL_INTERVAL_MS: '100', WEBHOOK_FIRST_RETRY_MS: '200', WEBHOOK_MAX_RETRY_DELAY_MS: '5000' };
  }

  /** Subscribes the receiver to the account's events (admin key, through the API), and schedules its outage. */
  async subscribe(send: (query: string, variables: Record<string, unknown>) => Promise<GraphQLAnswer<unknown>>, accountId: string): Promise<void> {
    const answer = (await send(`mutation($input: WebhookEndpointInput!) { createWebhookEndpoint(input: $input) { id secret } }`, {
      input: { accountId, url: this.receiver.url(), events: ['BUDGET_THRESHOLD_CROSSED'] },
    })) as GraphQLAnswer<{ createWebhookEndpoint: { id: string; secret: string } }>;
    if (answer.code !== 'OK' || !answer.data) throw new Error(`creating the soak's webhook endpoint failed: ${answer.code} ${answer.errors[0]?.message ?? ''}`);
    this.secret = answer.data.createWebhookEndpoint.secret;
    const started = Date.now();
    setTimeout(() => {
      const downAt = Date.now();
      void this.receiver.down().then(() =>
        setTimeout(() => {
          void this.receiver.up().then(() => {
            this.downWindow = `down from +${((downAt - started) / 1000).toFixed(1)} s for ${((Date.now() - downAt) / 1000).toFixed(1)} s`;
            this.log(`webhook receiver back up (${this.downWindow})`);
          });
        }, this.options.downForMs),
      );
    }, this.options.downAtMs).unref();
  }

  /** Stores the event of an acknowledged batch (retried through database outages); resends and races store none twice. */
  eventFor(accountId: string, batchId: string): void {
    const work = (async () => {
      for (let attempt = 0; attempt < 200; attempt++) {
        try {
          const stored = await this.db.writeTransaction((tx) =>
            storeWebhookEvents(tx, [{ accountId, type: BUDGET_THRESHOLD_CROSSED, dedupeKey: `soak-batch:${batchId}`, createdAt: new Date(), data: { accountId, batchId } }]),
          );
          for (const event of stored) this.eventIds.add(event.eventId);
          return;
        } catch {
          this.failures += 1;
          await sleep(250);
        }
      }
    })();
    this.storing.add(work);
    void work.finally(() => this.storing.delete(work));
  }

  /** Waits for the deliveries to settle, then checks what the receiver got against what was stored. */
  async finish(problem: (text: string) => void): Promise<WebhookSoakReport> {
    await Promise.all([...this.storing]);
    await this.receiver.up();
    // The outbox is the truth: a store whose commit was acknowledged late (a fault) is in it too.
    const events = new Set((await this.db.reader.query<{ event_id: string }>('SELECT event_id FROM webhook_events')).map((row) => row.event_id));
    const [keys] = await this.db.reader.query<{ n: unknown }>('SELECT COUNT(DISTINCT dedupe_key) AS n FROM webhook_events');
    if (Number(keys!.n) !== events.size) problem(`webhooks: ${events.size} events for ${keys!.n} causes: one was stored twice`);
    if ([...this.eventIds].some((id) => !events.has(id))) problem('webhooks: an event the soak stored is missing from the outbox');
    const until = Date.now() + this.options.settleMs;
    let undelivered = Infinity;
    while (Date.now() < until) {
      const [row] = await this.db.reader.query<{ n: unknown }>("SELECT COUNT(*) AS n FROM webhook_deliveries WHERE status <> 'delivered'");
      undelivered = Number(row!.n);
      if (undelivered === 0) break;
      await sleep(250);
    }
    await sleep(300);

    const badSignatures = this.badSignatures;
    const okById = new Map<string, number>();
    for (const request of this.receiver.requests) {
      const id = request.headers['webhook-id'] ?? '';
      if (request.status >= 200 && request.status < 300) okById.set(id, (okById.get(id) ?? 0) + 1);
    }
    const lost = [...events].filter((id) => !okById.has(id)).length;
    const unknown = [...okById.keys()].filter((id) => !events.has(id)).length;
    const duplicates = [...okById.values()].filter((count) => count > 1).length;
    const ids = new Set(this.receiver.requests.map((request) => request.headers['webhook-id']));
    if (lost > 0) problem(`webhooks: ${lost} stored events were never delivered with a 2xx`);
    if (unknown > 0) problem(`webhooks: ${unknown} webhook-ids delivered that no event has`);
    if (badSignatures > 0) problem(`webhooks: ${badSignatures} requests whose signature does not verify`);
    if (undelivered > 0) problem(`webhooks: ${undelivered} deliveries still pending or failed after ${this.options.settleMs / 1000} s`);
    if (this.failures > 0) this.log(`webhooks: storing an event failed ${this.failures} time(s) during faults (each retried)`);
    return {
      crossings: 0,
      events: events.size,
      deliveries: [...okById.values()].reduce((sum, count) => sum + count, 0),
      retries: this.receiver.requests.length - ids.size,
      requests: this.receiver.requests.length,
      duplicatesByWebhookId: duplicates,
      badSignatures,
      lost,
      undelivered: Number.isFinite(undelivered) ? undelivered : -1,
      receiverDown: this.downWindow,
    };
  }

  async close(): Promise<void> {
    await this.receiver.close();
    await this.db.close();
  }
}

export function formatWebhookReport(report: WebhookSoakReport): string {
  return `  webhooks: ${report.crossings} crossings (events stored by the soak's writers until budgets land), ${report.events} events, ${report.deliveries} deliveries (2xx), ${report.requests} requests, ${report.retries} retries, ${report.duplicatesByWebhookId} duplicates by webhook-id, ${report.badSignatures} bad signatures, lost ${report.lost}, undelivered ${report.undelivered}; receiver ${report.receiverDown}, 30 % of requests answered 500`;
}
