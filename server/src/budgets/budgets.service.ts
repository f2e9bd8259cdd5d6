import { randomUUID } from 'node:crypto';
import { billingPeriodContaining, shareOf, type TimeWindow } from '@creditlens/usage-math';
import { assertCanManageBudgets, type Principal } from '../access';
import type { CatalogRepository } from '../catalog';
import type { Database } from '../db';
import { InvalidInputError, type InputProblem } from '../errors';
import { snapshotKey, type UsageSnapshot } from '../usage';
import { DEFAULT_THRESHOLDS, paceSpan, project, thresholdProblems } from './budget-math';
import type { BudgetScope, NamedBudget } from './budget.model';
import { creditsOf, scopesOf, sumScopes, type BudgetsRepository } from './budgets.repository';

export interface SetBudgetInput {
  readonly accountId: string;
  readonly workspaceId?: string | null;
  readonly campaignId?: string | null;
  readonly creditsPerPeriod: number;
  readonly thresholds?: readonly number[] | null;
}

/** The budgets of one account as a request reads them: its zone, and every budget with names. */
export interface AccountBudgets {
  readonly timezone: string;
  readonly budgets: readonly NamedBudget[];
}

/** One row asking for its budget status: its snapshot and scope, and the request's clock. */
export interface BudgetStatusKey extends BudgetScope {
  readonly snapshot: UsageSnapshot;
  readonly now: Date;
}

export interface BudgetStatusModel {
  readonly budget: NamedBudget;
  readonly period: TimeWindow;
  readonly used: number | null;
  readonly crossed: readonly number[];
  readonly projectedCredits: bigint | null;
  readonly projectedRunOutAt: number | null;
}

/** setBudget, deleteBudget, the listing, and the statuses of a page's rows. */
export class BudgetService {
  constructor(
    private readonly db: Database,
    private readonly budgets: BudgetsRepository,
    private readonly catalog: CatalogRepository,
  ) {}

  /** Validates everything first (nothing is written on bad input), then stores or replaces the scope's budget. */
  async set(principal: Principal, input: SetBudgetInput, now: Date): Promise<NamedBudget> {
    assertCanManageBudgets(principal, input.accountId);
    const thresholds = [...(input.thresholds ?? DEFAULT_THRESHOLDS)];
    const problems: InputProblem[] = [];
    if (!Number.isSafeInteger(input.creditsPerPeriod) || input.creditsPerPeriod <= 0) {
      problems.push({ field: 'input.creditsPerPeriod', message: `must be a whole number of credits greater than 0, got ${input.creditsPerPeriod}` });
    }
    problems.push(...thresholdProblems(thresholds));
    const scope = await this.scopeOf(input, problems);
    if (problems.length > 0) throw new InvalidInputError(problems);
    const id = await this.budgets.upsert(
      { accountId: input.accountId, ...scope!, creditsPerPeriod: BigInt(input.creditsPerPeriod), thresholds: thresholds.sort((a, b) => a - b) },
      `bud_${randomUUID().replace(/-/g, '')}`,
      now,
    );
    return (await this.budgets.find(input.accountId, id))!;
  }

  /** False for an id that does not exist or that the caller may not manage (the same answer). */
  async delete(principal: Principal, budgetId: string): Promise<boolean> {
    if (principal.kind === 'admin') return this.budgets.delete(budgetId, null);
    // Embed tokens and keys without USAGE_WRITE are refused; a key reaches its own account's budgets only.
    assertCanManageBudgets(principal, principal.accountId);
    return this.budgets.delete(budgetId, principal.accountId);
  }

  /** The account's zone and budgets; null when it does not exist. */
  async accountBudgets(accountId: string): Promise<AccountBudgets | null> {
    return this.budgets.listNamed(accountId);
  }

