/** How many requests one credential may send: a burst at once, then a steady rate. */
export interface RateLimit {
  readonly burst: number;
  readonly perSecond: number;
}

export type RateDecision = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Token buckets by key, in this process's memory: the rate limit of a SQLite server (one
 * process), and the insurance of the shared buckets (shared-buckets.ts) while PostgreSQL or
 * Redis does not answer — each replica then counts for itself, up to n times the rate behind n
 * replicas, which still caps a runaway script or a leaked token.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    readonly limit: RateLimit,
    private readonly clock: () => number = Date.now,
    /** Least recently used buckets beyond this are forgotten (an idle bucket is full anyway). */
    private readonly maxTracked = 100_000,
  ) {}

  take(key: string): RateDecision {
    const now = this.clock();
    const previous = this.buckets.get(key);
    const elapsedSeconds = previous ? Math.max(0, now - previous.at) / 1000 : 0;
    const tokens = previous ? Math.min(this.limit.burst, previous.tokens + elapsedSeconds * this.limit.perSecond) : this.limit.burst;
    const allowed = tokens >= 1;
    // Re-inserting keeps the map in least-recently-used order for forgetting.
    this.buckets.delete(key);
    this.buckets.set(key, { tokens: allowed ? tokens - 1 : tokens, at: now });
    if (this.buckets.size > this.maxTracked) this.buckets.delete(this.buckets.keys().next().value!);
    if (allowed) return { allowed: true };
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / this.limit.perSecond)) };
  }
}
