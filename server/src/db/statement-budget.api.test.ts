import type { AddressInfo } from 'node:net';
import express from 'express';
import { Client } from 'pg';
import { timeLimit } from '../limits';
import { POSTGRES_ADMIN_URL } from '../testing/postgres';
import { databaseKinds, describeEachDatabase, openScratchDatabase, type ScratchDatabase } from '../testing/test-databases';
import { startTestServer, TEST_ADMIN_KEY, type TestServer } from '../testing/test-server';
import { JUNE_2026, PAGE_QUERY, RECORD_USAGE, entry, upsertCatalog } from '../testing/operations';
import type { Database } from './database';

const describePostgres = databaseKinds().includes('postgres') ? describe : describe.skip;

/** Statements of `database` still running pg_sleep, seen from another connection. */
async function sleepersIn(url: string): Promise<number> {
  const client = new Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND state = 'active' AND query LIKE '%pg_sleep%' AND pid <> pg_backend_pid()`,
      [new URL(url).pathname.slice(1)],
    );
    return rows[0].n;
  } finally {
    await client.end();
  }
}

async function listen(app: express.Express): Promise<{ url: string; close: () => Promise<void> }> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describePostgres('the request time limit on PostgreSQL', () => {
  let server: TestServer;
  let url: string;
  beforeAll(async () => {
    server = await startTestServer('postgres', { production: true, limits: { requestTimeoutMs: 1_000 } });
    url = (server.scratch.location as { url: string }).url;
    await upsertCatalog(server, { accountId: 'acct_slow', workspaces: [{ id: 'ws_slow', campaigns: [] }] });
  });
  afterAll(() => server.stop());
  afterEach(() => jest.restoreAllMocks());

  const slowStatements: Array<[string, (db: Database) => Promise<unknown>]> = [
    ['a tenant read', (db) => db.tenantReader('acct_slow').query('SELECT pg_sleep(5)')],
    ['a plain read', (db) => db.reader.query('SELECT pg_sleep(5)')],
    ['a statement of a write transaction', (db) => db.writeTransaction((tx) => tx.query('SELECT pg_sleep(5)'))],
  ];

  it.each(slowStatements)('cancels %s when the request runs out of time, and answers REQUEST_TIMEOUT within the limit', async (_name, slow) => {
    jest.spyOn(server.creditlens.services.catalog, 'findAccount').mockImplementation(async () => {
      await slow(server.scratch.db);
      return null;
    });
    const started = Date.now();
    const response = await server.graphql(PAGE_QUERY, { accountId: 'acct_slow', window: JUNE_2026 }, TEST_ADMIN_KEY);
    const elapsed = Date.now() - started;
    expect(response.status).toBe(503);
    expect(response.errors?.[0]?.extensions?.code).toBe('REQUEST_TIMEOUT');
    expect(elapsed).toBeLessThan(1_500);
    // Cancelled, not merely abandoned: pg_sleep(5) would still be running for 4 more seconds.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await sleepersIn(url)).toBe(0);
  });

  it('answers REQUEST_TIMEOUT, not an internal error, when the database cancels a recordUsage statement first', async () => {
    const record = server.creditlens.services.recordUsage;
    const original = record.record.bind(record);
    jest.spyOn(record, 'record').mockImplementation(async (...args) => {
      await server.scratch.db.writeTransaction((tx) => tx.query('SELECT pg_sleep(5)'));
      return original(...args);
    });
    const response = await server.graphql(RECORD_USAGE, { entries: [entry({ key: 'slow', accountId: 'acct_slow', workspaceId: 'ws_slow', credits: 1 })] });
    expect(response.status).toBe(503);
    expect(response.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'REQUEST_TIMEOUT' }) })]);
    expect(JSON.stringify(response.errors)).not.toMatch(/pg_sleep|canceling statement/);
  });

  it('gives statements outside any request no timeout of its own (the rollups command, migrations)', async () => {
    const [row] = await server.scratch.db.reader.query<{ statement_timeout: string }>('SHOW statement_timeout');
    expect(row!.statement_timeout).toBe('0');
  });
});

describePostgres('a streamed answer on PostgreSQL', () => {
  let scratch: ScratchDatabase;
  beforeAll(async () => {
    scratch = await openScratchDatabase('postgres', { statementTimeoutMs: 1_500 });
  });
  afterAll(() => scratch.dispose());

  it('is exempt from the request limit once its headers are sent, while each statement keeps the database statement timeout', async () => {
    const app = express();
    app.get('/stream', timeLimit(300), async (_req, res) => {
      res.status(200).set('content-type', 'text/plain');
      res.write('headers sent\n');
      // Past the 300 ms request limit, inside the 1.5 s statement timeout: it completes.
      await scratch.db.tenantReader('acct').query('SELECT pg_sleep(0.6)');
      res.write('0.6 s statement done\n');
      const started = Date.now();
      try {
        await scratch.db.tenantReader('acct').query('SELECT pg_sleep(5)');
        res.end('5 s statement done\n');
      } catch (error) {
        res.end(`5 s statement cancelled after ${Math.round((Date.now() - started) / 100) / 10} s: ${(error as { code?: string }).code}\n`);
      }
    });
    const served = await listen(app);
    try {
      const response = await fetch(`${served.url}/stream`);
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(text).toMatch(/^headers sent\n0\.6 s statement done\n5 s statement cancelled after 1\.[4-9] s: 57014\n$/);
    } finally {
      await served.close();
    }
  });
});

describeEachDatabase('a request out of time', (kind) => {
  let scratch: ScratchDatabase;
  beforeAll(async () => {
    scratch = await openScratchDatabase(kind);
  });
  afterAll(() => scratch.dispose());

  it('starts no further statement, on either database', async () => {
    const app = express();
    const statements: string[] = [];
    app.get('/late', timeLimit(100), async (_req, res) => {
      await new Promise((resolve) => setTimeout(resolve, 250));
      try {
        await scratch.db.reader.query('SELECT 1 AS one');
        statements.push('reader');
      } catch (error) {
        statements.push((error as Error).name);
      }
      try {
        await scratch.db.writeTransaction((tx) => tx.query('SELECT 1 AS one'));
        statements.push('write');
      } catch (error) {
        statements.push((error as Error).name);
      }
      res.headersSent || res.send('late');
    });
    const served = await listen(app);
    try {
      const response = await fetch(`${served.url}/late`);
      expect(response.status).toBe(503);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(statements).toEqual(['RequestTimeoutError', 'RequestTimeoutError']);
    } finally {
      await served.close();
    }
  });
});
