/**
 * Which failures mean "the database is away for now" (restarting, unreachable, refusing
 * connections, too busy to take the statement) rather than "this request is wrong" or "a bug".
 *
 * Those are answered HTTP 503 with Retry-After and the code DATABASE_UNAVAILABLE (see
 * error-answers.ts), so a client retries the same request — safe for recordUsage,
 * which is atomic and idempotent — instead of reading a 500 as a verdict. Everything else
 * stays an internal error.
 */

/** What a client is told to wait before retrying, in seconds: a PostgreSQL restart takes about this long. */
export const DATABASE_RETRY_AFTER_SECONDS = 2;

/** Node's socket errors of a connection that could not be made or was cut. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTCONN', 'EAI_AGAIN']);

/**
 * PostgreSQL SQLSTATEs: class 08 (connection exception), 57P01 admin_shutdown (the server
 * terminated the session: restart, pg_terminate_backend), 57P02 crash_shutdown, 57P03
 * cannot_connect_now (starting up or shutting down), 53300 too_many_connections.
 */
const POSTGRES_CODES = new Set(['08000', '08001', '08003', '08004', '08006', '08007', '57P01', '57P02', '57P03', '53300']);

/** SQLite's "another connection holds the lock" codes (extended codes start with these). */
const SQLITE_BUSY_PREFIXES = ['SQLITE_BUSY', 'SQLITE_LOCKED'];

/** Messages of node-postgres and pg-pool that carry no code. */
const MESSAGES = [
  /Connection terminated/i, // "Connection terminated unexpectedly", "… due to connection timeout"
  /timeout exceeded when trying to connect/i, // pg-pool: no connection within connectionTimeoutMillis
  /Client has encountered a connection error and is not queryable/i,
  /Client was closed and is not queryable/i,
  /Cannot use a pool after calling end on the pool/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /database "[^"]*" is not currently accepting connections/i, // ALTER DATABASE … ALLOW_CONNECTIONS false
  /terminating connection due to administrator command/i,
];

/** True when `error` (or an error it wraps) says the database is unreachable or restarting. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const visit = (candidate: unknown, depth: number): boolean => {
    if (candidate === null || typeof candidate !== 'object' || seen.has(candidate) || depth > 5) return false;
    seen.add(candidate);
    const { code, message } = candidate as { code?: unknown; message?: unknown };
    if (typeof code === 'string') {
      if (NETWORK_CODES.has(code) || POSTGRES_CODES.has(code)) return true;
      if (SQLITE_BUSY_PREFIXES.some((prefix) => code.startsWith(prefix))) return true;
    }
    if (typeof message === 'string' && MESSAGES.some((pattern) => pattern.test(message))) return true;
    // TypeORM releases a query runner whose connection emitted an error (the server terminated it
    // between two statements of a transaction); the transaction's next statement then fails with
    // this instead of the connection's error. Our runners are only used inside their own scope, so
    // here it always means "the connection broke" — and the server rolled the transaction back.
    if ((candidate as { name?: unknown }).name === 'QueryRunnerAlreadyReleasedError') return true;
    // TypeORM's QueryFailedError keeps the driver's error; Node's fetch/net keep a cause;
    // AggregateError (a host with several addresses) keeps one error per address; GraphQL keeps originalError.
    const wrapped = candidate as { driverError?: unknown; cause?: unknown; originalError?: unknown; errors?: unknown };
    const inner: unknown[] = [wrapped.driverError, wrapped.cause, wrapped.originalError, ...(Array.isArray(wrapped.errors) ? wrapped.errors : [])];
    return inner.some((next) => visit(next, depth + 1));
  };
  return visit(error, 0);
}

/** The message a client reads with the 503: what happened, what to do, and that retrying is safe. */
export const DATABASE_UNAVAILABLE_MESSAGE =
  `the database is not answering right now (restarting or unreachable): retry the same request after ${DATABASE_RETRY_AFTER_SECONDS} s; ` +
  'a recordUsage batch is atomic and idempotent, so resending it never counts an entry twice';
