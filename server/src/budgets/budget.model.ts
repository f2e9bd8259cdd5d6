/** Budgets as the domain sees them. */

/** What a budget is on: the account (both null), one workspace, or one campaign (with its workspace). */
export interface BudgetScope {
  readonly workspaceId: string | null;
  readonly campaignId: string | null;
}

export interface BudgetRecord extends BudgetScope {
  readonly id: string;
  readonly accountId: string;
  readonly creditsPerPeriod: bigint;
  /** Whole percents, ascending. */
  readonly thresholds: readonly number[];
}

/** A budget with the names of its workspace and campaign, as listings and statuses answer it. */
export interface NamedBudget extends BudgetRecord {
  readonly workspace: { readonly id: string; readonly name: string } | null;
  readonly campaign: { readonly id: string; readonly name: string; readonly archived: boolean } | null;
}

/** The unique key of a scope within its account (the column budgets.scope). */
export function scopeKey(scope: BudgetScope): string {
  if (scope.campaignId !== null) return `c:${scope.campaignId}`;
  if (scope.workspaceId !== null) return `w:${scope.workspaceId}`;
  return '';
}

/** The outbox's dedupe key of one crossing: a second event for it is never stored. */
export function crossingDedupeKey(budgetId: string, periodFrom: Date, threshold: number): string {
  return `budget:${budgetId}:${periodFrom.toISOString()}:${threshold}`;
}
