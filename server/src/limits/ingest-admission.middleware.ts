import type { Request, RequestHandler } from 'express';
import { ErrorCode, errorResponseBody } from '../errors';

/**
 * How many recordUsage entries one server works on at once. A host back from an outage may send
 * hours of backlog at once (batches of 5,000, several in parallel): past this budget a batch waits
 * its turn briefly, and when the wait would be too long it is refused *before any of it is read
 * into the database* with 503 SERVER_BUSY and Retry-After — an answer the client can act on —
 * instead of queueing until the 10 s request time limit cuts it off mid-write and leaves the
 * client unsure whether it went in.
 */
export interface IngestAdmissionLimit {
  /** Entries admitted at once (sum over the batches in flight); one batch is always admitted alone. */
  readonly maxEntriesInFlight: number;
  /**
   * Admit only while the entries in flight, this batch's included, are predicted to be recorded
   * within this many ms at the recording rate measured on this server (entries per ms of the
   * recent batches, each batch's own duration: with batches waiting on each other — one account's
   * writes commit one after another, on every replica — the rate reads low, which errs safe).
   */
  readonly targetMs: number;
  /** The rate assumed before any batch was measured, entries per second. */
  readonly initialEntriesPerSecond: number;
  /** Batches that may wait for room; more are refused at once. */
  readonly maxWaiting: number;
  /** The longest a batch waits for room before it is refused, ms. */
  readonly maxWaitMs: number;
  /** What the refusal tells the client to wait, s. */
  readonly retryAfterSeconds: number;
}

/**
 * At most 10,000 entries in flight (one full batch, or two of 5,000) and no more than 4 s of
 * predicted work; a waiting batch gives up after 2.5 s. Waiting plus predicted work stays well
 * inside the 10 s request limit. The soak (`npm run soak`) found the first version of this —
 * 20,000 entries, no prediction — let 5,000-entry batches from two replicas queue on one
 * account's lock until the time limit cut them off.
 */
export const DEFAULT_INGEST_ADMISSION: IngestAdmissionLimit = {
  maxEntriesInFlight: 10_000,
  targetMs: 4_000,
  initialEntriesPerSecond: 5_000,
  maxWaiting: 32,
  maxWaitMs: 2_500,
  retryAfterSeconds: 2,
};

/** Weight of the newest sample in the measured rate. */
const RATE_SMOOTHING = 0.3;

/** The entries a parsed GraphQL request body would record: its recordUsage `entries` variable, or 1. */
export function ingestWeight(body: unknown): number {
  if (!body || typeof body !== 'object') return 0;
  const { query, variables } = body as { query?: unknown; variables?: unknown };
  if (typeof query !== 'string' || !/\brecordUsage\b/.test(query)) return 0;
  const entries = variables && typeof variables === 'object' ? (variables as { entries?: unknown }).entries : undefined;
  return Array.isArray(entries) ? Math.max(1, entries.length) : 1;
}

/** Admission of recordUsage requests by entries in flight (see IngestAdmissionLimit). Runs after the JSON body parser. */
export function ingestAdmission(limit: IngestAdmissionLimit = DEFAULT_INGEST_ADMISSION): RequestHandler & { readonly inFlight: () => number } {
  let inFlight = 0;
  /** Entries recorded per ms, measured. */
  let rate = limit.initialEntriesPerSecond / 1000;
  const waiting: Array<{ weight: number; admit: () => void }> = [];

  const admitWaiting = () => {
    while (waiting.length > 0 && fits(waiting[0]!.weight)) waiting.shift()!.admit();
  };
  const fits = (weight: number) =>
    inFlight === 0 || (inFlight + weight <= limit.maxEntriesInFlight && (inFlight + weight) / rate <= limit.targetMs);

  const refuse = (res: Parameters<RequestHandler>[1], why: string) => {
    res
      .status(503)
      .set('retry-after', String(limit.retryAfterSeconds))
      .json(
        errorResponseBody(ErrorCode.SERVER_BUSY, `this server is busy recording other batches (${why}); nothing of this batch was recorded: send it again after ${limit.retryAfterSeconds} s`, {
          retryAfterSeconds: limit.retryAfterSeconds,
        }),
      );
  };

  const handler: RequestHandler = (req: Request, res, next) => {
    const weight = ingestWeight(req.body);
    if (weight === 0) return next();
    let released = false;
    const start = () => {
      inFlight += weight;
      const admittedAt = Date.now();
      res.once('close', () => {
        if (released) return;
        released = true;
        inFlight -= weight;
        // Only answered batches measure the rate (a failure's duration says nothing about recording).
        if (res.statusCode === 200) rate = (1 - RATE_SMOOTHING) * rate + RATE_SMOOTHING * (weight / Math.max(1, Date.now() - admittedAt));
        admitWaiting();
      });
      next();
    };
    if (waiting.length === 0 && fits(weight)) return start();
    if (waiting.length >= limit.maxWaiting) return refuse(res, `${waiting.length} batches already waiting`);

    const ticket = {
      weight,
      admit: () => {
        clearTimeout(timer);
        res.off('close', abandon);
        start();
      },
    };
    const leave = () => {
      const at = waiting.indexOf(ticket);
      if (at >= 0) waiting.splice(at, 1);
      clearTimeout(timer);
      // The head of the queue may have been the one holding the others back.
      admitWaiting();
    };
    const abandon = () => leave();
    const timer = setTimeout(() => {
      leave();
      res.off('close', abandon);
      refuse(res, `no room for ${weight.toLocaleString('en-US')} more entries within ${limit.maxWaitMs / 1000} s`);
    }, limit.maxWaitMs);
    res.once('close', abandon);
    waiting.push(ticket);
  };
  return Object.assign(handler, { inFlight: () => inFlight });
}
