/**
 * Threshold events, stored in the recordUsage transaction that causes them (a transactional
 * outbox): after the entries and rollups are written, each budget whose scope got entries is
 * checked, per billing period of those entries' occurredAt, and every threshold it is now at or
 * above with no crossing yet for that period is recorded — a crossing row, then its event.
 *
 * Exactly once per (budget, period, threshold), whatever the concurrency: writers of one account
 * run one after another (recordUsage takes the account's clock lock first and holds it to
 * commit), so this transaction sees every crossing and every entry committed before it, and the
 * crossing's primary key (then the outbox's unique dedupe key) refuses a second one in any case.
 * Refunds that take a scope back below a threshold remove nothing: a later crossing of the same
 * period finds the crossing and stores no second event.
 */
import { billingPeriodContaining, type TimeWindow } from '@creditlens/usage-math';
import type { Database, SqlExecutor } from '../db';
import type { LedgerEntry, RecordedUsageListener } from '../usage';
import { BUDGET_THRESHOLD_CROSSED, storeWebhookEvents, type NewWebhookEvent } from '../webhooks';
import { reachedThresholds } from './budget-math';
import { crossingDedupeKey, type BudgetRecord } from './budget.model';
import { EVERYTHING_VISIBLE, scopesOf, sumScopes, creditsOf, type BudgetsRepository, type Crossing } from './budgets.repository';

/** A billing period never starts more than this long before an instant it contains (31 days and a zone offset). */
const LONGEST_PERIOD_MS = 32 * 24 * 3_600_000;

export class ThresholdEvents implements RecordedUsageListener {
  constructor(
    private readonly db: Database,
    private readonly budgets: BudgetsRepository,
  ) {}

  async afterRecord(tx: SqlExecutor, recorded: readonly LedgerEntry[], now: Date): Promise<void> {
    const byAccount = new Map<string, LedgerEntry[]>();
    for (const entry of recorded) {
      const entries = byAccount.get(entry.accountId);
      if (entries) entries.push(entry);
      else byAccount.set(entry.accountId, [entry]);
    }
    for (const [accountId, entries] of byAccount) await this.checkAccount(tx, accountId, entries, now);
  }

  private async checkAccount(tx: SqlExecutor, accountId: string, entries: readonly LedgerEntry[], now: Date): Promise<void> {
    const earliest = entries.reduce((least, entry) => Math.min(least, entry.occurredAt.getTime()), Infinity);
    const found = await this.budgets.budgetsForIngest(tx, accountId, earliest - LONGEST_PERIOD_MS);
    if (!found) return;
    const crossed = new Set(found.crossings.map(crossingKey));
    const open = openChecks(entries, found.budgets, found.timezone).filter(({ budget, period }) =>
      budget.thresholds.some((threshold) => !crossed.has(crossingKey({ budgetId: budget.id, periodFrom: period.from.getTime(), threshold }))),
    );
    const crossings: { crossing: Crossing; budget: BudgetRecord; period: TimeWindow; credits: bigint }[] = [];
    for (const { period, checks } of groupByPeriod(open)) {
      const budgets = checks.map(({ budget }) => budget);
      const sums = await sumScopes(tx, this.db, accountId, { from: period.from.getTime(), to: period.to.getTime() }, EVERYTHING_VISIBLE, scopesOf(budgets));
      for (const { budget } of checks) {
        const credits = creditsOf(sums, budget);
        for (const threshold of reachedThresholds(credits, budget.creditsPerPeriod, budget.thresholds)) {
          const crossing = { budgetId: budget.id, periodFrom: period.from.getTime(), threshold };
          if (!crossed.has(crossingKey(crossing))) crossings.push({ crossing, budget, period, credits });
        }
      }
    }
    if (crossings.length === 0) return;
    const inserted = new Set((await this.budgets.insertCrossings(tx, accountId, crossings.map(({ crossing }) => crossing), now)).map(crossingKey));
    const events = crossings.filter(({ crossing }) => inserted.has(crossingKey(crossing))).map((crossed) => toEvent(accountId, crossed, now));
    await storeWebhookEvents(tx, events);
  }
}

function crossingKey(crossing: Crossing): string {
  return `${crossing.budgetId}\u0000${crossing.periodFrom}\u0000${crossing.threshold}`;
}

/**
 * Each (budget, billing period) that the entries touch: a budget of the account is touched by
 * every entry, one of a workspace or campaign by the entries of its scope. The period of each
 * entry is found once per period, not once per entry (most batches fall in one).
 */
function openChecks(entries: readonly LedgerEntry[], budgets: readonly BudgetRecord[], timezone: string): { budget: BudgetRecord; period: TimeWindow }[] {
  const accountBudget = budgets.find((budget) => budget.workspaceId === null);
  const byWorkspace = new Map(budgets.filter((budget) => budget.workspaceId !== null && budget.campaignId === null).map((budget) => [budget.workspaceId!, budget]));
  const byCampaign = new Map(budgets.filter((budget) => budget.campaignId !== null).map((budget) => [budget.campaignId!, budget]));
  const periods: TimeWindow[] = [];
  const touched = new Map<string, { budget: BudgetRecord; period: TimeWindow }>();
  for (const entry of entries) {
    const scoped = [accountBudget, byWorkspace.get(entry.workspaceId), entry.campaignId === null ? undefined : byCampaign.get(entry.campaignId)];
    const budgetsOfEntry = scoped.filter((budget): budget is BudgetRecord => budget !== undefined);
    if (budgetsOfEntry.length === 0) continue;
    const at = entry.occurredAt.getTime();
    let period = periods.find((known) => known.from.getTime() <= at && at < known.to.getTime());
    if (!period) {
      period = billingPeriodContaining(entry.occurredAt, timezone);
      periods.push(period);
    }
    for (const budget of budgetsOfEntry) touched.set(`${budget.id}\u0000${period.from.getTime()}`, { budget, period });
  }
  return [...touched.values()];
}

function groupByPeriod(checks: readonly { budget: BudgetRecord; period: TimeWindow }[]): { period: TimeWindow; checks: { budget: BudgetRecord }[] }[] {
  const groups = new Map<number, { period: TimeWindow; checks: { budget: BudgetRecord }[] }>();
  for (const check of checks) {
    const group = groups.get(check.period.from.getTime()) ?? { period: check.period, checks: [] };
    group.checks.push(check);
    groups.set(check.period.from.getTime(), group);
  }
  return [...groups.values()];
}

/** The event as PRODUCT.md's body `data` says, instants ISO-8601. */
function toEvent(accountId: string, { crossing, budget, period, credits }: { crossing: Crossing; budget: BudgetRecord; period: TimeWindow; credits: bigint }, now: Date): NewWebhookEvent {
  return {
    accountId,
    type: BUDGET_THRESHOLD_CROSSED,
    dedupeKey: crossingDedupeKey(budget.id, period.from, crossing.threshold),
    data: {
      accountId,
      workspaceId: budget.workspaceId,
      campaignId: budget.campaignId,
      period: { from: period.from.toISOString(), to: period.to.toISOString() },
      threshold: crossing.threshold,
      credits: Number(credits),
      creditsPerPeriod: Number(budget.creditsPerPeriod),
    },
    createdAt: now,
  };
}
