/**
 * Budgets' per-request DataLoaders: an account's budgets once per request, and the budget
 * statuses of every row of a page in one batch (BudgetService.statuses). Made per request, never
 * module globals — a cache that outlived the request could answer one tenant with another's.
 */
import DataLoader from 'dataloader';
import { snapshotKey } from '../usage';
import type { AccountBudgets, BudgetService, BudgetStatusKey, BudgetStatusModel } from './budgets.service';

export interface BudgetLoaders {
  /** An account's zone and budgets: read once per request, however many rows ask. */
  readonly accountBudgets: DataLoader<string, AccountBudgets | null>;
  /** Budget statuses of every row asked for: a bounded number of statements per (account, window, snapshot). */
  readonly budgetStatuses: DataLoader<BudgetStatusKey, BudgetStatusModel | null, string>;
}

export function createBudgetLoaders(budgets: BudgetService): BudgetLoaders {
  const accountBudgets = new DataLoader<string, AccountBudgets | null>((accountIds) => Promise.all(accountIds.map((accountId) => budgets.accountBudgets(accountId))));
  return {
    accountBudgets,
    budgetStatuses: new DataLoader((keys) => budgets.statuses(keys, (accountId) => accountBudgets.load(accountId)), {
      cacheKeyFn: (key) => `${snapshotKey(key.snapshot)}\u0000${key.now.getTime()}\u0000${key.workspaceId ?? ''}\u0000${key.campaignId ?? ''}`,
    }),
  };
}
