import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type ErrorRequestHandler, type Express } from 'express';
import helmet from 'helmet';
import { corsForEmbedTokens, createAuthenticator, embedTokensOnlyCrossOrigin, requestCredential, requireCredential } from '../auth';
import type { Database } from '../db';
import { demoPage } from '../demo';
import { explorerRouter } from '../explorer';
import { createContext, type Context } from './context';
import { createServices, type AppConfig, type Services } from './services';

export type { AppConfig };
import { ENTRIES_EXPORT_PATH, entriesExportRoute, USAGE_EXPORT_PATH, USAGE_SERIES_EXPORT_PATH, usageExportRoute, UsageExportService, usageSeriesExportRoute, UsageSeriesExportService } from '../export';
import { databaseUnavailableAnswer, ErrorCode, errorResponseBody, formatError, internalErrorsPlugin, retryLaterStatusPlugin } from '../errors';
import { executingGateway, OperationExecutor } from './executor';
import { creditlensSchema } from './schema';
import {
  DEFAULT_HTTP_LIMITS,
  DEFAULT_INGEST_ADMISSION,
  ingestAdmission,
  queryLimitsRule,
  rateLimitPerCredential,
  documentLimits,
  refuseUnstorableInput,
  timedOut,
  timeLimit,
  type HttpLimits,
  type IngestAdmissionLimit,
  type RateLimiter,
} from '../limits';
import { assignRequestId, requestIdOf, silentLogger, type Logger } from '../logging';
import { Metrics } from '../metrics';
import { metricsRoute, requestObserver, type RequestObserver } from './observability';
import { createRateLimiter } from './rate-limit-store';
import { DEFAULT_RETRY_SCHEDULE, WebhookDispatcher, WebhookRepository, type DispatcherOptions, type HostResolver } from '../webhooks';

/** 10,000 entries of ~300 bytes fit comfortably; larger bodies are refused with 413. */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;


export interface AppOptions {
  /** Replaces some of the default limits (tests: small numbers, hand-stepped clocks). */
  readonly limits?: Partial<HttpLimits>;
  /** Replaces some of the recordUsage admission limits (see limits/ingest-admission.middleware.ts). */
  readonly ingestAdmission?: Partial<IngestAdmissionLimit>;
  /** The server's logger, made once by main.ts; none: nothing is logged. */
  readonly logger?: Logger;
  /**
   * The server's metrics (main.ts makes them before opening the database, whose statements they
   * time); none: a registry of this app's own.
   */
  readonly metrics?: Metrics;
  /**
   * Webhooks: `dispatch` runs this process's background dispatcher (main.ts; tests that deliver
   * turn it on), with the rest of its options; `resolve` stands in for DNS (tests).
   */
  readonly webhooks?: { readonly dispatch?: boolean; readonly resolve?: HostResolver } & Partial<Omit<DispatcherOptions, 'allowPrivate' | 'pollIntervalMs' | 'logger'>>;
}

/** What a draining server tells new requests to wait before retrying (on another replica, or on this one restarted), s. */
const SHUTTING_DOWN_RETRY_AFTER_SECONDS = 1;

export interface CreditlensApp {
  readonly app: Express;
  readonly services: Services;
  /** What GET /metrics answers; the webhook dispatcher's backlog is bound here (metrics.bindWebhookBacklog). */
  readonly metrics: Metrics;
  /** This process's webhook dispatcher, when it runs one. */
  readonly dispatcher: WebhookDispatcher | null;
  /**
   * Stop taking new requests (SIGTERM): they answer 503 SHUTTING_DOWN with Retry-After and every
   * response closes its connection, while the requests in flight finish normally.
   */
  drain(): void;
  /** Stops the webhook dispatcher (its attempts in flight are finished and recorded), then Apollo. */
  stop(): Promise<void>;
}

/**
 * Every answer — API, CSV, health, the refusals among them — is one tenant's data or about one
 * request: no shared cache may keep it. Routes that serve static assets say otherwise themselves.
 */
const noStore: express.RequestHandler = (_req, res, next) => {
  res.set('cache-control', 'no-store');
  next();
};

/**
 * helmet's headers for an API: nosniff, no referrer, and a Content-Security-Policy that lets an
 * answer opened in a browser run nothing. The two HTML pages (the explorer at GET /graphql and
 * the demo at GET /) set their own, stricter-than-default policies over this one.
 */
const apiHeaders = helmet({
  contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
  referrerPolicy: { policy: 'no-referrer' },
});

