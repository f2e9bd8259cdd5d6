/**
 * Limits on what one request may ask for, checked before the work starts: the size and nesting
 * of the query text (document-limits), text and nesting of the input (text-input), query depth
 * and cost, root fields, introspection shape (query-limits), time per request, and requests per
 * credential (rate limit). The numbers and their reasons are next to each default; docs/api.md
 * says which bounds each step of a request.
 */
import { DEFAULT_DOCUMENT_LIMITS, type DocumentLimits } from './document-limits.middleware';
import { DEFAULT_QUERY_LIMITS, type QueryLimits } from './query-limits';
import type { RateLimit } from './rate-limiter';
import type { Timers } from './time-limit.middleware';

export { DEFAULT_QUERY_LIMITS, queryLimitsRule, type QueryLimits } from './query-limits';
export { MEASURE_CAP, measureOperation, type CostModel, type OperationMeasure } from './query-measure';
export { DEFAULT_DOCUMENT_LIMITS, documentLimits, documentLimitViolation, type DocumentLimits, type DocumentLimitViolation } from './document-limits.middleware';
export { TokenBuckets, type RateLimit } from './rate-limiter';
export { rateLimitPerCredential } from './rate-limit.middleware';
export { inProcess, InsuredBuckets, PostgresBuckets, RedisBuckets, type InsuranceOptions, type RateLimiter, type RedisScripting } from './shared-buckets';
export { timeLimit, timedOut, type Timers } from './time-limit.middleware';
export { firstDocumentProblem, firstInputProblem, refuseUnstorableInput, type InputProblem } from './text-input.plugin';
export { DEFAULT_INGEST_ADMISSION, ingestAdmission, ingestWeight, type IngestAdmissionLimit } from './ingest-admission.middleware';

export interface HttpLimits {
  readonly document: DocumentLimits;
  readonly query: QueryLimits;
  readonly rateLimit: RateLimit;
  /** The rate limit's clock, epoch ms (tests step it by hand). */
  readonly clock: () => number;
  readonly requestTimeoutMs: number;
  /** The time limit's timers, when not the real ones (tests fire them by hand). */
  readonly timers?: Timers;
}

/**
 * Per credential (API key or embed token; never the admin key): a burst of 60, then 5 requests
 * a second. The widget sends one query per page and one per expanded row, so a user clicking
 * through every row of a big account stays inside the burst; a script recording usage in
 * batches of 10,000 entries may record 50,000 entries a second; a loop gone wrong is held to 5.
 */
export const DEFAULT_RATE_LIMIT: RateLimit = { burst: 60, perSecond: 5 };

/**
 * 10 s per request: the heaviest legitimate request (a page of 100 workspaces with campaigns,
 * or a batch of 10,000 entries) answers in well under a second; 10 s is far from that and
 * below the 30–60 s at which load balancers give up, so the caller hears it from us.
 */
export const REQUEST_TIME_LIMIT_MS = 10_000;

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  document: DEFAULT_DOCUMENT_LIMITS,
  query: DEFAULT_QUERY_LIMITS,
  rateLimit: DEFAULT_RATE_LIMIT,
  clock: Date.now,
  requestTimeoutMs: REQUEST_TIME_LIMIT_MS,
};
export { ATTACKS, sendAttack, type Attack, type AttackOutcome } from './attacks';
