import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Seconds: from a fast page read (a few ms) to the 10 s request limit. */
const REQUEST_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Seconds: a rollup statement is a fraction of a request. */
const STATEMENT_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/** Why a request was refused before its work: the label of creditlens_refused_requests_total. */
export type RefusalReason = 'rate_limited' | 'server_busy' | 'request_timeout' | 'shutting_down';

/** One connection pool as the pool gauges show it (the shape of db/'s PoolStats). */
export interface PoolSample {
  readonly pool: string;
  readonly max: number;
  readonly total: number;
  readonly idle: number;
  readonly waiting: number;
}

/**
 * The server's metrics, in a registry of their own: made once per server by the composition
 * root and passed to what records into them, never prom-client's global default registry — so
 * that several servers in one process (the tests) each count their own requests.
 *
 * Names, labels and what they mean are listed in docs/operations.md ("Metrics").
 */
export class Metrics {
  readonly registry = new Registry();

  /** Every HTTP request, by operation (GraphQL root fields, or the route) and outcome (`ok` or the error code, lower case). */
  readonly httpRequestDuration = new Histogram({
    name: 'creditlens_http_request_duration_seconds',
    help: 'Duration of HTTP requests, by operation (GraphQL root fields or route) and outcome (ok, or the error code in lower case).',
    labelNames: ['operation', 'outcome'] as const,
    buckets: REQUEST_BUCKETS,
    registers: [this.registry],
  });

  /** Entries of committed recordUsage batches: newly recorded, or duplicates of entries already recorded. */
  readonly usageEntries = new Counter({
    name: 'creditlens_usage_entries_total',
    help: 'Entries of committed recordUsage batches: recorded (new) or duplicate (already recorded with the same content).',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  /** Requests refused before their work was done: rate limit, ingest admission, time limit, shutdown. */
  readonly refusedRequests = new Counter({
    name: 'creditlens_refused_requests_total',
    help: 'Requests refused: rate_limited (429), server_busy (ingest admission, 503), request_timeout (503), shutting_down (503).',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  /** Times the shared rate-limit store (PostgreSQL or Redis) failed or was too slow, and the in-memory buckets decided. */
  readonly rateLimitStoreFallbacks = new Counter({
    name: 'creditlens_rate_limit_store_fallbacks_total',
    help: 'Rate-limit decisions taken by the in-process buckets because the shared store (PostgreSQL or Redis) failed or did not answer in time.',
    registers: [this.registry],
  });

  /** Rollup statements: `write` adds a batch's entries to the rollups, `read` sums them for an answer. */
  readonly rollupStatementDuration = new Histogram({
    name: 'creditlens_rollup_statement_duration_seconds',
    help: 'Duration of statements on the rollup tables: write (adding entries to them) or read (summing them), and whether they failed.',
    labelNames: ['statement', 'failed'] as const,
    buckets: STATEMENT_BUCKETS,
    registers: [this.registry],
  });

  private poolSource: () => readonly PoolSample[] = () => [];
  private webhookBacklogBound = false;

  constructor() {
    // Every outcome and reason present from the first scrape, at 0: an alert on a rate sees a series from the start.
    for (const outcome of ['recorded', 'duplicate']) this.usageEntries.labels({ outcome }).inc(0);
    for (const reason of ['rate_limited', 'server_busy', 'request_timeout', 'shutting_down'] satisfies RefusalReason[]) this.refusedRequests.labels({ reason }).inc(0);
    const metrics = this;
    new Gauge({
      name: 'creditlens_db_pool_connections',
      help: 'Connections of each database pool (typeorm: writes and plain reads; tenant_reads: the row-level-security reads), by state: open, idle, waiting (checkouts queued for a connection), max.',
      labelNames: ['pool', 'state'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const sample of metrics.poolSource()) {
          this.set({ pool: sample.pool, state: 'open' }, sample.total);
          this.set({ pool: sample.pool, state: 'idle' }, sample.idle);
          this.set({ pool: sample.pool, state: 'waiting' }, sample.waiting);
          this.set({ pool: sample.pool, state: 'max' }, sample.max);
        }
      },
    });
    // process_cpu_seconds_total, nodejs_eventloop_lag_seconds, heap sizes …, with our prefix.
    collectDefaultMetrics({ register: this.registry, prefix: 'creditlens_' });
  }

  /** The composition root binds the pools to sample at each scrape (db.poolStats). */
  bindPools(source: () => readonly PoolSample[]): void {
    this.poolSource = source;
  }

  /**
   * The hook of the webhook dispatcher: a function answering how many deliveries are waiting,
   * read at each scrape. Until it is bound, creditlens_webhook_backlog is not in the output
   * (rather than a 0 that would read as "nothing waiting").
   */
  bindWebhookBacklog(source: () => Promise<number> | number): void {
    if (this.webhookBacklogBound) throw new Error('Metrics.bindWebhookBacklog: the webhook backlog is bound already');
    this.webhookBacklogBound = true;
    new Gauge({
      name: 'creditlens_webhook_backlog',
      help: 'Webhook deliveries stored and not yet delivered (due now or waiting for a retry).',
      registers: [this.registry],
      async collect() {
        this.set(await source());
      },
    });
  }

  /** The text of GET /metrics, and its content type. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
