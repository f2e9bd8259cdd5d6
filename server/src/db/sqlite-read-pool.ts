import BetterSqlite3 from 'better-sqlite3';
import { Worker } from 'node:worker_threads';
import { preparedStatementRunner } from './sqlite-statements';

/**
 * SQLite's reads, off the event loop: a few worker threads, each with its own read-only
 * better-sqlite3 connection to the database file (WAL lets them read beside the writer, each
 * statement seeing what was committed when it began, as on the main thread's connection).
 *
 * better-sqlite3 runs a statement synchronously. On the main thread every read of every request
 * then waits for every other, and a request's independent reads (a page's sums, its series, its
 * comparison, which PostgreSQL runs side by side on pooled connections) run one after another;
 * here they run on as many cores as there are workers, and the event loop keeps serving requests
 * (and the writer) while they do.
 *
 * Handing a statement to a worker and reading its answer back costs a few tenths of a
 * millisecond (a message each way, a thread woken): more than a lookup by primary key takes. So
 * the pool learns what each statement text takes, and runs those that take less than
 * INLINE_BELOW_MS on a read-only connection of the main thread, and the rest on the
 * worker expected to be free first.
 *
 * The worker's source is plain JavaScript run with `eval`, so the same code runs from the built
 * server and under the tests' TypeScript transform, which worker threads do not get. It does one
 * thing: run the statement asked for with its parameters, answering the rows or the error.
 */
// The worker's loop is sqlite-statements.ts's runner, written out again: an eval'd worker cannot import it.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { readonly: true, fileMustExist: true, timeout: workerData.busyTimeoutMs });
const statements = new Map();
parentPort.on('message', ({ id, sql, params }) => {
  try {
    let statement = statements.get(sql);
    if (!statement) {
      if (statements.size >= workerData.maxStatements) statements.clear();
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    const started = performance.now();
    // run() for a statement that returns no rows: on this read-only connection SQLite refuses it if it writes.
    const rows = statement.reader ? statement.all(...params) : (statement.run(...params), []);
    parentPort.postMessage({ id, rows, ms: performance.now() - started });
  } catch (error) {
    parentPort.postMessage({ id, error: { message: String(error && error.message), code: error && error.code } });
  }
});
`;

/** Statements kept prepared per worker; the repositories' statements are a few dozen texts, the rest (lists of ids inlined) are cleared in bulk. */
const MAX_PREPARED_STATEMENTS = 500;

type Row = Record<string, unknown>;

interface Pending {
  readonly resolve: (rows: Row[]) => void;
  readonly reject: (error: Error) => void;
  readonly sql: string;
  readonly expectedMs: number;
}

interface ReadWorker {
  readonly worker: Worker;
  readonly pending: Map<number, Pending>;
  /** The expected run time of the reads it has been given and not yet answered. */
  queuedMs: number;
}

/** What a statement not seen yet is expected to take, ms: it goes to a worker until it is known. */
const FIRST_GUESS_MS = 1;
/** Statements expected to take less than this, ms, run on the main thread (less than a worker's round trip). */
const INLINE_BELOW_MS = 0.2;
/** How much the latest run of a statement moves its expected time. */
const LATEST_WEIGHT = 0.3;

/** A read the worker refused: the driver's message, and its code (SQLITE_BUSY, SQLITE_ERROR…) as better-sqlite3 gives it. */
export class SqliteReadError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'SqliteError';
  }
}

/** Runs a statement on the worker expected to be free first (database.ts's SqlExecutor, which imports this file). */
export interface SqliteReadPool {
  query<T extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export function openSqliteReadPool(file: string, { workers, busyTimeoutMs }: { workers: number; busyTimeoutMs: number }): SqliteReadPool {
  const driver = require.resolve('better-sqlite3');
  const pool: ReadWorker[] = [];
  let nextId = 0;
  let closed = false;
  // By statement text (a page's series and its sums have the same text from one page to the next).
  const expectedMs = new Map<string, number>();
  const learn = (sql: string, expected: number, ms: number) => {
    if (expectedMs.size >= MAX_PREPARED_STATEMENTS && !expectedMs.has(sql)) expectedMs.clear();
    expectedMs.set(sql, expected + LATEST_WEIGHT * (ms - expected));
  };
  const inline = new BetterSqlite3(file, { readonly: true, fileMustExist: true, timeout: busyTimeoutMs });
  const runPrepared = preparedStatementRunner(inline, MAX_PREPARED_STATEMENTS);
  const runInline = (sql: string, params: readonly unknown[], expected: number): Row[] => {
    const started = performance.now();
    const rows = runPrepared(sql, params);
    learn(sql, expected, performance.now() - started);
    return rows;
  };
  for (let i = 0; i < workers; i++) {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, file, busyTimeoutMs, maxStatements: MAX_PREPARED_STATEMENTS } });
    const entry: ReadWorker = { worker, pending: new Map(), queuedMs: 0 };
    worker.on('message', ({ id, rows, error, ms }: { id: number; rows?: Row[]; error?: { message: string; code?: string }; ms?: number }) => {
      const waiting = entry.pending.get(id);
      if (!waiting) return;
      entry.pending.delete(id);
      entry.queuedMs = entry.pending.size === 0 ? 0 : entry.queuedMs - waiting.expectedMs;
      if (ms !== undefined) learn(waiting.sql, waiting.expectedMs, ms);
      if (entry.pending.size === 0) worker.unref();
      if (error) waiting.reject(new SqliteReadError(error.message, error.code));
      else waiting.resolve(rows!);
    });
    // A worker that dies (it cannot open the file, say) fails what it had been given; the pool
    // goes on with the others, and with none left every read fails with the same message.
    const fail = (error: Error) => {
      for (const waiting of entry.pending.values()) waiting.reject(error);
      entry.pending.clear();
      entry.queuedMs = 0;
      const index = pool.indexOf(entry);
      if (index >= 0) pool.splice(index, 1);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the SQLite read worker stopped (exit code ${code})`)));
    pool.push(entry);
  }
  // An idle worker does not keep the process alive (the server's listener does); one with a read
  // to answer does, or a command awaiting its last read could end before the answer came.
  for (const { worker } of pool) worker.unref();

  return {
    query<T extends Row = Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
      if (closed) return Promise.reject(new Error('the database is closed'));
      const expected = expectedMs.get(sql) ?? FIRST_GUESS_MS;
      if (expected < INLINE_BELOW_MS) {
        try {
          return Promise.resolve(runInline(sql, params, expected) as T[]);
        } catch (error) {
          return Promise.reject(error as Error);
        }
      }
      // The worker expected to be free first, by what each statement took the last times: a
      // page's short sums do not queue behind its long series while another worker is idle.
      let chosen = pool[0];
      if (!chosen) return Promise.reject(new Error('no SQLite read worker is running'));
      for (const entry of pool) if (entry.queuedMs < chosen.queuedMs) chosen = entry;
      const id = nextId++;
      return new Promise<T[]>((resolve, reject) => {
        if (chosen!.pending.size === 0) chosen!.worker.ref();
        chosen!.pending.set(id, { resolve: resolve as (rows: Row[]) => void, reject, sql, expectedMs: expected });
        chosen!.queuedMs += expected;
        chosen!.worker.postMessage({ id, sql, params });
      });
    },
    async close() {
      closed = true;
      await Promise.all(pool.map(({ worker }) => worker.terminate()));
      inline.close();
    },
  };
}
