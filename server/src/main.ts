/** The server process: read the configuration, open the database, listen, drain on SIGTERM. */
import 'reflect-metadata';
import type { Server } from 'node:http';
import { ConfigError, loadConfig, parseDatabaseUrl, type Config } from './config';
import { openDatabase } from './db';
import { seedDemoData } from './demo';
import { createApp, createDrain, listen, ListenError, rollupStatementObserver } from './app';
import { createLogger } from './logging';
import { Metrics } from './metrics';

/** How long SIGTERM waits for requests in flight: past the 10 s request time limit, so only a stuck one is cut. */
const DRAIN_DEADLINE_MS = 15_000;
/** How long a stopping server still accepts connections, answering them 503 SHUTTING_DOWN. */
const DRAIN_LISTEN_MS = 300;

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Creditlens cannot start: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }

  const logger = createLogger({ level: config.logLevel, pretty: config.prettyLogs });
  const metrics = new Metrics();
  const db = await openDatabase(parseDatabaseUrl(config.databaseUrl), { statementTimeoutMs: config.statementTimeoutMs, onStatementEnd: rollupStatementObserver(metrics) });
  const creditlens = await createApp(config, db, { logger, metrics, webhooks: { dispatch: true } });
  if (config.demo && (await seedDemoData(creditlens.services, new Date()))) {
    console.log('Seeded the demo account "acct_demo" (Northwind Outreach, Europe/Berlin).');
  }

  let server: Server;
  try {
    server = await listen(creditlens.app, config.port);
  } catch (error) {
    if (!(error instanceof ListenError)) throw error;
    console.error(`Creditlens cannot start: ${error.message}`);
    logger.fatal({ err: error, port: config.port }, 'cannot listen');
    await creditlens.stop();
    await db.close();
    process.exit(1);
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  console.log(`Creditlens is listening on http://localhost:${port}/ (GraphQL at http://localhost:${port}/graphql, ${db.dialect})`);
  if (config.adminApiKeyGenerated) console.log(`Admin API key for this run: ${config.adminApiKey}`);

  const shutdown = createDrain({
    server,
    stopTakingRequests: () => creditlens.drain(),
    close: async () => {
      await creditlens.stop();
      await db.close();
    },
    deadlineMs: DRAIN_DEADLINE_MS,
    listenMs: DRAIN_LISTEN_MS,
    log: (line) => console.log(line),
    logError: (line, error) => (error === undefined ? console.error(line) : console.error(line, error)),
    exit: (code) => process.exit(code),
  });
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error('Creditlens stopped on an unexpected error:', error);
  process.exit(1);
});
