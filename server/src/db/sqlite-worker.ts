import { Worker } from 'node:worker_threads';

/**
 * A worker thread that owns one better-sqlite3 connection and runs, one after another, the
 * statements it is sent: the read pool's workers (read-only connections), and database.ts's
 * writer and checkpointer, are each one of these.
 *
 * The source is plain JavaScript run with `eval`, so the same code runs from the built server and
 * under the tests' TypeScript transform, which worker threads do not get; for the same reason it
 * is sqlite-statements.ts's runner written out again (an eval'd worker cannot import it). Each
 * answer carries whether the connection is in a transaction afterwards, which the writer needs
 * to know whether a failed statement left one open.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { readonly: workerData.readonly, fileMustExist: workerData.readonly, timeout: workerData.busyTimeoutMs });
for (const pragma of workerData.pragmas) db.pragma(pragma);
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
    // run() for a statement that returns no rows: on a read-only connection SQLite refuses it if it writes.
    const rows = statement.reader ? statement.all(...params) : (statement.run(...params), []);
    parentPort.postMessage({ id, rows, ms: performance.now() - started, inTransaction: db.inTransaction });
  } catch (error) {
    parentPort.postMessage({ id, error: { message: String(error && error.message), code: error && error.code }, inTransaction: db.inTransaction });
  }
});
`;

export type Row = Record<string, unknown>;

/** A statement the worker refused: the driver's message, and its code (SQLITE_BUSY, SQLITE_CONSTRAINT_…) as better-sqlite3 gives it. */
export class SqliteWorkerError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'SqliteError';
  }
}

export interface SqliteWorkerOptions {
  readonly file: string;
  readonly readonly: boolean;
  readonly busyTimeoutMs: number;
  /** Statements kept prepared; past this many texts they are cleared in bulk. */
  readonly maxStatements: number;
  /** Run on the connection once it is open (`journal_mode = WAL`, …). */
  readonly pragmas?: readonly string[];
}

export interface SqliteWorkerAnswer {
  readonly rows: Row[];
  /** What the statement took in the worker, ms. */
  readonly ms: number;
}

export interface SqliteWorker {
  /** Runs one statement (BEGIN, COMMIT and ROLLBACK too), prepared once per text, after those sent before it. */
  run(sql: string, params: readonly unknown[]): Promise<SqliteWorkerAnswer>;
  /** The statements sent and not yet answered. */
  readonly pending: number;
  /** Whether the connection was in a transaction after the last statement answered. */
  readonly inTransaction: boolean;
  terminate(): Promise<void>;
}

/**
 * Starts the worker. An idle worker does not keep the process alive (the server's listener does);
 * one with a statement to answer does, or a command awaiting its last statement could end first.
 * A worker that dies (it cannot open the file, say) fails what it had been given, and calls
 * `onStopped` once.
 */
export function startSqliteWorker(options: SqliteWorkerOptions, onStopped: (error: Error) => void = () => undefined): SqliteWorker {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { driver: require.resolve('better-sqlite3'), pragmas: [], ...options },
  });
  const waiting = new Map<number, { resolve: (answer: SqliteWorkerAnswer) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  let inTransaction = false;
  let stopped = false;
  worker.on('message', ({ id, rows, ms, error, inTransaction: open }: { id: number; rows?: Row[]; ms?: number; error?: { message: string; code?: string }; inTransaction: boolean }) => {
    const answer = waiting.get(id);
    if (!answer) return;
    waiting.delete(id);
    inTransaction = open;
    if (waiting.size === 0) worker.unref();
    if (error) answer.reject(new SqliteWorkerError(error.message, error.code));
    else answer.resolve({ rows: rows!, ms: ms! });
  });
  const fail = (error: Error) => {
    for (const answer of waiting.values()) answer.reject(error);
    waiting.clear();
    inTransaction = false;
    if (!stopped) onStopped(error);
    stopped = true;
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the SQLite worker stopped (exit code ${code})`)));
  worker.unref();
  return {
    run(sql, params) {
      if (stopped) return Promise.reject(new Error('the SQLite worker has stopped'));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        if (waiting.size === 0) worker.ref();
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, sql, params });
      });
    },
    get pending() {
      return waiting.size;
    },
    get inTransaction() {
      return inTransaction;
    },
    async terminate() {
      stopped = true;
      await worker.terminate();
    },
  };
}
