import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type ErrorRequestHandler, type Express } from 'express';
import { ApiKeyRepository } from '../auth/api-key.repository';
import { createAuthenticator } from '../auth/authenticate';
import { requireCredential, requestCredential } from '../auth/credential.middleware';
import { corsForEmbedTokens, embedTokensOnlyCrossOrigin } from '../auth/cors.middleware';
import { createEmbedKeyring } from '../auth/embed-tokens';
import { CatalogRepository } from '../catalog/catalog.repository';
import type { Config } from '../config/config';
import type { Database } from '../db/database';
import { demoPage } from '../demo/page/demo-page.route';
import { explorerRouter } from '../explorer';
import { createContext, type Context, type Services } from '../graphql/context';
import { UsageExportService } from '../export/usage-export.service';
import { USAGE_EXPORT_PATH, usageExportRoute } from '../export/usage-export.route';
import { databaseUnavailableAnswer, ErrorCode, errorResponseBody, formatError, retryLaterStatusPlugin } from '../graphql/error-mapping';
import { creditlensSchema } from '../graphql/schema';
import {
  DEFAULT_HTTP_LIMITS,
  DEFAULT_INGEST_ADMISSION,
  ingestAdmission,
  queryLimitsRule,
  rateLimitPerCredential,
  refuseNulCharacters,
  timedOut,
  timeLimit,
  TokenBuckets,
  type HttpLimits,
  type IngestAdmissionLimit,
} from '../limits';
import { RecordUsageService } from '../usage/record-usage.service';
import { UsageRepository } from '../usage/usage.repository';
import { UsageService } from '../usage/usage.service';

/** 10,000 entries of ~300 bytes fit comfortably; larger bodies are refused with 413. */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

export type AppConfig = Pick<Config, 'production' | 'adminApiKey' | 'embedSigningKey' | 'embedPreviousSigningKeys'> & Partial<Pick<Config, 'corsOrigins' | 'explorer' | 'demo'>>;

export interface AppOptions {
  /** Replaces some of the default limits (tests: small numbers, hand-stepped clocks). */
  readonly limits?: Partial<HttpLimits>;
  /** Replaces some of the recordUsage admission limits (see limits/ingest-admission.middleware.ts). */
  readonly ingestAdmission?: Partial<IngestAdmissionLimit>;
}

/** What a draining server tells new requests to wait before retrying (on another replica, or on this one restarted), s. */
const SHUTTING_DOWN_RETRY_AFTER_SECONDS = 1;

export interface CreditlensApp {
  readonly app: Express;
  readonly services: Services;
  /**
   * Stop taking new requests (SIGTERM): they answer 503 SHUTTING_DOWN with Retry-After and every
   * response closes its connection, while the requests in flight finish normally.
   */
  drain(): void;
  stop(): Promise<void>;
}

export function createServices(config: AppConfig, db: Database): Services {
  const usageRepository = new UsageRepository(db);
  const catalog = new CatalogRepository(db);
  return {
    catalog,
    usage: new UsageService(usageRepository),
    recordUsage: new RecordUsageService(db, catalog, usageRepository),
    apiKeys: new ApiKeyRepository(db),
    embedKeys: createEmbedKeyring(config.embedSigningKey, config.embedPreviousSigningKeys),
  };
}

/** Every answer of the API is one tenant's data: no shared cache may keep it. */
const noStore: express.RequestHandler = (_req, res, next) => {
  res.set('cache-control', 'no-store');
  next();
};

