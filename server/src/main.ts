import 'reflect-metadata';
import type { Server } from 'node:http';
import { ConfigError, loadConfig, parseDatabaseUrl, type Config } from './config/config';
import { openDatabase } from './db/database';
import { seedDemoData } from './demo/seed';
import { createApp } from './http/app';
import { listen, ListenError } from './http/listen';
import { createLogger } from './logging';

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

  const logger = createLogger({ level: config.logLevel });
  const db = await openDatabase(parseDatabaseUrl(config.databaseUrl));
  const creditlens = await createApp(config, db, { logger });
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

  // SIGTERM (a deploy, a scale-down): take no new requests, let the ones in flight finish, close
  // the database, exit 0. Keep-alive connections are closed as soon as they fall idle; past the
  // deadline (longer than the request time limit, so only a stuck request meets it) the rest are cut.
  let stopping = false;
  let cut = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing requests in flight, then stopping.`);
    creditlens.drain();
    const deadline = setTimeout(() => {
      console.error(`Requests still in flight after ${DRAIN_DEADLINE_MS / 1000} s: closing their connections.`);
      cut = true;
      server.closeAllConnections();
    }, DRAIN_DEADLINE_MS);
    deadline.unref();
    // For a moment the server keeps listening: whatever reaches it is answered (503 SHUTTING_DOWN,
    // /healthz included, so a load balancer stops sending). Then it stops accepting connections
    // and closes keep-alive connections as they fall idle. Closing waits for the check phase
    // (setImmediate) after an I/O phase, so a request already sent but not yet read — the event
    // loop may have been busy with a write — is read first and its connection not taken for idle.
    let closeIdle: NodeJS.Timeout | undefined;
    setTimeout(() => setImmediate(() => {
      server.close(async (error) => {
        clearInterval(closeIdle);
        clearTimeout(deadline);
        try {
          await creditlens.stop();
          await db.close();
        } catch (closeError) {
          console.error('Creditlens could not close cleanly:', closeError);
          process.exit(1);
        }
        if (!cut) console.log('Stopped: every request in flight was answered.');
        process.exit(error || cut ? 1 : 0);
      });
      closeIdle = setInterval(() => setImmediate(() => server.closeIdleConnections()), 100);
    }), DRAIN_LISTEN_MS);
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error('Creditlens stopped on an unexpected error:', error);
  process.exit(1);
});
