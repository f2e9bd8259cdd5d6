/**
 * Opening the database, and what TypeORM does here (docs/architecture.md says the same):
 *
 * - TypeORM's DataSource runs the migrations (db/migrations/, in order, each in a transaction)
 *   and is the connection pool of the plain reads and of the write transactions, through its
 *   public API only (`query`, `createQueryRunner`, `startTransaction`). No entity is mapped:
 *   every statement is our own SQL, in the domain's repository, taking the account id first.
 * - The two hot paths keep connections of their own: on SQLite the writes run on a native
 *   better-sqlite3 handle (one transaction at a time, prepared statements kept) and the reads on
 *   read-only handles in worker threads, off the event loop and side by side; on
 *   PostgreSQL the tenant reads run on a `pg.Pool` owned here, because the row-level-security
 *   wall, the statement and the commit must go in one message of the simple query protocol,
 *   which no TypeORM API sends.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { DatabaseLocation } from '../config';
import { inlineParameters } from './inline-parameters';
import { MIGRATIONS } from './migrations';
import { openSqliteReadPool } from './sqlite-read-pool';
import { startSqliteWorker } from './sqlite-worker';
import { statementTimeoutMs } from './statement-budget';

export type Dialect = 'sqlite' | 'postgres';
export type Row = Record<string, unknown>;

/** Runs one SQL statement. Statements are written with `?` placeholders for both dialects. */
export interface SqlExecutor {
  query<T extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

/**
 * The storage handle the repositories use: reads of one tenant on `tenantReader(accountId)`,
 * the few lookups that find out which tenant something belongs to on `reader`, every write
 * inside `writeTransaction` (all or nothing).
 */
export interface Database {
  readonly dialect: Dialect;
  readonly reader: SqlExecutor;
  /**
   * Reads of one account. On PostgreSQL each statement runs as the non-owner role
   * creditlens_tenant with the account in `creditlens.account_id`, so row-level security hides
   * every other tenant's rows even from a statement that forgot its account_id filter — also
   * when DATABASE_URL names a superuser. SQLite has no such wall: there it is `reader`.
   */
  tenantReader(accountId: string): SqlExecutor;
  writeTransaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /**
   * One statement in a transaction of its own (autocommit), on the pool of the plain reads: for
   * a shared counter that needs no transaction of several statements (the rate limit's buckets).
   */
  readonly autocommit: SqlExecutor;
  /** How busy each connection pool is (PostgreSQL: TypeORM's and the tenant reads'; SQLite: none). */
  poolStats(): PoolStats[];
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
  readonly dataSource: DataSource;
}

/** One pool's connections: open, idle, and the checkouts waiting for one. */
export interface PoolStats {
  readonly pool: 'typeorm' | 'tenant_reads';
  readonly max: number;
  readonly total: number;
  readonly idle: number;
  readonly waiting: number;
}

/** Told of every statement the repositories ran, when it ended: how long it took and whether it failed. */
export type StatementObserver = (sql: string, seconds: number, failed: boolean) => void;

export interface DatabaseOptions {
  /** Called with every statement the repositories run (tests count them to prove batching). */
  onStatement?: (sql: string) => void;
  /** Called when each statement ends (metrics: statement durations). */
  onStatementEnd?: StatementObserver;
  /**
   * PostgreSQL: the statement timeout, ms, of every statement run under a statement budget
   * (db/statement-budget.ts) — a request's statements get the smaller of it and the request's
   * remaining time; those of a streamed answer past its headers get it alone. Default 30 s.
   */
  statementTimeoutMs?: number;
  /** Tests build the schema from migrations too; this only lets them skip the log line. */
  logMigrations?: boolean;
}

const SQLITE_BUSY_TIMEOUT_MS = 5000;
/** Read connections off the event loop (db/sqlite-read-pool.ts): one per core, up to 4. */
const SQLITE_READ_WORKERS = Math.max(1, Math.min(4, os.availableParallelism()));
/**
 * The WAL's size, in pages, past which the writer checkpoints at commit itself: a backstop for
 * when the checkpointer's thread falls behind (64 MB at SQLite's 4 KB pages).
 */
const SQLITE_WRITER_CHECKPOINT_PAGES = 16_384;
/** A statement that only reads: SELECT, or WITH … SELECT (a WITH that writes fails on the read-only connection, saying so). */
const READ_STATEMENT = /^\s*(SELECT|WITH)\b/i;
/** The PostgreSQL role and setting of the row-level-security wall (see migration 1764200000000). */
export const TENANT_ROLE = 'creditlens_tenant';
export const TENANT_SETTING = 'creditlens.account_id';

export async function openDatabase(location: DatabaseLocation, options: DatabaseOptions = {}): Promise<Database> {
  const database =
    location.kind === 'sqlite' ? await openSqlite(location.file, options) : await openPostgres(location.url, options);
  await database.dataSource.runMigrations({ transaction: 'each' });
  return database;
}

export const DEFAULT_STATEMENT_TIMEOUT_MS = 30_000;

function observed(executor: SqlExecutor, { onStatement, onStatementEnd }: DatabaseOptions): SqlExecutor {
  if (!onStatement && !onStatementEnd) return executor;
  return {
    async query<T extends Row>(sql: string, params?: readonly unknown[]): Promise<T[]> {
      onStatement?.(sql);
      if (!onStatementEnd) return executor.query<T>(sql, params);
      const started = process.hrtime.bigint();
      let failed = true;
      try {
        const rows = await executor.query<T>(sql, params);
        failed = false;
        return rows;
      } finally {
        onStatementEnd(sql, Number(process.hrtime.bigint() - started) / 1e9, failed);
      }
    },
  };
}

/**
 * SQLite runs a statement synchronously and cannot cancel it; what it can do is not start one
 * for a request whose time is up (statementTimeoutMs throws RequestTimeoutError then).
 */
function withinBudget(executor: SqlExecutor): SqlExecutor {
  return {
    query(sql, params) {
      statementTimeoutMs(DEFAULT_STATEMENT_TIMEOUT_MS);
      return executor.query(sql, params);
    },
  };
}

/**
 * SQLite: TypeORM's connection runs migrations; queries run on the read pool's read-only
 * connections (sqlite-read-pool.ts); writes go through a native connection, one transaction at a
 * time. A read issued on the same connection as an open write transaction would see its
 * uncommitted rows (and hand out a snapshot that may roll back), so reads and writes must not
 * share a connection. WAL lets them run side by side.
 */
async function openSqlite(file: string, options: DatabaseOptions): Promise<Database> {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const dataSource = new DataSource({
    type: 'better-sqlite3',
    database: file,
    enableWAL: true,
    timeout: SQLITE_BUSY_TIMEOUT_MS,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    logging: false,
  });
  await dataSource.initialize();

  // The writer's connection lives on a worker thread: a write transaction's statements (90 ms of
  // them for a batch of history entries) would otherwise hold the event loop, and every request
  // that arrives meanwhile, for as long as they run.
  const writer = startSqliteWorker({
    file,
    readonly: false,
    busyTimeoutMs: SQLITE_BUSY_TIMEOUT_MS,
    maxStatements: Infinity,
    pragmas: ['journal_mode = WAL', 'foreign_keys = ON', `busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`, `wal_autocheckpoint = ${SQLITE_WRITER_CHECKPOINT_PAGES}`],
  });
  // Checkpoints (the WAL's pages copied back into the database file) on a connection and thread
  // of their own, after each commit: at SQLite's default the committing writer runs one whenever
  // the WAL passes 1,000 pages, which a batch of history entries does by itself, and its commit
  // then waits for the copy. PASSIVE: it never blocks the writer or a reader.
  const checkpointer = startSqliteWorker({ file, readonly: false, busyTimeoutMs: SQLITE_BUSY_TIMEOUT_MS, maxStatements: 1, pragmas: ['wal_autocheckpoint = 0'] });
  let checkpoint: 'idle' | 'running' | 'due' = 'idle';
  const checkpointSoon = (): void => {
    if (checkpoint !== 'idle') {
      checkpoint = 'due';
      return;
    }
    checkpoint = 'running';
    checkpointer
      .run('PRAGMA wal_checkpoint(PASSIVE)', [])
      // A failed checkpoint leaves the pages in the WAL, where the next one (or the writer's own) copies them.
      .catch(() => undefined)
      .then(() => {
        const again = checkpoint === 'due';
        checkpoint = 'idle';
        if (again) checkpointSoon();
      });
  };
  const writerExecutor: SqlExecutor = {
    query: async <T extends Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> => (await writer.run(sql, params.map(toSqliteValue))).rows as T[],
  };
  const readPool = openSqliteReadPool(file, { workers: SQLITE_READ_WORKERS, busyTimeoutMs: SQLITE_BUSY_TIMEOUT_MS });
  const reader: SqlExecutor = withinBudget({
    // Queries on the read workers; anything else a caller runs through `reader` (a PRAGMA, a
    // maintenance statement) on TypeORM's connection.
    query: (sql, params = []) => (READ_STATEMENT.test(sql) ? readPool.query(sql, params.map(toSqliteValue)) : dataSource.query(sql, params.map(toSqliteValue))),
  });
  const observedReader = observed(reader, options);

  let queue: Promise<unknown> = Promise.resolve();
  const writeTransaction = <T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> => {
    // One write transaction at a time on the writer connection: they run in turn.
    const run = async (): Promise<T> => {
      await writer.run('BEGIN IMMEDIATE', []);
      try {
        const result = await work(observed(withinBudget(writerExecutor), options));
        await writer.run('COMMIT', []);
        checkpointSoon();
        return result;
      } catch (error) {
        if (writer.inTransaction) await writer.run('ROLLBACK', []);
        throw error;
      }
    };
    const result = queue.then(run, run);
    queue = result.catch(() => undefined);
    return result;
  };
  return {
    dialect: 'sqlite',
    dataSource,
    reader: observedReader,
    tenantReader: () => observedReader,
    writeTransaction,
    autocommit: { query: (sql, params) => writeTransaction((tx) => tx.query(sql, params)) },
    poolStats: () => [],
    async ping() {
      await dataSource.query('SELECT 1');
    },
    async close() {
      await queue;
      await readPool.close();
      await writer.terminate();
      await checkpointer.terminate();
      await dataSource.destroy();
    },
  };
}

function toSqliteValue(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

/** PostgreSQL's unique_violation: a statement would have written a key that is taken. */
const UNIQUE_VIOLATION = '23505';

/** True when a statement failed on a unique key (PostgreSQL; TypeORM keeps the driver's error). */
export function isUniqueViolation(error: unknown): boolean {
  const failed = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  return failed?.code === UNIQUE_VIOLATION || failed?.driverError?.code === UNIQUE_VIOLATION;
}

/** `?` placeholders become `$1, $2, …` (our SQL never holds a literal question mark). */
export function toPostgresPlaceholders(sql: string): string {
  let index = 0;
  return sql.replace(/\?/g, () => `$${++index}`);
}

/**
 * Both pools (TypeORM's and the tenant reads'): at most 10 connections each, 5 s to connect, and
 * neither JIT nor parallel plans. The API only runs short statements, whose row estimates for
 * "recorded after asOf" can be far too high (it reads as a share of every account's entries); on
 * such an estimate JIT compilation or parallel workers cost many times the statement itself
 * (docs/performance.md has the figures).
 */
const POOL_SETTINGS = { max: 10, connectionTimeoutMillis: 5000, options: '-c jit=off -c max_parallel_workers_per_gather=0' };

async function openPostgres(url: string, options: DatabaseOptions): Promise<Database> {
  const defaultTimeoutMs = options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
  const dataSource = new DataSource({
    type: 'postgres',
    url,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    logging: false,
    extra: POOL_SETTINGS,
  });
  await dataSource.initialize();
  const tenantPool = new Pool({ connectionString: url, ...POOL_SETTINGS });
  // A pooled connection the server terminates while idle emits 'error' on the pool; the next
  // query gets a fresh connection (and a broken one answers DATABASE_UNAVAILABLE), so nothing is lost.
  tenantPool.on('error', () => undefined);

  // The wall (for tenant reads), the statement timeout, the statement and the commit go in one
  // message of the simple query protocol: one round trip where several were (with parameters,
  // each statement needs its own), so neither the wall nor the timeout costs latency
  // (docs/performance.md has the figures). The statement is always one of the repositories' own;
  // its values are written in as escaped literals, by one function.
  const inOneMessage = async <T extends Row>(prelude: readonly string[], sql: string, params: readonly unknown[]): Promise<T[]> => {
    const text = inlineParameters(`BEGIN READ ONLY; ${prelude.map((statement) => `${statement}; `).join('')}${sql};\nCOMMIT`, params);
    const client = await tenantPool.connect();
    let broken: Error | undefined;
    // A backend terminated under a checked-out client (a restart, pg_terminate_backend) makes pg
    // emit 'error' once no query is active — after the failed one, before release — and an
    // 'error' event nobody listens to ends the process. Noted here; the client is then released broken.
    const onError = (error: Error) => void (broken ??= error);
    client.on('error', onError);
    try {
      // Several statements in one text answer one result each: BEGIN, the prelude's, then the one asked for.
      const results = (await client.query(text)) as unknown as { rows: T[] }[];
      return results[1 + prelude.length]!.rows;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
      throw error;
    } finally {
      // A broken client is destroyed by the pool and may still emit: it keeps the listener.
      if (!broken) client.removeListener('error', onError);
      client.release(broken);
    }
  };
  const timeoutStatement = (ms: number) => `SET LOCAL statement_timeout = ${ms}`;

  // Outside a request the plain reads stay on TypeORM's pool (the rollups command, VACUUM in the
  // bench); a request's reads carry its statement timeout, so they go in one message as well.
  const reader: SqlExecutor = {
    query(sql, params = []) {
      const timeoutMs = statementTimeoutMs(defaultTimeoutMs);
      if (timeoutMs === null) return dataSource.query(toPostgresPlaceholders(sql), [...params]);
      return inOneMessage([timeoutStatement(timeoutMs)], sql, params);
    },
  };
  const tenantReader = (accountId: string): SqlExecutor => ({
    query<T extends Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
      const timeoutMs = statementTimeoutMs(defaultTimeoutMs);
      const prelude = [...(timeoutMs === null ? [] : [timeoutStatement(timeoutMs)]), `SET LOCAL ROLE ${TENANT_ROLE}`, `SELECT set_config('${TENANT_SETTING}', ?, true)`];
      return inOneMessage<T>(prelude, sql, [accountId, ...params]);
    },
  });
  const autocommit: SqlExecutor = {
    query: (sql, params = []) => dataSource.query(toPostgresPlaceholders(sql), [...params]),
  };
  const typeormPool = (dataSource.driver as unknown as { master?: Pool }).master;
  const statsOf = (pool: 'typeorm' | 'tenant_reads', of: Pool | undefined): PoolStats[] =>
    of ? [{ pool, max: POOL_SETTINGS.max, total: of.totalCount, idle: of.idleCount, waiting: of.waitingCount }] : [];
  return {
    dialect: 'postgres',
    dataSource,
    reader: observed(reader, options),
    tenantReader: (accountId) => observed(tenantReader(accountId), options),
    // Not a repository's statement: the rate limit's, on nearly every request (tests that count statements do not see it).
    autocommit,
    poolStats: () => [...statsOf('typeorm', typeormPool), ...statsOf('tenant_reads', tenantPool)],
    async writeTransaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      const timeoutMs = statementTimeoutMs(defaultTimeoutMs);
      const runner = dataSource.createQueryRunner();
      await runner.connect();
      try {
        await runner.startTransaction();
        // Once per transaction: each statement may take at most the time the request had left
        // when the transaction began, and none starts once that time is up (checked below).
        if (timeoutMs !== null) await runner.query(timeoutStatement(timeoutMs));
        const tx: SqlExecutor = {
          // Structured results: TypeORM returns [rows, count] for a bare UPDATE … RETURNING otherwise.
          query: async (sql, params = []) => {
            statementTimeoutMs(defaultTimeoutMs);
            return (await runner.query(toPostgresPlaceholders(sql), [...params], true)).records;
          },
        };
        const result = await work(observed(tx, options));
        await runner.commitTransaction();
        return result;
      } catch (error) {
        if (runner.isTransactionActive) await runner.rollbackTransaction();
        throw error;
      } finally {
        await runner.release();
      }
    },
    async ping() {
      await dataSource.query('SELECT 1');
    },
    async close() {
      await tenantPool.end();
      await dataSource.destroy();
    },
  };
}
