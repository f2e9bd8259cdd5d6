/**
 * The background dispatcher: one per server process, started and stopped by the composition
 * root. Each round it claims due deliveries (a lease per delivery, webhook.repository.ts),
 * makes one attempt at each, and records the attempt with the delivery's next state.
 *
 * Guarantees, and why they hold:
 * - At least once: a delivery stays pending until an attempt answered 2xx was recorded. A
 *   replica killed between the POST and the record leaves the lease to run out; the next claim
 *   sends the event again, with the same webhook-id, so receivers dedupe by it.
 * - One attempt never runs twice at once: a claim holds the delivery for `leaseMs`, twice the
 *   attempt's hard deadline (resolution, connection and answer all end by `timeoutMs`, counted
 *   from the claim), so a lease outlives its attempt even if recording it is slow. The replicas'
 *   clocks must agree to within the other half (NTP does far better).
 * - Database errors (a restart, an outage) end a round, not the loop: it waits one poll interval
 *   and claims again; leases taken in the failed round run out and are claimed again.
 */
import type { Logger } from '../logging';
import { systemResolver, type HostResolver } from './address-policy';
import { DEFAULT_RETRY_SCHEDULE, nextAttemptAt, type RetrySchedule } from './retry-schedule';
import { sendWebhook, type SendResult } from './webhook-sender';
import type { ClaimedDelivery, WebhookRepository } from './webhook.repository';

export const DELIVERY_TIMEOUT_MS = 10_000;

export interface DispatcherOptions {
  readonly allowPrivate: boolean;
  /** How long the loop sleeps when nothing is due, ms. */
  readonly pollIntervalMs: number;
  readonly schedule?: RetrySchedule;
  /** Attempts in flight at once per process (and per claim). */
  readonly concurrency?: number;
  readonly timeoutMs?: number;
  readonly clock?: () => Date;
  readonly resolve?: HostResolver;
  readonly logger?: Logger;
  /** Called after each attempt is recorded (tests and the soak watch deliveries happen). */
  readonly onAttempt?: (claim: ClaimedDelivery, result: SendResult) => void;
}

export class WebhookDispatcher {
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private readonly schedule: RetrySchedule;
  private readonly concurrency: number;
  private readonly timeoutMs: number;
  private readonly clock: () => Date;
  private readonly resolve: HostResolver;

  constructor(
    private readonly repository: WebhookRepository,
    private readonly options: DispatcherOptions,
  ) {
    this.schedule = options.schedule ?? DEFAULT_RETRY_SCHEDULE;
    this.concurrency = options.concurrency ?? 8;
    this.timeoutMs = options.timeoutMs ?? DELIVERY_TIMEOUT_MS;
    this.clock = options.clock ?? (() => new Date());
    this.resolve = options.resolve ?? systemResolver;
  }

  get leaseMs(): number {
    return 2 * this.timeoutMs;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops claiming; resolves once the attempts in flight are recorded. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.loop = null;
  }

  /**
   * One round: claim what is due (up to `concurrency`), attempt each, record each. Answers how
   * many deliveries were claimed; throws when the database does (the loop carries on).
   */
  async runOnce(): Promise<number> {
    const now = this.clock().getTime();
    if (!(await this.repository.hasDue(now))) return 0;
    const claimed = await this.repository.claim(now, this.leaseMs, this.concurrency);
    await Promise.all(claimed.map((claim) => this.attempt(claim)));
    return claimed.length;
  }

  private async run(): Promise<void> {
    // A database outage fails every round until it ends: logged when it starts and when it ends, not each round.
    let failedRounds = 0;
    while (this.running) {
      let claimed = 0;
      try {
        claimed = await this.runOnce();
        if (failedRounds > 0) this.options.logger?.info({ failedRounds }, 'webhook dispatcher: rounds succeed again');
        failedRounds = 0;
      } catch (error) {
        if (failedRounds === 0) this.options.logger?.warn({ err: error }, 'webhook dispatcher: a round failed; trying again every poll interval');
        failedRounds += 1;
      }
      // A full claim means more may be due: go on at once; otherwise wait for the next poll.
      if (this.running && claimed < this.concurrency) await this.sleep(this.options.pollIntervalMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  private async attempt(claim: ClaimedDelivery): Promise<void> {
    const at = this.clock();
    const result = await sendWebhook(
      claim.url,
      claim.secret,
      { id: claim.eventId, type: claim.eventType, createdAt: new Date(claim.eventCreatedAt), data: claim.data },
      { allowPrivate: this.options.allowPrivate, resolve: this.resolve, timeoutMs: this.timeoutMs, at },
    );
    const delivered = result.status !== null && result.status >= 200 && result.status < 300;
    const recordedAt = this.clock().getTime();
    const next = delivered ? null : nextAttemptAt(this.schedule, claim.retryFrom, claim.attempts + 1, recordedAt);
    try {
      await this.repository.recordAttempt(
        claim,
        { responseStatus: result.status, durationMs: result.durationMs, attemptedAt: at.getTime(), error: result.error, responseBody: result.body },
        { status: delivered ? 'delivered' : next === null ? 'failed' : 'retrying', nextAttemptAt: next },
      );
    } catch (error) {
      // The lease runs out and the delivery is attempted again: at least once, never lost.
      this.options.logger?.warn({ err: error, eventId: claim.eventId, endpointId: claim.endpointId }, 'webhook dispatcher: could not record an attempt');
      return;
    }
    this.options.onAttempt?.(claim, result);
  }
}
