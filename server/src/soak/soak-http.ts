/**
 * The soak's HTTP client: one GraphQL POST per attempt, every attempt's outcome counted by code,
 * and retries of what a client is told to retry (429, 502–504, network errors), honouring
 * Retry-After and resending the very same body — so the same idempotency keys. It does what
 * @creditlens/client does, but shows the harness each attempt, which the client keeps to itself.
 */

/** Codes a server may answer under the soak's faults: retried, and not failures by themselves. */
export const RETRYABLE_CODES = new Set(['DATABASE_UNAVAILABLE', 'SERVER_BUSY', 'SHUTTING_DOWN', 'RATE_LIMITED']);
const RETRY_STATUSES = new Set([429, 502, 503, 504]);
/** A request the server has not answered by then counts as a client timeout (the server's own limit is 10 s). */
export const CLIENT_TIMEOUT_MS = 20_000;

export interface Attempt {
  readonly at: number;
  readonly status: number | null;
  /** "OK", the server's error code, NETWORK_ERROR, CLIENT_TIMEOUT, or HTTP_<status>. */
  readonly code: string;
  readonly retryAfter: string | null;
  readonly message?: string;
}

export interface GraphQLAnswer<T> {
  readonly data: T | null;
  readonly errors: ReadonlyArray<{ message: string; extensions?: { code?: string } }>;
  readonly attempts: readonly Attempt[];
  /** The answer of the last attempt: OK, or why it gave up. */
  readonly code: string;
}

export interface SendOptions {
  /** Attempts in all (1 = no retry). */
  readonly attempts: number;
  /** Picks the server of each attempt (retries may go to another replica, as behind a load balancer). */
  readonly url: (attempt: number) => string;
  readonly token: string;
  /** Stop retrying after this instant (epoch ms). */
  readonly giveUpAt?: number;
  readonly onAttempt?: (attempt: Attempt, url: string) => void;
}

/** POSTs a GraphQL operation, retrying transient failures; never throws. */
export async function sendGraphQL<T>(query: string, variables: Record<string, unknown>, options: SendOptions): Promise<GraphQLAnswer<T>> {
  const body = JSON.stringify({ query, variables });
  const attempts: Attempt[] = [];
  for (let n = 1; ; n++) {
    const url = options.url(n);
    const { attempt, data, errors } = await attemptOnce<T>(`${url}/graphql`, body, options.token);
    attempts.push(attempt);
    options.onAttempt?.(attempt, url);
    const retryable = attempt.code === 'NETWORK_ERROR' || (attempt.status !== null && RETRY_STATUSES.has(attempt.status));
    if (!retryable || n >= options.attempts || (options.giveUpAt !== undefined && Date.now() >= options.giveUpAt)) {
      return { data, errors, attempts, code: attempt.code };
    }
    await sleep(backoffMs(n, attempt.retryAfter));
  }
}

async function attemptOnce<T>(url: string, body: string, token: string): Promise<{ attempt: Attempt; data: T | null; errors: GraphQLAnswer<T>['errors'] }> {
  const at = Date.now();
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body,
      signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS),
    });
    const text = await response.text();
    let parsed: { data?: T | null; errors?: GraphQLAnswer<T>['errors'] } | undefined;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const errors = parsed?.errors ?? [];
    const firstCode = errors[0]?.extensions?.code;
    const code = response.ok && errors.length === 0 && parsed?.data ? 'OK' : (firstCode ?? `HTTP_${response.status}`);
    return {
      attempt: { at, status: response.status, code, retryAfter: response.headers.get('retry-after'), ...(code === 'OK' ? {} : { message: errors[0]?.message ?? text.slice(0, 200) }) },
      data: parsed?.data ?? null,
      errors,
    };
  } catch (error) {
    // Duck-typed: under Jest, fetch's errors come from another realm and fail `instanceof Error`.
    const failure = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
    const timeout = failure.name === 'TimeoutError' || failure.name === 'AbortError';
    const message = `${failure.message ?? String(error)}${failure.cause?.message ? ` (${failure.cause.code ?? ''} ${failure.cause.message})` : ''}`;
    return { attempt: { at, status: null, code: timeout ? 'CLIENT_TIMEOUT' : 'NETWORK_ERROR', retryAfter: null, message }, data: null, errors: [] };
  }
}

/** Retry-After (seconds) when given, else exponential from 100 ms up to 2 s; full jitter on top. */
function backoffMs(attempt: number, retryAfter: string | null): number {
  const jitter = Math.random() * 250;
  const seconds = retryAfter === null ? NaN : Number(retryAfter);
  if (Number.isFinite(seconds)) return seconds * 1000 + jitter;
  return Math.min(2000, 100 * 2 ** (attempt - 1)) * Math.random() + jitter;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** GET /healthz: its status, or null when nothing answers. */
export async function health(url: string): Promise<number | null> {
  try {
    const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(8000) });
    await response.text();
    return response.status;
  } catch {
    return null;
  }
}
