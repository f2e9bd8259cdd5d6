/** How the client retries transient failures (HTTP 429, 502, 503, 504 and network errors). */
export interface RetryOptions {
  /** Retries after the first attempt; 0 turns retrying off. Default 5. */
  readonly retries?: number;
  /** The first backoff step in ms, doubled per retry. Default 500. */
  readonly baseDelayMs?: number;
  /** Upper bound of one exponential backoff step in ms. Default 30,000. */
  readonly maxDelayMs?: number;
  /** Injected in tests; default waits with setTimeout. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Injected in tests; default Math.random. */
  readonly random?: () => number;
}

export const TRANSIENT_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

export interface RetryPolicy {
  readonly retries: number;
  /** Wait before retry number `retry` (1-based); `retryAfterMs` is what the server asked for, if anything. */
  delayMs(retry: number, retryAfterMs: number | undefined): number;
  sleep(ms: number): Promise<void>;
}

export function retryPolicy(options: RetryOptions = {}): RetryPolicy {
  const base = options.baseDelayMs ?? 500;
  const max = options.maxDelayMs ?? 30_000;
  const random = options.random ?? Math.random;
  return {
    retries: options.retries ?? 5,
    // Full jitter (a random wait up to the exponential step) keeps many clients that failed together
    // from retrying together; a server's Retry-After is a floor, with jitter on top for the same reason.
    delayMs(retry, retryAfterMs) {
      if (retryAfterMs !== undefined) return retryAfterMs + Math.round(random() * base);
      return Math.round(random() * Math.min(max, base * 2 ** (retry - 1)));
    },
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
  };
}

/** Retry-After as delta-seconds or an HTTP date, in ms from `now`; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
