import { TokenRenewalError } from '../data/widget-error';

/** An embed token, or the host's function that fetches one from its backend. */
export type TokenSource = string | (() => Promise<string>);

/** Renew when this fraction of a token's lifetime (iat → exp) has passed. */
export const RENEW_AT_FRACTION = 0.8;
/** Never ask the host's function more often than this, whatever the tokens say. */
export const MIN_RENEWAL_INTERVAL_MS = 5_000;

export interface TokenClaims {
  readonly iat?: number;
  readonly exp?: number;
  /** The workspaces a workspace-scoped embed token may see (server/src/auth/embed-tokens.ts: `ws`); null for the whole account. */
  readonly ws?: readonly string[] | null;
}

/** The JWT's payload, read without verifying (the server verifies; the widget only schedules and labels). */
export function readClaims(token: string): TokenClaims | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const claims = JSON.parse(json) as unknown;
    return typeof claims === 'object' && claims !== null ? (claims as TokenClaims) : null;
  } catch {
    return null;
  }
}

/**
 * Holds the current token and decides when to ask for the next: at start, when 80 % of its
 * lifetime has passed (a timer while started, and before any request that finds it due), and
 * after the server rejects it — at most once per MIN_RENEWAL_INTERVAL_MS. Requests read the
 * token through `current()`, so a renewal changes no React state and remounts nothing: the
 * Apollo cache, the expanded rows and the scroll position stay.
 */
export class TokenKeeper {
  private source: TokenSource | undefined;
  private token: string | undefined;
  private pending: Promise<string> | undefined;
  private lastAskedAt = Number.NEGATIVE_INFINITY;
  private lastRejectionAt = Number.NEGATIVE_INFINITY;
  private waiters: Array<(token: string) => void> = [];
  private listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private started = false;
  onTokenError: ((error: TokenRenewalError) => void) | undefined;

  /** The host's `token` prop. A new function identity alone asks nothing: it is used at the next renewal. */
  setSource(source: TokenSource | undefined): void {
    this.source = source;
    if (typeof source === 'string' && source !== this.token) this.accept(source);
    else if (typeof source === 'function' && this.waiters.length > 0 && !this.pending) void this.ask().catch(() => undefined);
  }

  /** The token to send now; waits for one while the host has none yet (a `token` prop still undefined). */
  current(): Promise<string> {
    const token = this.token;
    if (token !== undefined && !(typeof this.source === 'function' && this.due(token))) return Promise.resolve(token);
    if (typeof this.source === 'function') return this.ask();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /**
   * After an UNAUTHENTICATED answer to `rejected`: true when a different token is now there to
   * retry with. Requests rejected together share one renewal; a token rejected again within
   * MIN_RENEWAL_INTERVAL_MS of the last such renewal is not renewed again (no loop against a
   * server that refuses every token).
   */
  async renewAfterRejection(rejected: string): Promise<boolean> {
    if (this.token !== undefined && this.token !== rejected) return true;
    if (typeof this.source !== 'function') return false;
    if (!this.pending) {
      if (Date.now() - this.lastRejectionAt < MIN_RENEWAL_INTERVAL_MS) return false;
      this.lastRejectionAt = Date.now();
    }
    try {
      return (await this.ask()) !== rejected;
    } catch {
      return false;
    }
  }

  /** The claims of the token in use (undefined before the first one). */
  claims(): TokenClaims | null | undefined {
    return this.token === undefined ? undefined : readClaims(this.token);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Starts the renewal timer (while the widget is mounted). */
  start(): void {
    this.started = true;
    this.schedule();
  }

  stop(): void {
    this.started = false;
    clearTimeout(this.timer);
  }

  private due(token: string): boolean {
    const at = renewalTime(token);
    return at !== null && Date.now() >= at && Date.now() - this.lastAskedAt >= MIN_RENEWAL_INTERVAL_MS;
  }

  private ask(): Promise<string> {
    if (this.pending) return this.pending;
    const source = this.source as () => Promise<string>;
    this.lastAskedAt = Date.now();
    const asked = Promise.resolve()
      .then(source)
      .then((token) => {
        if (typeof token !== 'string' || token === '') throw new Error(`the token function resolved with ${JSON.stringify(token)}, not a token`);
        this.accept(token);
        return token;
      })
      .catch((error: unknown) => {
        const failure = new TokenRenewalError(`the host's token function failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
        this.onTokenError?.(failure);
        throw failure;
      })
      .finally(() => {
        if (this.pending === asked) this.pending = undefined;
      });
    this.pending = asked;
    return asked;
  }

  private accept(token: string): void {
    this.token = token;
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve(token);
    // Listeners are React stores: tell them after the render that may have brought the token.
    queueMicrotask(() => this.listeners.forEach((listener) => listener()));
    this.schedule();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    if (!this.started || typeof this.source !== 'function' || this.token === undefined) return;
    const at = renewalTime(this.token);
    if (at === null) return;
    const delay = Math.max(at - Date.now(), this.lastAskedAt + MIN_RENEWAL_INTERVAL_MS - Date.now(), 0);
    this.timer = setTimeout(() => void this.ask().catch(() => undefined), delay);
  }
}

/** When 80 % of the token's lifetime has passed (epoch ms), or null for a token without iat/exp. */
function renewalTime(token: string): number | null {
  const claims = readClaims(token);
  if (typeof claims?.exp !== 'number' || typeof claims.iat !== 'number') return null;
  return (claims.iat + (claims.exp - claims.iat) * RENEW_AT_FRACTION) * 1000;
}

/**
 * `fetch` with `Authorization: Bearer <current token>`; on an HTTP 401 (the server's
 * UNAUTHENTICATED) it renews once and sends the same request again. Used by the GraphQL link
 * and the CSV download alike. Reads `globalThis.fetch` per call, so the host's (or a test's)
 * fetch is the one that runs.
 */
export function authorizedFetch(keeper: TokenKeeper): typeof fetch {
  return async (input, init) => {
    const send = (token: string) => {
      const headers = new Headers(init?.headers);
      headers.set('authorization', `Bearer ${token}`);
      return globalThis.fetch(input, { ...init, headers });
    };
    const token = await keeper.current();
    const response = await send(token);
    if (response.status !== 401 || !(await keeper.renewAfterRejection(token))) return response;
    return send(await keeper.current());
  };
}
