import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { openDatabase } from '../db';
import { DEMO_ACCOUNT, seedDemoData } from '../demo';
import { createApp } from '../app';
import { measure, postGraphQL } from './bench-client';

/**
 * Latency of the page and expand queries on the demo data, through the real HTTP API:
 * median and p95 of 20 runs each (after 3 warm-ups), on a fresh SQLite database, or on
 * PostgreSQL when BENCH_DATABASE_URL=postgres://… names an empty database.
 */
const RUNS = 20;
const ADMIN_KEY = 'bench-admin-key-0123456789';

const PAGE = `query($id: ID!, $window: UsageWindowInput) { account(id: $id) { usage(window: $window) { asOf totalCredits workspaces { id workspace { id name } credits share percent } } } }`;
const EXPAND = `query($ws: ID!, $window: UsageWindowInput!, $asOf: DateTime) { workspaceUsage(workspaceId: $ws, window: $window, asOf: $asOf) { id credits campaigns { label credits share percent byKind { kind credits } } } }`;

async function main(): Promise<void> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'creditlens-bench-'));
  const url = process.env.BENCH_DATABASE_URL;
  const db = await openDatabase(url ? { kind: 'postgres', url } : { kind: 'sqlite', file: path.join(folder, 'bench.sqlite') });
  const creditlens = await createApp(
    { production: true, adminApiKey: ADMIN_KEY, embedSigningKey: 'bench-signing-key-0123456789-0123456789', embedPreviousSigningKeys: [] },
    db,
  );
  await seedDemoData(creditlens.services, new Date());
  const server = creditlens.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;

  const post = (query: string, variables: Record<string, unknown>) => postGraphQL(endpoint, ADMIN_KEY, query, variables);

  const periods = await post(`query($id: ID!) { account(id: $id) { billingPeriods(last: 2) { from to } } }`, { id: DEMO_ACCOUNT.id });
  const window = periods.account.billingPeriods[1];
  const page = await post(PAGE, { id: DEMO_ACCOUNT.id, window });
  const biggest = page.account.usage.workspaces[0].workspace.id;
  const pageTimes = await measure(RUNS, () => post(PAGE, { id: DEMO_ACCOUNT.id, window }));
  const expandTimes = await measure(RUNS, () => post(EXPAND, { ws: biggest, window, asOf: page.account.usage.asOf }));

  console.log(`Demo data, last month (${page.account.usage.totalCredits.toLocaleString('en-US')} credits), ${db.dialect}, ${RUNS} runs each:`);
  console.log(`  page query    median ${pageTimes.p50.toFixed(2)} ms   p95 ${pageTimes.p95.toFixed(2)} ms`);
  console.log(`  expand query  median ${expandTimes.p50.toFixed(2)} ms   p95 ${expandTimes.p95.toFixed(2)} ms  (${biggest})`);

  await new Promise((resolve) => server.close(resolve));
  await creditlens.stop();
  await db.close();
  fs.rmSync(folder, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
