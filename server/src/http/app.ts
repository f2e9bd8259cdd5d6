import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type ErrorRequestHandler, type Express } from 'express';
import { ApiKeyRepository } from '../auth/api-key.repository';
import { createAuthenticator } from '../auth/authenticate';
import { createEmbedKeyring } from '../auth/embed-tokens';
import { CatalogRepository } from '../catalog/catalog.repository';
import type { Config } from '../config/config';
import type { Database } from '../db/database';
import { createContext, type Context, type Services } from '../graphql/context';
import { formatError, toGraphQLError } from '../graphql/error-mapping';
import { creditlensSchema } from '../graphql/schema';
import { RecordUsageService } from '../usage/record-usage.service';
import { UsageRepository } from '../usage/usage.repository';
import { UsageService } from '../usage/usage.service';

/** 10,000 entries of ~300 bytes fit comfortably; larger bodies are refused with 413. */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

export type AppConfig = Pick<Config, 'production' | 'adminApiKey' | 'embedSigningKey' | 'embedPreviousSigningKeys'>;

export interface CreditlensApp {
  readonly app: Express;
  readonly services: Services;
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

/** The HTTP surface: POST /graphql, GET /healthz. */
export async function createApp(config: AppConfig, db: Database): Promise<CreditlensApp> {
  const services = createServices(config, db);
  const authenticator = createAuthenticator(config, services.apiKeys, services.embedKeys);
  const apollo = new ApolloServer<Context>({
    schema: creditlensSchema(),
    // Every request is authenticated before execution, so introspection only ever answers callers with a credential.
    introspection: true,
    includeStacktraceInErrorResponses: !config.production,
    csrfPrevention: true,
    formatError: formatError(config.production),
    plugins: [ApolloServerPluginLandingPageDisabled()],
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', async (_req, res) => {
    try {
      await db.ping();
      res.json({ status: 'ok' });
    } catch {
      res.status(503).json({ status: 'unavailable', reason: 'the database does not answer' });
    }
  });
  app.use(
    '/graphql',
    express.json({ limit: MAX_BODY_BYTES }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const now = new Date();
        try {
          const principal = await authenticator.authenticate(req.headers.authorization, now);
          return createContext(principal, now, services);
        } catch (error) {
          throw toGraphQLError(error) ?? error;
        }
      },
    }),
  );
  app.use(jsonErrors);

  return {
    app,
    services,
    async stop() {
      await apollo.stop();
    },
  };
}

/** Body-parser failures (413 too large, 400 bad JSON) answered as GraphQL-shaped JSON. */
const jsonErrors: ErrorRequestHandler = (error, _req, res, next) => {
  if (res.headersSent) return next(error);
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
