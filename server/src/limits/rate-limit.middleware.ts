import type { RequestHandler } from 'express';
import { requestCredential } from '../auth';
import { credentialId } from '../access';
import { ErrorCode, errorResponseBody } from '../errors';
import type { RateLimiter } from './shared-buckets';

/**
 * 429 with Retry-After once a credential has used its requests; the admin key (the host's own
 * backend) is never throttled. Runs after requireCredential and before the body is parsed.
 * The buckets are the process's own (SQLite) or shared by every replica (shared-buckets.ts).
 */
export function rateLimitPerCredential(buckets: RateLimiter): RequestHandler {
  return async (_req, res, next) => {
    const id = credentialId(requestCredential(res).principal);
    if (id === null) return next();
    const decision = await buckets.take(id);
    if (decision.allowed) return next();
    const { burst, perSecond } = buckets.limit;
    res
      .status(429)
      .set('retry-after', String(decision.retryAfterSeconds))
      .json(
        errorResponseBody(
          ErrorCode.RATE_LIMITED,
          `too many requests with this credential (at most ${burst} at once, then ${perSecond} per second): retry after ${decision.retryAfterSeconds} s`,
          { retryAfterSeconds: decision.retryAfterSeconds },
        ),
      );
  };
}
