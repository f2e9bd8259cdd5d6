import BetterSqlite3 from 'better-sqlite3';
import { preparedStatementRunner } from './sqlite-statements';
import { startSqliteWorker, type Row, type SqliteWorker } from './sqlite-worker';

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
 * Each worker is sqlite-worker.ts's: a thread that runs the statements it is sent, answering the
 * rows or the error.
 */
/** Statements kept prepared per worker; the repositories' statements are a few dozen texts, the rest (lists of ids inlined) are cleared in bulk. */
const MAX_PREPARED_STATEMENTS = 500;

interface ReadWorker {
  readonly worker: SqliteWorker;
  /** The expected run time of the reads it has been given and not yet answered. */
  queuedMs: number;
}

/** What a statement not seen yet is expected to take, ms: it goes to a worker until it is known. */
const FIRST_GUESS_MS = 1;
/** Statements expected to take less than this, ms, run on the main thread (less than a worker's round trip). */
const INLINE_BELOW_MS = 0.2;
/** How much the latest run of a statement moves its expected time. */
const LATEST_WEIGHT = 0.3;

/** Runs a statement on the worker expected to be free first (database.ts's SqlExecutor, which imports this file). */
export interface SqliteReadPool {
  query<T extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export function openSqliteReadPool(file: string, { workers, busyTimeoutMs }: { workers: number; busyTimeoutMs: number }): SqliteReadPool {
  const pool: ReadWorker[] = [];
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
    // A worker that dies (it cannot open the file, say) fails what it had been given; the pool
    // goes on with the others, and with none left every read fails with the same message.
    const entry: ReadWorker = {
      worker: startSqliteWorker({ file, readonly: true, busyTimeoutMs, maxStatements: MAX_PREPARED_STATEMENTS }, () => {
        const index = pool.indexOf(entry);
        if (index >= 0) pool.splice(index, 1);
      }),
      queuedMs: 0,
    };
    pool.push(entry);
  }

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
      const worker = chosen;
      worker.queuedMs += expected;
      const settled = () => {
        worker.queuedMs = worker.worker.pending === 0 ? 0 : worker.queuedMs - expected;
      };
      return worker.worker.run(sql, params).then(
        ({ rows, ms }) => {
          settled();
          learn(sql, expected, ms);
          return rows as T[];
        },
        (error: Error) => {
          settled();
          throw error;
        },
      );
    },
    async close() {
      closed = true;
      await Promise.all(pool.map(({ worker }) => worker.terminate()));
      inline.close();
    },
  };
}
