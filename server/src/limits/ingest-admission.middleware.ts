import type { Request, RequestHandler } from 'express';
import { ErrorCode, errorResponseBody } from '../graphql/error-mapping';

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
  /** Batches that may wait for room; more are refused at once. */
  readonly maxWaiting: number;
  /** The longest a batch waits for room before it is refused, ms. */
  readonly maxWaitMs: number;
  /** What the refusal tells the client to wait, s. */
  readonly retryAfterSeconds: number;
}

/**
 * 20,000 entries in flight: two 10,000-entry batches or four of 5,000 — each commits in well
 * under a second on either database here, so an admitted batch finishes far inside the 10 s
 * request limit even behind the ones admitted before it. A waiting batch gives up after 3 s.
 */
export const DEFAULT_INGEST_ADMISSION: IngestAdmissionLimit = { maxEntriesInFlight: 20_000, maxWaiting: 32, maxWaitMs: 3_000, retryAfterSeconds: 2 };

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
  const waiting: Array<{ weight: number; admit: () => void }> = [];

  const admitWaiting = () => {
    while (waiting.length > 0 && fits(waiting[0]!.weight)) waiting.shift()!.admit();
  };
  const fits = (weight: number) => inFlight === 0 || inFlight + weight <= limit.maxEntriesInFlight;

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
      res.once('close', () => {
        if (released) return;
        released = true;
        inFlight -= weight;
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
