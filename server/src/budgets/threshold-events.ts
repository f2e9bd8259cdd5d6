/**
 * Threshold events, stored in the recordUsage transaction that causes them (a transactional
 * outbox): after the entries and rollups are written, each budget whose scope got entries is
 * checked, per billing period of those entries' occurredAt, and every threshold it is now at or
 * above with no crossing yet for that period is recorded — a crossing row, then its event.
 *
 * The account's budgets and crossings are read before the transaction (`prepare`), outside the
 * account's clock lock, so that an account's writers queue behind only what must be locked: the
 * sums of the touched scopes and, when a threshold is reached, the crossings and their events.
 * Budgets count as they stood when the batch began, as if a concurrent setBudget had come just
 * after it (the next batch of the scope sees it). The sums are read inside the transaction, under
 * the lock: writers of one account run one after another (recordUsage takes the account's clock
 * lock first and holds it to commit), so they count every entry committed before and this
 * transaction's own.
 *
 * Exactly once per (budget, period, threshold), whatever the concurrency: a crossing committed
 * after the crossings were read is inserted again and refused by the crossing's primary key
 * (then the outbox's unique dedupe key), and only a crossing this transaction inserted gets an
 * event. Refunds that take a scope back below a threshold remove nothing: a later crossing of the
 * same period finds the crossing and stores no second event.
 */
import { billingPeriodContaining, type TimeWindow } from '@creditlens/usage-math';
import type { Database, SqlExecutor } from '../db';
import type { LedgerEntry, RecordedUsageListener, RecordedUsageWork } from '../usage';
import { BUDGET_THRESHOLD_CROSSED, storeWebhookEvents, type NewWebhookEvent } from '../webhooks';
import { reachedThresholds } from './budget-math';
import { crossingDedupeKey, type BudgetRecord } from './budget.model';
import { EVERYTHING_VISIBLE, scopesOf, sumScopes, creditsOf, type BudgetsRepository, type Crossing, type IngestBudgets } from './budgets.repository';

/** A billing period never starts more than this long before an instant it contains (31 days and a zone offset). */
const LONGEST_PERIOD_MS = 32 * 24 * 3_600_000;

export class ThresholdEvents implements RecordedUsageListener {
  constructor(
    private readonly db: Database,
    private readonly budgets: BudgetsRepository,
  ) {}

  async prepare(candidates: readonly LedgerEntry[]): Promise<RecordedUsageWork | null> {
    const found = new Map<string, IngestBudgets>();
    for (const [accountId, entries] of byAccount(candidates)) {
      const earliest = entries.reduce((least, entry) => Math.min(least, entry.occurredAt.getTime()), Infinity);
      const budgets = await this.budgets.budgetsForIngest(this.db.reader, accountId, earliest - LONGEST_PERIOD_MS);
      if (budgets) found.set(accountId, budgets);
    }
    if (found.size === 0) return null;
    return {
      afterRecord: async (tx, recorded, now) => {
        for (const [accountId, entries] of byAccount(recorded)) {
          const budgets = found.get(accountId);
          if (budgets) await this.checkAccount(tx, accountId, entries, budgets, now);
        }
      },
    };
  }

  private async checkAccount(tx: SqlExecutor, accountId: string, entries: readonly LedgerEntry[], found: IngestBudgets, now: Date): Promise<void> {
    const crossed = new Set(found.crossings.map(crossingKey));
    const crossings: { crossing: Crossing; budget: BudgetRecord; period: TimeWindow; credits: bigint }[] = [];
    for (const touched of touchedByPeriod(entries, found.budgets, found.timezone)) {
      const { period } = touched;
      const periodFrom = period.from.getTime();
      // A budget whose every threshold has its crossing in this period has nothing left to store: its sum is not read.
      const open = touched.budgets.filter((budget) => budget.thresholds.some((threshold) => !crossed.has(crossingKey({ budgetId: budget.id, periodFrom, threshold }))));
      if (open.length === 0) continue;
      const sums = await sumScopes(tx, this.db, accountId, { from: periodFrom, to: period.to.getTime() }, EVERYTHING_VISIBLE, scopesOf(open));
      for (const budget of open) {
        const credits = creditsOf(sums, budget);
        for (const threshold of reachedThresholds(credits, budget.creditsPerPeriod, budget.thresholds)) {
          const crossing = { budgetId: budget.id, periodFrom, threshold };
          if (!crossed.has(crossingKey(crossing))) crossings.push({ crossing, budget, period, credits });
        }
      }
    }
    if (crossings.length === 0) return;
    const inserted = new Set((await this.budgets.insertCrossings(tx, accountId, crossings.map(({ crossing }) => crossing), now)).map(crossingKey));
    const events = crossings.filter(({ crossing }) => inserted.has(crossingKey(crossing))).map((crossed) => toEvent(accountId, crossed, now));
    await storeWebhookEvents(tx, this.db.dialect, events);
  }
}

function byAccount(entries: readonly LedgerEntry[]): Map<string, LedgerEntry[]> {
  const grouped = new Map<string, LedgerEntry[]>();
  for (const entry of entries) {
    const ofAccount = grouped.get(entry.accountId);
    if (ofAccount) ofAccount.push(entry);
    else grouped.set(entry.accountId, [entry]);
  }
  return grouped;
}

function crossingKey(crossing: Crossing): string {
  return `${crossing.budgetId}\u0000${crossing.periodFrom}\u0000${crossing.threshold}`;
}

/**
 * The budgets each billing period of the entries touches: a budget of the account is touched by
 * every entry, one of a workspace or campaign by the entries of its scope. The period of an entry
 * is computed only when it is not the previous entry's (most batches fall in one period), and
 * nothing per entry but map lookups: this runs under the account's clock lock.
 */
function touchedByPeriod(entries: readonly LedgerEntry[], budgets: readonly BudgetRecord[], timezone: string): { period: TimeWindow; budgets: BudgetRecord[] }[] {
  const accountBudget = budgets.find((budget) => budget.workspaceId === null);
  const byWorkspace = new Map(budgets.filter((budget) => budget.workspaceId !== null && budget.campaignId === null).map((budget) => [budget.workspaceId!, budget]));
  const byCampaign = new Map(budgets.filter((budget) => budget.campaignId !== null).map((budget) => [budget.campaignId!, budget]));
  const groups = new Map<number, { period: TimeWindow; budgets: Set<BudgetRecord> }>();
  let group: { period: TimeWindow; budgets: Set<BudgetRecord> } | undefined;
  for (const entry of entries) {
    const at = entry.occurredAt.getTime();
    if (!group || at < group.period.from.getTime() || at >= group.period.to.getTime()) {
      const period = billingPeriodContaining(entry.occurredAt, timezone);
      group = groups.get(period.from.getTime()) ?? { period, budgets: new Set() };
      groups.set(period.from.getTime(), group);
    }
    if (accountBudget) group.budgets.add(accountBudget);
    const ofWorkspace = byWorkspace.get(entry.workspaceId);
    if (ofWorkspace) group.budgets.add(ofWorkspace);
    const ofCampaign = entry.campaignId === null ? undefined : byCampaign.get(entry.campaignId);
    if (ofCampaign) group.budgets.add(ofCampaign);
  }
  return [...groups.values()].filter((touched) => touched.budgets.size > 0).map((touched) => ({ period: touched.period, budgets: [...touched.budgets] }));
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
