import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createApp, rollupStatementObserver, type AppConfig, type AppOptions, type CreditlensApp } from '../app';
import { Metrics } from '../metrics';
import { openScratchDatabase, type DatabaseKind, type ScratchDatabase } from './test-databases';

export const TEST_ADMIN_KEY = 'test-admin-key-0123456789';
export const TEST_SIGNING_KEY = 'test-embed-signing-key-0123456789-abcdef';

export interface GraphQLResponse<T = Record<string, any>> {
  readonly status: number;
  readonly data?: T | null;
  readonly errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, any> }>;
}

export interface TestServer {
  readonly url: string;
  readonly scratch: ScratchDatabase;
  readonly creditlens: CreditlensApp;
  /** Every SQL statement the repositories ran, in order (tests reset it with `statements.length = 0`). */
  readonly statements: string[];
  /** POSTs a GraphQL operation; the token defaults to the admin key, null sends none. */
  graphql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string | null): Promise<GraphQLResponse<T>>;
  stop(): Promise<void>;
}

/** A real server over HTTP on a free port, on a fresh database of the given kind. */
export async function startTestServer(
  kind: DatabaseKind,
  options: {
    production?: boolean;
    corsOrigins?: readonly string[];
    limits?: AppOptions['limits'];
    explorer?: boolean;
    demo?: boolean;
    logger?: AppOptions['logger'];
    metrics?: AppConfig['metrics'];
    redisUrl?: string;
    /** PostgreSQL: the statement timeout past a streamed answer's headers (DATABASE_STATEMENT_TIMEOUT_MS). */
    statementTimeoutMs?: number;
    /** WEBHOOK_ALLOW_PRIVATE, and the webhook options of the app (no dispatcher unless `dispatch`). */
    webhookAllowPrivate?: boolean;
    webhooks?: AppOptions['webhooks'];
  } = {},
): Promise<TestServer> {
  const statements: string[] = [];
  // As main.ts: the metrics exist before the database, whose rollup statements they time.
  const metrics = new Metrics();
  const scratch = await openScratchDatabase(kind, { onStatement: (sql) => statements.push(sql), onStatementEnd: rollupStatementObserver(metrics), statementTimeoutMs: options.statementTimeoutMs });
  const creditlens = await createApp(
    {
      production: options.production ?? false,
      adminApiKey: TEST_ADMIN_KEY,
      embedSigningKey: TEST_SIGNING_KEY,
      embedPreviousSigningKeys: [],
      corsOrigins: options.corsOrigins ?? [],
      explorer: options.explorer ?? false,
      // On by default, so that the isolation suite meets the demo page's routes too.
      demo: options.demo ?? true,
      metrics: options.metrics ?? { kind: 'open' },
      redisUrl: options.redisUrl ?? null,
      webhookAllowPrivate: options.webhookAllowPrivate ?? false,
    },
    scratch.db,
    { limits: options.limits, logger: options.logger, metrics, webhooks: options.webhooks },
  );
  const server: Server = await new Promise((resolve) => {
    const listening = creditlens.app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    scratch,
    creditlens,
    statements,
    async graphql(query, variables = {}, token = TEST_ADMIN_KEY) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token === null ? {} : { authorization: `Bearer ${token}` }) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: any; errors?: any };
      return { status: response.status, data: body.data, errors: body.errors };
    },
    async stop() {
      await new Promise((resolve) => server.close(resolve));
      await creditlens.stop();
      await scratch.dispose();
    },
  };
}