  /**
   * The budget status of many rows at once (the DataLoader batch): per group of rows sharing an
   * account, window and snapshot, a bounded number of statements — the period's sums, the pace's
   * sums (current period only) and the crossings — however many rows.
   */
  async statuses(keys: readonly BudgetStatusKey[], budgetsOf: (accountId: string) => Promise<AccountBudgets | null>): Promise<(BudgetStatusModel | null)[]> {
    const answers = new Map<BudgetStatusKey, BudgetStatusModel | null>();
    const groups = new Map<string, BudgetStatusKey[]>();
    for (const key of keys) {
      const group = `${snapshotKey(key.snapshot)}\u0000${key.now.getTime()}`;
      const members = groups.get(group);
      if (members) members.push(key);
      else groups.set(group, [key]);
    }
    for (const members of groups.values()) {
      const { snapshot, now } = members[0]!;
      const account = await budgetsOf(snapshot.accountId);
      const matched = new Map(members.map((key) => [key, account?.budgets.find((budget) => sameScope(budget, key)) ?? null]));
      const budgets = [...new Set([...matched.values()].filter((budget): budget is NamedBudget => budget !== null))];
      if (budgets.length === 0 || !account) {
        for (const key of members) answers.set(key, null);
        continue;
      }
      const statuses = await this.statusesIn(snapshot, now, account.timezone, budgets);
      for (const [key, budget] of matched) answers.set(key, budget === null ? null : statuses.get(budget)!);
    }
    return keys.map((key) => answers.get(key)!);
  }

  private async statusesIn(snapshot: UsageSnapshot, now: Date, timezone: string, budgets: readonly NamedBudget[]): Promise<Map<NamedBudget, BudgetStatusModel>> {
    const period = billingPeriodContaining(snapshot.window.from, timezone);
    const range = { from: period.from.getTime(), to: period.to.getTime() };
    const tenant = this.db.tenantReader(snapshot.accountId);
    const scopes = scopesOf(budgets);
    const soFar = await sumScopes(tenant, this.db, snapshot.accountId, range, snapshot.asOf, scopes);
    const current = billingPeriodContaining(now, timezone).from.getTime() === range.from && range.from <= snapshot.asOf && snapshot.asOf < range.to;
    const span = paceSpan(range.from, snapshot.asOf);
    const pace = current && span.from < span.to ? await sumScopes(tenant, this.db, snapshot.accountId, span, snapshot.asOf, scopes) : null;
    const crossings = await this.budgets.crossingsIn(
      snapshot.accountId,
      budgets.map((budget) => budget.id),
      range.from,
    );
    const spansPeriods = snapshot.window.to.getTime() > range.to;
    return new Map(
      budgets.map((budget) => {
        const credits = creditsOf(soFar, budget);
        const projection = current
          ? project({ period: range, asOf: snapshot.asOf, creditsSoFar: credits, paceCredits: pace ? creditsOf(pace, budget) : 0n, creditsPerPeriod: budget.creditsPerPeriod })
          : null;
        const crossed = crossings.filter((crossing) => crossing.budgetId === budget.id).map((crossing) => crossing.threshold).sort((a, b) => a - b);
        return [
          budget,
          {
            budget,
            period,
            used: spansPeriods ? null : shareOf(credits, budget.creditsPerPeriod),
            crossed,
            projectedCredits: projection?.projectedCredits ?? null,
            projectedRunOutAt: projection?.projectedRunOutAt ?? null,
          },
        ];
      }),
    );
  }

  /**
   * The scope named by the input, checked against the catalog: a workspace or campaign that is
   * unknown, of another account, or (a campaign) of another workspace gets one message for all,
   * so a key learns nothing of other accounts' ids.
   */
  private async scopeOf(input: SetBudgetInput, problems: InputProblem[]): Promise<BudgetScope | null> {
    const workspaceId = input.workspaceId ?? null;
    const campaignId = input.campaignId ?? null;
    if (!(await this.catalog.findAccount(input.accountId))) {
      problems.push({ field: 'input.accountId', message: `unknown account "${input.accountId}": upsert it first` });
      return null;
    }
    if (workspaceId !== null) {
      const [workspace] = await this.catalog.findWorkspaces([workspaceId]);
      if (!workspace || workspace.accountId !== input.accountId) {
        problems.push({ field: 'input.workspaceId', message: `unknown workspace "${workspaceId}" in account "${input.accountId}"` });
        return null;
      }
    }
    if (campaignId === null) return { workspaceId, campaignId: null };
    const [campaign] = await this.catalog.findCampaigns([campaignId]);
    if (!campaign || campaign.accountId !== input.accountId || (workspaceId !== null && campaign.workspaceId !== workspaceId)) {
      const where = workspaceId === null ? `account "${input.accountId}"` : `workspace "${workspaceId}"`;
      problems.push({ field: 'input.campaignId', message: `unknown campaign "${campaignId}" in ${where}` });
      return null;
    }
    return { workspaceId: campaign.workspaceId, campaignId };
  }
}

function sameScope(budget: BudgetScope, scope: BudgetScope): boolean {
  if (scope.campaignId !== null) return budget.campaignId === scope.campaignId;
  return budget.campaignId === null && budget.workspaceId === scope.workspaceId;
}