/** The HTTP surface: POST /graphql, GET /export/usage.csv, GET /healthz. */
export async function createApp(config: AppConfig, db: Database, options: AppOptions = {}): Promise<CreditlensApp> {
  const services = createServices(config, db);
  const authenticator = createAuthenticator(config, services.apiKeys, services.embedKeys);
  const limits: HttpLimits = { ...DEFAULT_HTTP_LIMITS, ...options.limits };
  const apollo = new ApolloServer<Context>({
    schema: creditlensSchema(),
    // Every request is authenticated before execution, so introspection only ever answers callers with a credential.
    introspection: true,
    includeStacktraceInErrorResponses: !config.production,
    csrfPrevention: true,
    // main.ts drains on SIGTERM and stops Apollo last; Apollo's own handler would stop it at once,
    // failing the requests still in flight with HTTP 500 (the soak caught that).
    stopOnTerminationSignals: false,
    formatError: formatError(config.production),
    validationRules: [queryLimitsRule(limits.query)],
    // Cache control is on by default and wraps every field's resolver to read cache hints (~1 ms
    // on a page); no answer here may be cached anyway, which the no-store below says instead.
    plugins: [ApolloServerPluginCacheControlDisabled(), ApolloServerPluginLandingPageDisabled(), refuseNulCharacters(), retryLaterStatusPlugin()],
  });
  await apollo.start();

  let draining = false;
  const app = express();
  app.disable('x-powered-by');
  app.use((_req, res, next) => {
    if (!draining) return next();
    res.set('connection', 'close');
    res
      .status(503)
      .set('retry-after', String(SHUTTING_DOWN_RETRY_AFTER_SECONDS))
      .json(errorResponseBody(ErrorCode.SHUTTING_DOWN, `this server is shutting down and takes no new requests: retry after ${SHUTTING_DOWN_RETRY_AFTER_SECONDS} s`, { retryAfterSeconds: SHUTTING_DOWN_RETRY_AFTER_SECONDS }));
  });
  app.get('/healthz', async (_req, res) => {
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
  });
  // Every API request: CORS, then a time limit, a credential, its rate limit — all before the body is read.
  const cors = corsForEmbedTokens(config.corsOrigins ?? []);
  const guard = [
    timeLimit(limits.requestTimeoutMs, limits.timers),
    requireCredential(authenticator),
    embedTokensOnlyCrossOrigin,
    rateLimitPerCredential(new TokenBuckets(limits.rateLimit, limits.clock)),
  ];
  // CORS before the explorer, whose GET route would otherwise answer a preflight (OPTIONS) itself
  // with a bare 200 and no CORS headers, and the host page's POST would never be sent.
  app.use('/graphql', cors);
  app.use(USAGE_EXPORT_PATH, cors);
  // Before the API's guard: a browser opening /graphql gets the explorer page, which carries no data.
  if (config.explorer) app.use(explorerRouter());
  app.use(
    '/graphql',
    ...guard,
    noStore,
    express.json({ limit: MAX_BODY_BYTES }),
    ingestAdmission({ ...DEFAULT_INGEST_ADMISSION, ...options.ingestAdmission }),
    expressMiddleware(apollo, {
      context: async ({ res }) => {
        const { principal, now } = requestCredential(res);
        return createContext(principal, now, services);
      },
    }),
  );
  app.get(USAGE_EXPORT_PATH, ...guard, usageExportRoute(new UsageExportService(services.catalog, services.usage)));
  // The demo host page mints tokens for the demo account: only where the demo data is (DEMO=1).
  if (config.demo) app.use(demoPage(services.embedKeys));
  app.use(jsonErrors);

  return {
    app,
    services,
    drain() {
      draining = true;
    },
    async stop() {
      await apollo.stop();
    },
  };
}

/** Body-parser failures (413 too large, 400 bad JSON) answered as GraphQL-shaped JSON. */
const jsonErrors: ErrorRequestHandler = (error, _req, res, next) => {
  // The time limit answered already; the abandoned work's late failure has no one to tell.
  if (res.headersSent && timedOut(res)) return;
  if (res.headersSent) return next(error);
  // The database went away under a credential lookup or an export: the client should come back.
  const unavailable = databaseUnavailableAnswer(error);
  if (unavailable) {
    res.status(unavailable.status).set('retry-after', String(unavailable.retryAfterSeconds)).json(unavailable.body);
    return;
  }
  const status = typeof error?.status === 'number' ? error.status : 500;
  const message =
    status === 413
      ? `request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MiB: send fewer entries per batch`
      : status === 400
        ? `request body is not valid JSON: ${error.message}`
        : 'Internal server error';
  const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 400 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR';
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
};
