import type { RequestHandler, Response } from 'express';
import { toHttpError, UnauthenticatedError } from '../errors';
import type { Authenticator } from './authenticate';
import type { Principal } from '../access';

/** What requireCredential established for one request. */
export interface RequestCredential {
  readonly principal: Principal;
  /** The request's clock: one "now" for authentication and every answer of the request. */
  readonly now: Date;
}

const LOCALS_KEY = 'creditlensCredential';

/**
 * Authenticates every request of the routes it guards before anything else is read (the body
 * included): no credential or a bad one is 401 with the GraphQL error shape, so nothing about
 * the API — not even its schema — answers an anonymous caller.
 */
export function requireCredential(authenticator: Authenticator, clock: () => Date = () => new Date()): RequestHandler {
  return async (req, res, next) => {
    const now = clock();
    try {
      const principal = await authenticator.authenticate(req.headers.authorization, now);
      res.locals[LOCALS_KEY] = { principal, now } satisfies RequestCredential;
      next();
    } catch (error) {
      const answer = error instanceof UnauthenticatedError ? toHttpError(error) : null;
      if (!answer) return next(error);
      res.status(answer.status).set('www-authenticate', 'Bearer').json(answer.body);
    }
  };
}

/** The credential of a request, when requireCredential established one (the request log asks of every request). */
export function credentialOf(res: Response): RequestCredential | null {
  return (res.locals[LOCALS_KEY] as RequestCredential | undefined) ?? null;
}

/** The credential of a request that went through requireCredential. */
export function requestCredential(res: Response): RequestCredential {
  const credential = credentialOf(res);
  if (!credential) throw new Error('requestCredential: the route is not guarded by requireCredential');
  return credential;
}
