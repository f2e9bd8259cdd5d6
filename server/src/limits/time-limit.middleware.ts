import type { RequestHandler, Response } from 'express';
import { runWithStatementBudget } from '../db';
import { ErrorCode, errorResponseBody } from '../errors';

/** The timer functions the limit uses; tests pass their own to fire it at will. */
export interface Timers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: Timers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

const TIMED_OUT = 'creditlensTimedOut';

/**
 * Answers 503 when a request is not answered within `ms`. The request's remaining time is the
 * statement budget of everything it runs (db/statement-budget.ts): on PostgreSQL each statement
 * gets it as its statement timeout, so the database stops working for a request nobody waits
 * for, and no statement starts once the time is up. A streamed answer (the CSV export) is exempt
 * once its headers are sent: its statements then get the database's default statement timeout.
 * A recordUsage caught by the limit may still commit, which is safe to retry because recording
 * is idempotent.
 */
export function timeLimit(ms: number, timers: Timers = realTimers, clock: () => number = Date.now): RequestHandler {
  return (_req, res, next) => {
    const deadline = clock() + ms;
    const handle = timers.set(() => {
      if (res.headersSent) return;
      res.locals[TIMED_OUT] = true;
      res
        .status(503)
        .set('retry-after', '1')
        .json(errorResponseBody(ErrorCode.REQUEST_TIMEOUT, `the request was not answered within ${ms / 1000} s and was stopped: ask for less (a shorter window, fewer fields) or retry`));
    }, ms);
    res.once('close', () => timers.clear(handle));
    runWithStatementBudget({ remainingMs: () => (timedOut(res) ? 0 : res.headersSent ? null : deadline - clock()) }, next);
  };
}

/** Whether the time limit already answered this request (a late error is then expected and dropped). */
export function timedOut(res: Response): boolean {
  return res.locals[TIMED_OUT] === true;
}
