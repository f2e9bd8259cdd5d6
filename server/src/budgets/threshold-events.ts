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
import { crossingDedupeKey, scopeKey, type BudgetRecord } from './budget.model';
import { EVERYTHING_VISIBLE, scopesOf, sumScopes, creditsOf, type BudgetsRepository, type Crossing, type IngestBudgets } from './budgets.repository';

/** A billing period never starts more than this long before an instant it contains (31 days and a zone offset). */
const LONGEST_PERIOD_MS = 32 * 24 * 3_600_000;

/** How many accounts' running totals a process keeps (the least recently written go first). */
const ACCOUNTS_KEPT = 1_000;

/**
 * The credits of budget scopes per billing period as of one ledger version of the account: what
 * the transaction that wrote that version computed, kept so that the account's next transaction
 * adds its own entries to them instead of summing the rollups again — exact only when that next
 * transaction writes the version after it (no other writer, in this process or another, came
 * between). Keyed by totalKey().
 */
interface RunningTotals {
  readonly ledgerVersion: number;
  readonly credits: ReadonlyMap<string, bigint>;
}

export class ThresholdEvents implements RecordedUsageListener {
  private readonly runningTotals = new Map<string, RunningTotals>();

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
    const written = new Map<string, RunningTotals>();
    return {
      afterRecord: async (tx, recorded, ledgerVersions, now) => {
        for (const [accountId, entries] of byAccount(recorded)) {
          const budgets = found.get(accountId);
          const ledgerVersion = ledgerVersions.get(accountId);
          if (!budgets || ledgerVersion === undefined) continue;
          written.set(accountId, { ledgerVersion, credits: await this.checkAccount(tx, accountId, entries, budgets, ledgerVersion, now) });
        }
      },
      afterCommit: () => {
        for (const [accountId, totals] of written) {
          this.runningTotals.delete(accountId);
          this.runningTotals.set(accountId, totals);
        }
        for (const accountId of this.runningTotals.keys()) {
          if (this.runningTotals.size <= ACCOUNTS_KEPT) break;
          this.runningTotals.delete(accountId);
        }
      },
    };
  }

  /** Stores the account's new crossings and their events; answers the running totals as of `ledgerVersion`. */
  private async checkAccount(
    tx: SqlExecutor,
    accountId: string,
    entries: readonly LedgerEntry[],
    found: IngestBudgets,
    ledgerVersion: number,
    now: Date,
  ): Promise<Map<string, bigint>> {
    const kept = this.runningTotals.get(accountId);
    // Totals of the previous version still hold for every scope this batch did not touch.
    const totals = new Map(kept?.ledgerVersion === ledgerVersion - 1 ? kept.credits : []);
    const crossed = new Set(found.crossings.map(crossingKey));
    const crossings: { crossing: Crossing; budget: BudgetRecord; period: TimeWindow; credits: bigint }[] = [];
    for (const touched of touchedByPeriod(entries, found.budgets, found.timezone)) {
      const { period } = touched;
      const periodFrom = period.from.getTime();
      // A budget whose every threshold has its crossing in this period has nothing left to store: its sum is not read.
      const open = [...touched.added.keys()].filter((budget) => budget.thresholds.some((threshold) => !crossed.has(crossingKey({ budgetId: budget.id, periodFrom, threshold }))));
      const unknown = new Set(open.filter((budget) => !totals.has(totalKey(budget, period))));
      // The rollups already hold this transaction's entries: their sums are the new totals.
      const sums = unknown.size === 0 ? null : await sumScopes(tx, this.db, accountId, { from: periodFrom, to: period.to.getTime() }, EVERYTHING_VISIBLE, scopesOf([...unknown]));
      for (const budget of touched.added.keys()) {
        const key = totalKey(budget, period);
        const before = totals.get(key);
        if (before !== undefined) totals.set(key, before + touched.added.get(budget)!);
        else if (sums && unknown.has(budget)) totals.set(key, creditsOf(sums, budget));
      }
      for (const budget of open) {
        const credits = totals.get(totalKey(budget, period))!;
        for (const threshold of reachedThresholds(credits, budget.creditsPerPeriod, budget.thresholds)) {
          const crossing = { budgetId: budget.id, periodFrom, threshold };
          if (!crossed.has(crossingKey(crossing))) crossings.push({ crossing, budget, period, credits });
        }
      }
    }
    if (crossings.length > 0) {
      const inserted = new Set((await this.budgets.insertCrossings(tx, accountId, crossings.map(({ crossing }) => crossing), now)).map(crossingKey));
      const events = crossings.filter(({ crossing }) => inserted.has(crossingKey(crossing))).map((crossed) => toEvent(accountId, crossed, now));
      await storeWebhookEvents(tx, this.db.dialect, events);
    }
    return totals;
  }
}

/** A running total's key: the budget's scope (not its id: a budget replaced on its scope counts the same credits) and the period. */
function totalKey(budget: BudgetRecord, period: TimeWindow): string {
  return `${scopeKey(budget)}\u0000${period.from.getTime()}\u0000${period.to.getTime()}`;
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
 * The budgets each billing period of the entries touches, with the credits the entries add to
 * each: a budget of the account is touched by every entry, one of a workspace or campaign by the
 * entries of its scope. The period of an entry is computed only when it is not the previous
 * entry's (most batches fall in one period), and nothing per entry but map lookups: this runs
 * under the account's clock lock.
 */
function touchedByPeriod(entries: readonly LedgerEntry[], budgets: readonly BudgetRecord[], timezone: string): { period: TimeWindow; added: Map<BudgetRecord, bigint> }[] {
  const accountBudget = budgets.find((budget) => budget.workspaceId === null);
  const byWorkspace = new Map(budgets.filter((budget) => budget.workspaceId !== null && budget.campaignId === null).map((budget) => [budget.workspaceId!, budget]));
  const byCampaign = new Map(budgets.filter((budget) => budget.campaignId !== null).map((budget) => [budget.campaignId!, budget]));
  const groups = new Map<number, { period: TimeWindow; added: Map<BudgetRecord, bigint> }>();
  let group: { period: TimeWindow; added: Map<BudgetRecord, bigint> } | undefined;
  const add = (budget: BudgetRecord | undefined, credits: bigint) => {
    if (budget) group!.added.set(budget, (group!.added.get(budget) ?? 0n) + credits);
  };
  for (const entry of entries) {
    const at = entry.occurredAt.getTime();
    if (!group || at < group.period.from.getTime() || at >= group.period.to.getTime()) {
      const period = billingPeriodContaining(entry.occurredAt, timezone);
      group = groups.get(period.from.getTime()) ?? { period, added: new Map() };
      groups.set(period.from.getTime(), group);
    }
    add(accountBudget, entry.credits);
    add(byWorkspace.get(entry.workspaceId), entry.credits);
    add(entry.campaignId === null ? undefined : byCampaign.get(entry.campaignId), entry.credits);
  }
  return [...groups.values()].filter((touched) => touched.added.size > 0);
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
