/** What the host's own backend (server.mjs) tells its page: where Creditlens is, and a token for it. */
export interface EmbedSession {
  /** The Creditlens GraphQL URL, on another origin than this page. */
  readonly endpoint: string;
  /** The signed-in user's account in the host platform (ids are the host's own). */
  readonly accountId: string;
  /** A short-lived read-only embed token, minted server side with the admin key. */
  readonly token: string;
  readonly expiresAt: string;
}

export const EMBED_SESSION_PATH = '/api/creditlens/embed-token';

/** Asks the host's backend for an embed session; the admin key never reaches the browser. */
export async function fetchEmbedSession(options: { signal?: AbortSignal; ttlSeconds?: number } = {}): Promise<EmbedSession> {
  const url = options.ttlSeconds === undefined ? EMBED_SESSION_PATH : `${EMBED_SESSION_PATH}?ttlSeconds=${options.ttlSeconds}`;
  const response = await fetch(url, { signal: options.signal, headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`${EMBED_SESSION_PATH} answered HTTP ${response.status}: ${await response.text()}`);
  return (await response.json()) as EmbedSession;
}

/**
 * The widget's `token` function: the session's own token first, then a fresh one from the host's
 * backend each time the widget asks (before the current one expires, or after an UNAUTHENTICATED
 * answer), so a page left open keeps working with no reload.
 */
export function embedTokenSource(session: EmbedSession, ttlSeconds?: number): () => Promise<string> {
  let unused: string | undefined = session.token;
  return async () => {
    const token = unused;
    unused = undefined;
    return token ?? (await fetchEmbedSession({ ttlSeconds })).token;
  };
}
