import type { Request, RequestHandler } from 'express';
import { ErrorCode, errorResponseBody } from '../errors';
import { requestCredential } from './credential.middleware';

const CROSS_ORIGIN = 'creditlensCrossOrigin';

/**
 * CORS for the widget on the host's pages: only the origins in CORS_ORIGINS may call, and
 * only with embed tokens (see embedTokensOnlyCrossOrigin). Requests without an Origin header
 * (servers, scripts) and same-origin ones (the demo page) pass untouched; any other origin is
 * refused with 403 — not merely left without CORS headers — so that no work is done for it.
 */
export function corsForEmbedTokens(allowedOrigins: readonly string[]): RequestHandler {
  const allowed = new Set(allowedOrigins);
  return (req, res, next) => {
    const origin = req.headers.origin;
    if (origin === undefined || isSameOrigin(origin, req)) return next();
    res.vary('Origin');
    if (!allowed.has(origin)) {
      res.status(403).json(errorResponseBody(ErrorCode.FORBIDDEN, `requests from the origin ${JSON.stringify(origin)} are not allowed: the server lists its allowed origins in CORS_ORIGINS`));
      return;
    }
    res.set({
      'access-control-allow-origin': origin,
      'access-control-expose-headers': 'retry-after, content-disposition, x-creditlens-as-of',
    });
    if (req.method === 'OPTIONS') {
      res
        .set({
          'access-control-allow-methods': 'GET, POST',
          'access-control-allow-headers': 'authorization, content-type, apollo-require-preflight',
          'access-control-max-age': '600',
        })
        .status(204)
        .end();
      return;
    }
    res.locals[CROSS_ORIGIN] = true;
    next();
  };
}

/**
 * After requireCredential: from another origin only embed tokens are accepted. An API key or
 * the admin key in a browser is a leak waiting to happen; refusing it keeps them on servers.
 */
export const embedTokensOnlyCrossOrigin: RequestHandler = (_req, res, next) => {
  if (res.locals[CROSS_ORIGIN] !== true || requestCredential(res).principal.kind === 'embed') return next();
  res.status(403).json(errorResponseBody(ErrorCode.FORBIDDEN, 'from a browser on another origin only embed tokens are accepted: keep API keys and the admin key on servers'));
};

/**
 * Same origin means same scheme and host: a page at http://api.example must not pass for
 * https://api.example. The scheme is the one the client used — the connection's, or the
 * X-Forwarded-Proto of a TLS-terminating proxy in front. A browser cannot forge that header on a
 * cross-origin request without a preflight, and the preflight, carrying no such header, is
 * judged by its Origin alone.
 */
function isSameOrigin(origin: string, req: Request): boolean {
  try {
    const url = new URL(origin);
    return url.host === req.headers.host && url.protocol === `${requestScheme(req)}:`;
  } catch {
    return false;
  }
}

function requestScheme(req: Request): string {
  const forwarded = req.headers['x-forwarded-proto'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim().toLowerCase();
  if (first === 'https' || first === 'http') return first;
  return (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
}
