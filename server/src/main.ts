import 'reflect-metadata';
import type { Server } from 'node:http';
import { ConfigError, loadConfig, parseDatabaseUrl, type Config } from './config/config';
import { openDatabase } from './db/database';
import { seedDemoData } from './demo/seed';
import { createApp } from './http/app';

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

  const db = await openDatabase(parseDatabaseUrl(config.databaseUrl));
  const creditlens = await createApp(config, db);
  if (config.demo && (await seedDemoData(creditlens.services, new Date()))) {
    console.log('Seeded the demo account "acct_demo" (Northwind Outreach, Europe/Berlin).');
  }

  const server: Server = creditlens.app.listen(config.port, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    console.log(`Creditlens is listening on http://localhost:${port}/ (GraphQL at http://localhost:${port}/graphql, ${db.dialect})`);
    if (config.adminApiKeyGenerated) console.log(`Admin API key for this run: ${config.adminApiKey}`);
  });

  const shutdown = (signal: string) => {
    console.log(`${signal}: finishing requests in flight, then stopping.`);
    server.close(async () => {
      await creditlens.stop();
      await db.close();
      process.exit(0);
    });
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error('Creditlens stopped on an unexpected error:', error);
  process.exit(1);
});
