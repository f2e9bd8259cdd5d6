/**
 * The soak's webhook part: a receiver on 127.0.0.1 that fails 30 % of requests with a 500 and
 * is down for a while mid-run, an endpoint subscribed to the soak's account, and budgets on the
 * account, three workspaces and a campaign, each with a threshold every 10 % up to 1,000 %, their
 * sizes spread over three orders of magnitude so that crossings go on through the whole run. The
 * writers' recordUsage transactions store the threshold events; the servers' dispatchers deliver
 * them through every fault of the run. At the end, once nothing is pending: the crossings are
 * exactly those the final ledger implies (the soak's credits are all positive, so a scope's
 * period sum only grows), each with one event, every event received with a 2xx at least once
 * (lost: 0), every request's signature verifies, and the duplicates by webhook-id (at-least-once
 * allows them; a lease makes them rare) are counted.
 */
import { Webhook } from 'standardwebhooks';
import { reachedThresholds } from '../budgets';
import { openDatabase, type Database } from '../db';
import { WebhookReceiver } from '../testing/webhook-receiver';
import { sleep, type GraphQLAnswer } from './soak-http';

/** A threshold every 10 % up to 1,000 %. */
const SOAK_THRESHOLDS = Array.from({ length: 100 }, (_, i) => (i + 1) * 10);

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
  /** Threshold crossings of budgets stored by the writers' transactions (each must have one event). */
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
  private secret = '';
  private downWindow = 'not down';
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

  /**
   * Budgets whose thresholds the writers cross all through the run: per billing period, the
   * account's 200,000 credits, ws_a's 1,000, ws_b's 10,000, ws_c's 100,000 and ws_d_cmp_0's 5,000.
   */
  async setBudgets(send: (query: string, variables: Record<string, unknown>) => Promise<GraphQLAnswer<unknown>>, accountId: string): Promise<void> {
    const scopes = [
      { creditsPerPeriod: 200_000 },
      { workspaceId: 'ws_a', creditsPerPeriod: 1_000 },
      { workspaceId: 'ws_b', creditsPerPeriod: 10_000 },
      { workspaceId: 'ws_c', creditsPerPeriod: 100_000 },
      { workspaceId: 'ws_d', campaignId: 'ws_d_cmp_0', creditsPerPeriod: 5_000 },
    ];
    for (const scope of scopes) {
      const answer = await send(`mutation($input: BudgetInput!) { setBudget(input: $input) { id } }`, { input: { accountId, thresholds: SOAK_THRESHOLDS, ...scope } });
      if (answer.code !== 'OK') throw new Error(`setting the soak's budgets failed: ${answer.code} ${answer.errors[0]?.message ?? ''}`);
    }
  }

  /** Waits for the deliveries to settle, then checks what the receiver got against what was stored. */
  async finish(problem: (text: string) => void): Promise<WebhookSoakReport> {
    await this.receiver.up();
    // The outbox is the truth: a batch whose commit was acknowledged late (a fault) stored its events too.
    const events = new Set((await this.db.reader.query<{ event_id: string }>('SELECT event_id FROM webhook_events')).map((row) => row.event_id));
    const [keys] = await this.db.reader.query<{ n: unknown }>('SELECT COUNT(DISTINCT dedupe_key) AS n FROM webhook_events');
    if (Number(keys!.n) !== events.size) problem(`webhooks: ${events.size} events for ${keys!.n} causes: one was stored twice`);
    const crossings = await this.checkCrossings(problem);
    if (crossings !== events.size) problem(`webhooks: ${crossings} threshold crossings but ${events.size} events`);
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
    return {
      crossings,
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

  /**
   * The crossings stored against those the final ledger implies: with positive credits only, a
   * scope reached threshold t in a period exactly when its period sum is at least t % of the
   * budget, and then its crossing (and so its event) must be stored, once. Answers their number.
   */
  private async checkCrossings(problem: (text: string) => void): Promise<number> {
    const budgets = await this.db.reader.query<{ account_id: string; budget_id: string; workspace_id: string | null; campaign_id: string | null; credits_per_period: unknown; thresholds: string }>(
      'SELECT account_id, budget_id, workspace_id, campaign_id, credits_per_period, thresholds FROM budgets',
    );
    const stored = await this.db.reader.query<{ budget_id: string; period_from: unknown; threshold: unknown }>('SELECT budget_id, period_from, threshold FROM budget_crossings');
    const storedKeys = new Set(stored.map((row) => `${row.budget_id}/${Number(row.period_from)}/${Number(row.threshold)}`));
    const expected = new Set<string>();
    for (const budget of budgets) {
      const filter = budget.campaign_id !== null ? ' AND campaign_id = ?' : budget.workspace_id !== null ? ' AND workspace_id = ?' : '';
      const scope = budget.campaign_id ?? budget.workspace_id;
      // The soak's account is in UTC: its billing periods are calendar months.
      const entries = await this.db.reader.query<{ occurred_at: unknown; credits: string }>(
        `SELECT occurred_at, CAST(credits AS TEXT) AS credits FROM usage_entries WHERE account_id = ?${filter}`,
        scope === null ? [budget.account_id] : [budget.account_id, scope],
      );
      const sums = new Map<number, bigint>();
      for (const row of entries) {
        const at = new Date(Number(row.occurred_at));
        const from = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1);
        sums.set(from, (sums.get(from) ?? 0n) + BigInt(row.credits));
      }
      const perPeriod = BigInt(String(budget.credits_per_period));
      const thresholds = budget.thresholds === '' ? [] : budget.thresholds.split(',').map(Number);
      for (const [from, sum] of sums) {
        for (const threshold of reachedThresholds(sum, perPeriod, thresholds)) expected.add(`${budget.budget_id}/${from}/${threshold}`);
      }
    }
    const missing = [...expected].filter((key) => !storedKeys.has(key));
    const extra = [...storedKeys].filter((key) => !expected.has(key));
    if (missing.length > 0) problem(`webhooks: ${missing.length} threshold crossings the ledger implies were not stored (e.g. ${missing[0]})`);
    if (extra.length > 0) problem(`webhooks: ${extra.length} threshold crossings stored that the ledger does not reach (e.g. ${extra[0]})`);
    if (expected.size === 0) problem('webhooks: no threshold was crossed: the run tested no event');
    return stored.length;
  }

  async close(): Promise<void> {
    await this.receiver.close();
    await this.db.close();
  }
}

export function formatWebhookReport(report: WebhookSoakReport): string {
  return `  webhooks: ${report.crossings} threshold crossings, ${report.events} events, ${report.deliveries} deliveries (2xx), ${report.requests} requests, ${report.retries} retries, ${report.duplicatesByWebhookId} duplicates by webhook-id, ${report.badSignatures} bad signatures, lost ${report.lost}, undelivered ${report.undelivered}; receiver ${report.receiverDown}, 30 % of requests answered 500`;
}
