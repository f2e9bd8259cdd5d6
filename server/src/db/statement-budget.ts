import { AsyncLocalStorage } from 'node:async_hooks';
import { RequestTimeoutError } from '../errors';

/**
 * How long the database may work for the code running now: a request's remaining time, carried
 * by AsyncLocalStorage from the middleware that starts it to every statement the request's
 * resolvers, loaders and routes run — without threading a deadline through every repository.
 *
 * `remainingMs()` answers the time left, or null when the request's own limit no longer applies
 * (a streamed answer whose headers are sent): its statements then get the database default.
 * Outside any budget (migrations, the rollups command, background work) no timeout is set: the
 * database server's own setting applies.
 */
export interface StatementBudget {
  remainingMs(): number | null;
}

const budgets = new AsyncLocalStorage<StatementBudget>();

/** Runs `work` (and everything it starts) under `budget`. */
export function runWithStatementBudget<T>(budget: StatementBudget, work: () => T): T {
  return budgets.run(budget, work);
}

/**
 * The statement timeout, ms, for a statement starting now: the budget's remaining time, capped
 * by `defaultMs`; `defaultMs` when the budget has no deadline any more; null outside a budget.
 * Throws RequestTimeoutError when no time is left: the statement is not started at all (a
 * timeout of 0 would mean "no timeout" to PostgreSQL).
 */
export function statementTimeoutMs(defaultMs: number): number | null {
  const budget = budgets.getStore();
  if (!budget) return null;
  const remaining = budget.remainingMs();
  if (remaining === null) return defaultMs;
  if (remaining < 1) throw new RequestTimeoutError();
  return Math.min(defaultMs, Math.floor(remaining));
}