/** The HTTP surface: POST /graphql, GET /export/usage.csv, GET /healthz, GET /metrics. */
export async function createApp(config: AppConfig, db: Database, options: AppOptions = {}): Promise<CreditlensApp> {
  const metrics = options.metrics ?? new Metrics();
  metrics.bindPools(() => db.poolStats());
  const webhookRepository = new WebhookRepository(db);
  metrics.bindWebhookBacklog(() => webhookRepository.pendingCount());
  const services = createServices(config, db, metrics, options.webhooks?.resolve);
  const limits: HttpLimits = { ...DEFAULT_HTTP_LIMITS, ...options.limits };
  const logger = options.logger ?? silentLogger();
  const observer = requestObserver(metrics, logger);
  const apollo = await startApollo(config, limits, logger, observer);
  const rateLimiter = createRateLimiter({ db, redisUrl: config.redisUrl ?? null, limit: limits.rateLimit, clock: limits.clock, metrics, logger });
  const gate = shutdownGate();
  const app = express();
  app.disable('x-powered-by');
  // Every answer is no-store (noStore below), so an ETag could never be revalidated; Express
  // would still hash each body for one (SHA-1 over a page's half megabyte of series).
  app.set('etag', false);
  app.use(assignRequestId, observer.middleware, apiHeaders, noStore, gate.middleware);
  app.get('/healthz', healthz(db));
  const scrape = metricsRoute(config.metrics ?? { kind: 'off' }, metrics);
  if (scrape) app.get('/metrics', scrape);
  mountApi(app, { config, services, limits, apollo, ingestAdmission: options.ingestAdmission, rateLimiter: rateLimiter.limiter });
  // The demo host page mints tokens for the demo account: only where the demo data is (DEMO=1).
  if (config.demo) app.use(demoPage(services.embedKeys));
  app.use(jsonErrors(logger));
  const dispatcher = options.webhooks?.dispatch ? startDispatcher(config, webhookRepository, logger, options.webhooks) : null;
  let dispatcherStopped: Promise<void> | undefined;
  const stopDispatcher = () => (dispatcherStopped ??= dispatcher?.stop() ?? Promise.resolve());
  return {
    app,
    services,
    metrics,
    dispatcher,
    drain: () => {
      gate.close();
      // No new attempt starts while draining; those in flight finish before the database closes (stop).
      void stopDispatcher();
    },
    stop: async () => {
      await stopDispatcher();
      await apollo.stop();
      await rateLimiter.close();
    },
  };
}

function startDispatcher(config: AppConfig, repository: WebhookRepository, logger: Logger, options: NonNullable<AppOptions['webhooks']>): WebhookDispatcher {
  const { dispatch: _dispatch, ...rest } = options;
  const dispatcher = new WebhookDispatcher(repository, {
    schedule: {
      ...DEFAULT_RETRY_SCHEDULE,
      firstRetryMs: config.webhookFirstRetryMs ?? DEFAULT_RETRY_SCHEDULE.firstRetryMs,
      maxDelayMs: config.webhookMaxRetryDelayMs ?? DEFAULT_RETRY_SCHEDULE.maxDelayMs,
    },
    ...rest,
    allowPrivate: config.webhookAllowPrivate ?? false,
    pollIntervalMs: config.webhookPollIntervalMs ?? 1000,
    logger,
  });
  dispatcher.start();
  return dispatcher;
}

/** Apollo with the contract's error answers, the query limits and no cache control, started. */
async function startApollo(config: AppConfig, limits: HttpLimits, logger: Logger, observer: RequestObserver): Promise<ApolloServer<Context>> {
  const schema = creditlensSchema();
  const apollo = new ApolloServer<Context>({
    // Apollo parses, validates and formats; the executor runs repeated queries compiled (executor.ts).
    gateway: executingGateway(schema, new OperationExecutor(schema)),
    // Every request is authenticated before execution, so introspection only ever answers callers with a credential.
    introspection: true,
    includeStacktraceInErrorResponses: !config.production,
    csrfPrevention: true,
    // The SIGTERM drain (drain.ts) stops Apollo last; Apollo's own handler would stop it at once,
    // failing the requests still in flight with HTTP 500.
    stopOnTerminationSignals: false,
    formatError: formatError(config.production),
    // documentLimits() refuses longer texts with a clear message before Apollo sees them; the
    // parser's own cap stays as the backstop for any path that does not pass through it.
    parseOptions: { maxTokens: limits.document.maxTokens },
    validationRules: [queryLimitsRule(limits.query)],
    // Cache control wraps every field's resolver to read cache hints; no answer here may be
    // cached anyway, which noStore says for every answer instead (docs/performance.md).
    plugins: [
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginLandingPageDisabled(),
      refuseUnstorableInput(limits.document.maxNesting),
      retryLaterStatusPlugin(),
      internalErrorsPlugin(logger),
      observer.apolloPlugin,
    ],
    logger,
  });
  await apollo.start();
  return apollo;
}

/** Once closed (SIGTERM), every request answers 503 SHUTTING_DOWN with Retry-After and closes its connection. */
function shutdownGate(): { middleware: express.RequestHandler; close: () => void } {
  let draining = false;
  const middleware: express.RequestHandler = (_req, res, next) => {
    if (!draining) return next();
    res.set('connection', 'close');
    res
      .status(503)
      .set('retry-after', String(SHUTTING_DOWN_RETRY_AFTER_SECONDS))
      .json(errorResponseBody(ErrorCode.SHUTTING_DOWN, `this server is shutting down and takes no new requests: retry after ${SHUTTING_DOWN_RETRY_AFTER_SECONDS} s`, { retryAfterSeconds: SHUTTING_DOWN_RETRY_AFTER_SECONDS }));
  };
  return { middleware, close: () => void (draining = true) };
}

