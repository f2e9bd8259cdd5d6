/** setBudget, deleteBudget, Account.budgets, and the budget field of AccountUsage, WorkspaceUsage and CampaignUsage rows. */
import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { assertCanReadAccount, visibleWorkspaces } from '../access';
import { Account } from '../catalog';
import { AccountUsage, CampaignUsage, WorkspaceUsage } from '../usage';
import { Budget, BudgetInput, BudgetStatus } from './budget.types';
import type { BudgetsContext as Context } from './budgets.context';
import { toBudget, toBudgetStatus } from './budgets.mapping';

const BUDGET_FIELD =
  "The row's budget in the billing period that contains the window's from, counted at the page's asOf; null when its scope has no budget.";

@Resolver(() => Budget)
export class BudgetsResolver {
  @Mutation(() => Budget, {
    description:
      'Sets the budget of the account, a workspace or a campaign (admin key, or an API key with USAGE_WRITE for its account). A scope with a budget has it replaced, keeping its id and stored threshold events. Stores no event itself: the next recordUsage in a period stores those already passed.',
  })
  async setBudget(@Arg('input', () => BudgetInput, { description: 'The scope, credits per period and thresholds.' }) input: BudgetInput, @Ctx() ctx: Context): Promise<Budget> {
    return toBudget(await ctx.services.budgets.set(ctx.principal, input, ctx.now));
  }

  @Mutation(() => Boolean, { description: 'Deletes a budget (its stored events stay). False for an unknown id and for one the credential may not manage.' })
  async deleteBudget(@Arg('id', () => ID, { description: 'The budget id.' }) id: string, @Ctx() ctx: Context): Promise<boolean> {
    return ctx.services.budgets.delete(ctx.principal, id);
  }
}

@Resolver(() => Account)
export class AccountBudgetsResolver {
  @FieldResolver(() => [Budget], {
    description: "The account's budgets: the account-wide one first, then workspaces', then campaigns', each by id. A workspace-scoped token sees only its workspaces' (and their campaigns').",
  })
  async budgets(@Root() account: Account, @Ctx() ctx: Context): Promise<Budget[]> {
    assertCanReadAccount(ctx.principal, account.id);
    const visible = visibleWorkspaces(ctx.principal);
    const found = await ctx.loaders.accountBudgets.load(account.id);
    return (found?.budgets ?? []).filter((budget) => visible === null || (budget.workspaceId !== null && visible.has(budget.workspaceId))).map(toBudget);
  }
}

@Resolver(() => AccountUsage)
export class AccountUsageBudgetResolver {
  @FieldResolver(() => BudgetStatus, { nullable: true, description: `${BUDGET_FIELD} The account-wide budget; null under a workspace-scoped token.` })
  async budget(@Root() usage: AccountUsage, @Ctx() ctx: Context): Promise<BudgetStatus | null> {
    if (usage.visibleWorkspaceIds !== null) return null;
    const status = await ctx.loaders.budgetStatuses.load({ snapshot: usage.snapshot, now: ctx.now, workspaceId: null, campaignId: null });
    return status && toBudgetStatus(status);
  }
}

@Resolver(() => WorkspaceUsage)
export class WorkspaceUsageBudgetResolver {
  @FieldResolver(() => BudgetStatus, { nullable: true, description: BUDGET_FIELD })
  async budget(@Root() row: WorkspaceUsage, @Ctx() ctx: Context): Promise<BudgetStatus | null> {
    const status = await ctx.loaders.budgetStatuses.load({ snapshot: row.snapshot, now: ctx.now, workspaceId: row.workspace.id, campaignId: null });
    return status && toBudgetStatus(status);
  }
}

@Resolver(() => CampaignUsage)
export class CampaignUsageBudgetResolver {
  @FieldResolver(() => BudgetStatus, { nullable: true, description: `${BUDGET_FIELD} Null on the No campaign row.` })
  async budget(@Root() row: CampaignUsage, @Ctx() ctx: Context): Promise<BudgetStatus | null> {
    if (row.campaign === null) return null;
    const status = await ctx.loaders.budgetStatuses.load({ snapshot: row.origin.snapshot, now: ctx.now, workspaceId: row.origin.workspaceId, campaignId: row.campaign.id });
    return status && toBudgetStatus(status);
  }
}
