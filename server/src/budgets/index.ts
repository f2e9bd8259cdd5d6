/**
 * Budgets: per billing period on the account, a workspace or a campaign (setBudget, deleteBudget,
 * Account.budgets), the budget status of usage rows (used share, crossed thresholds, projection),
 * and the threshold events stored in recordUsage's transaction (ThresholdEvents, a
 * RecordedUsageListener the composition root passes to recordUsage). Imports access/, catalog/,
 * usage/, webhooks/ and the leaves.
 */
export { reachedThresholds } from './budget-math';
export type { BudgetServices, BudgetsContext } from './budgets.context';
export { createBudgetLoaders, type BudgetLoaders } from './budgets.loaders';
export { BudgetsRepository } from './budgets.repository';
export { AccountBudgetsResolver, AccountUsageBudgetResolver, BudgetsResolver, CampaignUsageBudgetResolver, WorkspaceUsageBudgetResolver } from './budgets.resolver';
export { BudgetService, type SetBudgetInput } from './budgets.service';
export { ThresholdEvents } from './threshold-events';