/** GET /healthz: 200 while the database answers, 503 with Retry-After when it does not. */
function healthz(db: Database): express.RequestHandler {
  return async (_req, res) => {
    try {
      await db.ping();
      res.json({ status: 'ok' });
    } catch (error) {
      const unavailable = databaseUnavailableAnswer(error);
      res
        .status(503)
        .set('retry-after', String(unavailable?.retryAfterSeconds ?? 1))
        .json({ status: 'unavailable', code: unavailable ? ErrorCode.DATABASE_UNAVAILABLE : ErrorCode.INTERNAL_SERVER_ERROR, reason: 'the database does not answer' });
    }
  };
}

interface ApiParts {
  readonly config: AppConfig;
  readonly services: Services;
  readonly limits: HttpLimits;
  readonly apollo: ApolloServer<Context>;
  readonly ingestAdmission: Partial<IngestAdmissionLimit> | undefined;
  readonly rateLimiter: RateLimiter;
}

/** POST /graphql, GET /export/usage.csv and GET /export/entries.csv behind CORS, a time limit, a credential and its rate limit — all before the body is read. */
function mountApi(app: Express, { config, services, limits, apollo, ingestAdmission: admission, rateLimiter }: ApiParts): void {
  const authenticator = createAuthenticator(config, services.apiKeys, services.embedKeys);
  const cors = corsForEmbedTokens(config.corsOrigins ?? []);
  const guard = [
    timeLimit(limits.requestTimeoutMs, limits.timers),
    requireCredential(authenticator),
    embedTokensOnlyCrossOrigin,
    rateLimitPerCredential(rateLimiter),
  ];
  // CORS before anything else that serves these paths, so a preflight from a listed origin is
  // answered the same whether the explorer (whose router would answer OPTIONS itself) is on or off.
  app.use('/graphql', cors);
  app.use(USAGE_EXPORT_PATH, cors);
  app.use(ENTRIES_EXPORT_PATH, cors);
  app.use(USAGE_SERIES_EXPORT_PATH, cors);
  // Before the API's guard: a browser opening /graphql gets the explorer page, which carries no data.
  if (config.explorer) app.use(explorerRouter());
  app.use(
    '/graphql',
    ...guard,
    express.json({ limit: MAX_BODY_BYTES }),
    documentLimits(limits.document),
    ingestAdmission({ ...DEFAULT_INGEST_ADMISSION, ...admission }),
    expressMiddleware(apollo, {
      context: async ({ res }) => {
        const { principal, now } = requestCredential(res);
        return createContext(principal, now, requestIdOf(res), services);
      },
    }),
  );
  app.get(USAGE_EXPORT_PATH, ...guard, usageExportRoute(new UsageExportService(services.catalog, services.usage)));
  app.get(ENTRIES_EXPORT_PATH, ...guard, entriesExportRoute(services.catalog, services.usage, services.entries));
  app.get(USAGE_SERIES_EXPORT_PATH, ...guard, usageSeriesExportRoute(new UsageSeriesExportService(services.catalog, services.usage, services.usageOverTime)));
}

/**
 * Failures outside GraphQL execution answered as GraphQL-shaped JSON: body-parser's 413 and 400,
 * the database away (503), and anything else as a logged internal error carrying the request id.
 */
function jsonErrors(logger: Logger): ErrorRequestHandler {
  return (error, req, res, next) => {
    // The time limit answered already; the abandoned work's late failure has no one to tell.
    if (res.headersSent && timedOut(res)) return;
    if (res.headersSent) return next(error);
    // The database went away under a credential lookup or an export: the client should come back.
    const unavailable = databaseUnavailableAnswer(error);
    if (unavailable) {
      res.status(unavailable.status).set('retry-after', String(unavailable.retryAfterSeconds)).json(unavailable.body);
      return;
    }
    const status = typeof error?.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) {
      const requestId = requestIdOf(res);
      logger.error({ requestId, err: error, method: req.method, path: req.path }, 'internal error');
      res.status(500).json(errorResponseBody(ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error', { requestId }));
      return;
    }
    // body-parser's client errors (its messages are meant to be shown: `expose`).
    const message =
      status === 413
        ? `request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MiB: send fewer entries per batch`
        : status === 400
          ? `request body is not valid JSON: ${error.message}`
          : `the request body was refused: ${error.expose ? error.message : `HTTP ${status}`}`;
    res.status(status).json(errorResponseBody(status === 413 ? ErrorCode.PAYLOAD_TOO_LARGE : ErrorCode.BAD_REQUEST, message));
  };
}
