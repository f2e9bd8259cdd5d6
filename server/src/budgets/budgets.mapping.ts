/** Budget models (exact bigint credits) to the contract's types (SafeInt numbers). */
import { toSafeInt } from '../graphql';
import type { NamedBudget } from './budget.model';
import type { Budget, BudgetStatus } from './budget.types';
import type { BudgetStatusModel } from './budgets.service';

export function toBudget(budget: NamedBudget): Budget {
  return {
    id: budget.id,
    workspace: budget.workspace ? { ...budget.workspace, accountId: budget.accountId } : null,
    campaign: budget.campaign,
    creditsPerPeriod: toSafeInt(budget.creditsPerPeriod),
    thresholds: [...budget.thresholds],
  };
}

/** A projection past SafeInt (a huge pace over the first instants of a period) is answered as null rather than failing the page. */
function safeOrNull(credits: bigint | null): number | null {
  if (credits === null || credits > BigInt(Number.MAX_SAFE_INTEGER) || credits < -BigInt(Number.MAX_SAFE_INTEGER)) return null;
  return Number(credits);
}

export function toBudgetStatus(model: BudgetStatusModel): BudgetStatus {
  return {
    budget: toBudget(model.budget),
    period: { from: model.period.from, to: model.period.to },
    used: model.used,
    crossed: [...model.crossed],
    projectedCredits: safeOrNull(model.projectedCredits),
    projectedRunOutAt: model.projectedRunOutAt === null ? null : new Date(model.projectedRunOutAt),
  };
}
