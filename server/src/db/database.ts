/**
 * Opening the database, and what TypeORM does here (docs/architecture.md says the same):
 *
 * - TypeORM's DataSource runs the migrations (db/migrations/, in order, each in a transaction)
 *   and is the connection pool of the plain reads and of the write transactions, through its
 *   public API only (`query`, `createQueryRunner`, `startTransaction`). No entity is mapped:
 *   every statement is our own SQL, in the domain's repository, taking the account id first.
 * - The two hot paths keep a connection of their own: on SQLite the writes run on a native
 *   better-sqlite3 handle (one transaction at a time, prepared statements kept), and on
 *   PostgreSQL the tenant reads run on a `pg.Pool` owned here, because the row-level-security
 *   wall, the statement and the commit must go in one message of the simple query protocol,
 *   which no TypeORM API sends.
 */
import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { DatabaseLocation } from '../config';
import { inlineParameters } from './inline-parameters';
import { MIGRATIONS } from './migrations';

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
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
  readonly dataSource: DataSource;
}

export interface DatabaseOptions {
  /** Called with every statement the repositories run (tests count them to prove batching). */
  onStatement?: (sql: string) => void;
  /** Tests build the schema from migrations too; this only lets them skip the log line. */
  logMigrations?: boolean;
}

const SQLITE_BUSY_TIMEOUT_MS = 5000;
/** The PostgreSQL role and setting of the row-level-security wall (see migration 1764200000000). */
export const TENANT_ROLE = 'creditlens_tenant';
export const TENANT_SETTING = 'creditlens.account_id';

export async function openDatabase(location: DatabaseLocation, options: DatabaseOptions = {}): Promise<Database> {
  const database =
    location.kind === 'sqlite' ? await openSqlite(location.file, options) : await openPostgres(location.url, options);
  await database.dataSource.runMigrations({ transaction: 'each' });
  return database;
}

function observed(executor: SqlExecutor, onStatement: DatabaseOptions['onStatement']): SqlExecutor {
  if (!onStatement) return executor;
  return {
    query(sql, params) {
      onStatement(sql);
      return executor.query(sql, params);
    },
  };
}

/**
 * SQLite: TypeORM's connection runs migrations and reads; writes go through a second,
 * native connection, one transaction at a time. A read issued on the same connection as an
 * open write transaction would see its uncommitted rows (and hand out a snapshot that may
 * roll back), so reads and writes must not share a connection. WAL lets them run side by side.
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

  const writer = new BetterSqlite3(file, { timeout: SQLITE_BUSY_TIMEOUT_MS });
  writer.pragma('journal_mode = WAL');
  writer.pragma('foreign_keys = ON');
  writer.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  const statements = new Map<string, BetterSqlite3.Statement>();
  const writerExecutor: SqlExecutor = {
    async query<T extends Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
      let statement = statements.get(sql);
      if (!statement) {
        statement = writer.prepare(sql);
        statements.set(sql, statement);
      }
      const bound = params.map(toSqliteValue);
      if (statement.reader) return statement.all(...bound) as T[];
      statement.run(...bound);
      return [];
    },
  };
  const reader: SqlExecutor = {
    query: (sql, params = []) => dataSource.query(sql, params.map(toSqliteValue)),
  };
  const observedReader = observed(reader, options.onStatement);

  let queue: Promise<unknown> = Promise.resolve();
  return {
    dialect: 'sqlite',
    dataSource,
    reader: observedReader,
    tenantReader: () => observedReader,
    writeTransaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      // One write transaction at a time on the writer connection: they run in turn.
      const run = async (): Promise<T> => {
        writer.exec('BEGIN IMMEDIATE');
        try {
          const result = await work(observed(writerExecutor, options.onStatement));
          writer.exec('COMMIT');
          return result;
        } catch (error) {
          if (writer.inTransaction) writer.exec('ROLLBACK');
          throw error;
        }
      };
      const result = queue.then(run, run);
      queue = result.catch(() => undefined);
      return result;
    },
    async ping() {
      await dataSource.query('SELECT 1');
    },
    async close() {
      await queue;
      writer.close();
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
  const reader: SqlExecutor = {
    query: (sql, params = []) => dataSource.query(toPostgresPlaceholders(sql), [...params]),
  };
  // The wall, the statement and the commit go in one message of the simple query protocol: one
  // round trip where three were (with parameters, each statement needs its own), so the wall
  // costs no latency (docs/performance.md has the figures). The statement is always one of the
  // repositories' own; the account and its values are written in as escaped literals, by one function.
  const tenantReader = (accountId: string): SqlExecutor => ({
    async query<T extends Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
      const text = inlineParameters(
        `BEGIN READ ONLY; SET LOCAL ROLE ${TENANT_ROLE}; SELECT set_config('${TENANT_SETTING}', ?, true);
        ${sql};
        COMMIT`,
        [accountId, ...params],
      );
      const client = await tenantPool.connect();
      let broken: Error | undefined;
      // A backend terminated under a checked-out client (a restart, pg_terminate_backend) makes pg
      // emit 'error' once no query is active — after the failed one, before release — and an
      // 'error' event nobody listens to ends the process. Noted here; the client is then released broken.
      const onError = (error: Error) => void (broken ??= error);
      client.on('error', onError);
      try {
        // Several statements in one text answer one result each: BEGIN, SET, set_config, then the one asked for.
        const results = (await client.query(text)) as unknown as { rows: T[] }[];
        return results[3]!.rows;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
        throw error;
      } finally {
        // A broken client is destroyed by the pool and may still emit: it keeps the listener.
        if (!broken) client.removeListener('error', onError);
        client.release(broken);
      }
    },
  });
  return {
    dialect: 'postgres',
    dataSource,
    reader: observed(reader, options.onStatement),
    tenantReader: (accountId) => observed(tenantReader(accountId), options.onStatement),
    async writeTransaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      const runner = dataSource.createQueryRunner();
      await runner.connect();
      try {
        await runner.startTransaction();
        const tx: SqlExecutor = {
          // Structured results: TypeORM returns [rows, count] for a bare UPDATE … RETURNING otherwise.
          query: async (sql, params = []) =>
            (await runner.query(toPostgresPlaceholders(sql), [...params], true)).records,
        };
        const result = await work(observed(tx, options.onStatement));
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
