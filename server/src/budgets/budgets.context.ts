/** What the budgets resolvers read of a request's context: their slice of the joined Context (app/context.ts). */
import type { Principal } from '../access';
import type { BudgetLoaders } from './budgets.loaders';
import type { BudgetService } from './budgets.service';

export interface BudgetServices {
  readonly budgets: BudgetService;
}

export interface BudgetsContext {
  readonly principal: Principal;
  /** The request's clock: one "now" for every field of one answer. */
  readonly now: Date;
  readonly services: BudgetServices;
  readonly loaders: BudgetLoaders;
}
