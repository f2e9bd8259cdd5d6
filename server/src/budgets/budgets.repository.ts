import { bulkRows, placeholdersFor, readInChunks, type BulkColumnType, type Database, type SqlExecutor } from '../db';
import { campaignSumsStatement, pageSumsStatement, planWindow } from '../usage';
import { scopeKey, type BudgetRecord, type BudgetScope, type NamedBudget } from './budget.model';

type BudgetRow = {
  account_id: string;
  budget_id: string;
  workspace_id: string | null;
  campaign_id: string | null;
  credits_per_period: string;
  thresholds: string;
};

type NamedBudgetRow = BudgetRow & { workspace_name: string | null; campaign_name: string | null; campaign_archived: boolean | number | null };

/** One crossing: a (budget, billing period, threshold) whose event is stored. */
export interface Crossing {
  readonly budgetId: string;
  /** The billing period's first instant, epoch ms. */
  readonly periodFrom: number;
  readonly threshold: number;
}

const BUDGET_COLUMNS = 'b.account_id, b.budget_id, b.scope, b.workspace_id, b.campaign_id, CAST(b.credits_per_period AS TEXT) AS credits_per_period, b.thresholds';
const NAMED_BUDGETS = `SELECT ${BUDGET_COLUMNS}, w.name AS workspace_name, c.name AS campaign_name, c.archived AS campaign_archived
  FROM budgets b
  LEFT JOIN workspaces w ON w.account_id = b.account_id AND w.workspace_id = b.workspace_id
  LEFT JOIN campaigns c ON c.account_id = b.account_id AND c.campaign_id = b.campaign_id`;
/** Account first, then workspaces, then campaigns, each by id in code-unit order (PostgreSQL: the "C" collation). */
const SCOPE_ORDER = 'ORDER BY CASE WHEN b.campaign_id IS NOT NULL THEN 2 WHEN b.workspace_id IS NOT NULL THEN 1 ELSE 0 END, b.scope';

/** Which scopes' credits to sum: the account's, some workspaces', the campaigns of some workspaces. */
export interface ScopesToSum {
  readonly account: boolean;
  readonly workspaceIds: readonly string[];
  /** The workspaces whose campaigns have budgets to sum. */
  readonly campaignWorkspaceIds: readonly string[];
}

/** Credits per scope in one window and snapshot. */
export interface ScopeCredits {
  readonly account: bigint;
  readonly workspaces: ReadonlyMap<string, bigint>;
  readonly campaigns: ReadonlyMap<string, bigint>;
}

/** What recordUsage's threshold check reads of an account before its transaction. */
export interface IngestBudgets {
  readonly timezone: string;
  readonly budgets: readonly BudgetRecord[];
  readonly crossings: readonly Crossing[];
}

/** The snapshot that counts everything `tx` sees: its own entries and every committed one. */
export const EVERYTHING_VISIBLE = Number.MAX_SAFE_INTEGER;

/** All SQL about budgets and their crossings. Every statement is filtered by account_id first. */
/** account_id, budget_id, period_from, threshold, crossed_at. */
const CROSSING_COLUMN_TYPES: readonly BulkColumnType[] = ['text', 'text', 'bigint', 'bigint', 'bigint'];

export class BudgetsRepository {
  constructor(private readonly db: Database) {}

  /**
   * Stores the budget of its scope: a new one with `newId`, or, when the scope has one, replaces
   * its credits and thresholds in place (one statement, so two racing setBudget calls on one
   * scope leave one row); answers the id kept.
   */
  async upsert(budget: Omit<BudgetRecord, 'id'>, newId: string, now: Date): Promise<string> {
    const rows = await this.db.writeTransaction((tx) =>
      tx.query<{ budget_id: string }>(
        `INSERT INTO budgets (account_id, budget_id, scope, workspace_id, campaign_id, credits_per_period, thresholds, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, CAST(? AS BIGINT), ?, ?, ?)
         ON CONFLICT (account_id, scope) DO UPDATE SET credits_per_period = excluded.credits_per_period, thresholds = excluded.thresholds, updated_at = excluded.updated_at
         RETURNING budget_id`,
        [
          budget.accountId,
          newId,
          scopeKey(budget),
          budget.workspaceId,
          budget.campaignId,
          budget.creditsPerPeriod.toString(),
          budget.thresholds.join(','),
          now.getTime(),
          now.getTime(),
        ],
      ),
    );
    return rows[0]!.budget_id;
  }

  /** Deletes a budget and its crossings (its stored events stay in the outbox); `accountId` null: any account (the admin key). */
  async delete(budgetId: string, accountId: string | null): Promise<boolean> {
    return this.db.writeTransaction(async (tx) => {
      const owned = accountId === null ? '' : ' AND account_id = ?';
      const rows = await tx.query<{ account_id: string }>(`DELETE FROM budgets WHERE budget_id = ?${owned} RETURNING account_id`, [budgetId, ...(accountId === null ? [] : [accountId])]);
      if (rows.length === 0) return false;
      await tx.query('DELETE FROM budget_crossings WHERE account_id = ? AND budget_id = ?', [rows[0]!.account_id, budgetId]);
      return true;
    });
  }

  async find(accountId: string, budgetId: string): Promise<NamedBudget | null> {
    const rows = await this.db.tenantReader(accountId).query<NamedBudgetRow>(`${NAMED_BUDGETS} WHERE b.account_id = ? AND b.budget_id = ?`, [accountId, budgetId]);
    return rows[0] ? toNamedBudget(rows[0]) : null;
  }

  /**
   * The account's time zone and every budget of it with its names (the account's first, then
   * workspaces', then campaigns'), in one statement; null when the account does not exist.
   */
  async listNamed(accountId: string): Promise<{ timezone: string; budgets: NamedBudget[] } | null> {
    const collate = this.db.dialect === 'postgres' ? ' COLLATE "C"' : '';
    const rows = await this.db.tenantReader(accountId).query<{ timezone: string } & { [K in keyof NamedBudgetRow]: NamedBudgetRow[K] | null }>(
      `SELECT a.timezone, n.* FROM accounts a
       LEFT JOIN (${NAMED_BUDGETS} WHERE b.account_id = ?) n ON n.account_id = a.account_id
       WHERE a.account_id = ?
       ${SCOPE_ORDER.replace(/\bb\./g, 'n.')}${collate}`,
      [accountId, accountId],
    );
    if (rows.length === 0) return null;
    return { timezone: rows[0]!.timezone, budgets: rows.filter((row) => row.budget_id !== null).map((row) => toNamedBudget(row as NamedBudgetRow)) };
  }

  /** The crossings of some budgets in one billing period. */
  async crossingsIn(accountId: string, budgetIds: readonly string[], periodFrom: number): Promise<Crossing[]> {
    return readInChunks(budgetIds, async (chunk) => {
      const rows = await this.db.tenantReader(accountId).query<{ budget_id: string; threshold: number | string }>(
        `SELECT budget_id, threshold FROM budget_crossings WHERE account_id = ? AND budget_id IN (${placeholdersFor(chunk.length)}) AND period_from = ?`,
        [accountId, ...chunk, periodFrom],
      );
      return rows.map((row) => ({ budgetId: row.budget_id, periodFrom, threshold: Number(row.threshold) }));
    });
  }

  /**
   * Before a recordUsage transaction: the account's time zone, its budgets and their crossings of
   * periods starting at or after `sincePeriodFrom`, in one statement — no rows at all when the
   * account has no budget, which is all an account without budgets pays.
   */
  async budgetsForIngest(executor: SqlExecutor, accountId: string, sincePeriodFrom: number): Promise<IngestBudgets | null> {
    const rows = await executor.query<BudgetRow & { timezone: string; period_from: string | number | null; threshold: string | number | null }>(
      `SELECT ${BUDGET_COLUMNS}, a.timezone, x.period_from, x.threshold
       FROM budgets b
       JOIN accounts a ON a.account_id = b.account_id
       LEFT JOIN budget_crossings x ON x.account_id = b.account_id AND x.budget_id = b.budget_id AND x.period_from >= ?
       WHERE b.account_id = ?`,
      [sincePeriodFrom, accountId],
    );
    if (rows.length === 0) return null;
    const budgets = new Map<string, BudgetRecord>();
    const crossings: Crossing[] = [];
    for (const row of rows) {
      if (!budgets.has(row.budget_id)) budgets.set(row.budget_id, toBudget(row));
      if (row.period_from !== null) crossings.push({ budgetId: row.budget_id, periodFrom: Number(row.period_from), threshold: Number(row.threshold) });
    }
    return { timezone: rows[0]!.timezone, budgets: [...budgets.values()], crossings };
  }

  /** Records crossings in the caller's transaction; answers, in their order, those that were not recorded yet (the others are skipped). */
  async insertCrossings(tx: SqlExecutor, accountId: string, crossings: readonly Crossing[], now: Date): Promise<Crossing[]> {
    const keyOf = (budgetId: string, periodFrom: number, threshold: number) => `${budgetId}\u0000${periodFrom}\u0000${threshold}`;
    const rows = crossings.map((crossing) => [accountId, crossing.budgetId, crossing.periodFrom, crossing.threshold, now.getTime()]);
    const recorded = new Set<string>();
    for (const chunk of bulkRows(this.db.dialect, CROSSING_COLUMN_TYPES, rows)) {
      const returned = await tx.query<{ budget_id: string; period_from: unknown; threshold: unknown }>(
        `INSERT INTO budget_crossings (account_id, budget_id, period_from, threshold, crossed_at) ${chunk.sql}
         ON CONFLICT (account_id, budget_id, period_from, threshold) DO NOTHING RETURNING budget_id, period_from, threshold`,
        chunk.params,
      );
      for (const row of returned) recorded.add(keyOf(row.budget_id, Number(row.period_from), Number(row.threshold)));
    }
    // A crossing listed twice is recorded once: `delete` answers it for its first listing only.
    return crossings.filter((crossing) => recorded.delete(keyOf(crossing.budgetId, crossing.periodFrom, crossing.threshold)));
  }
}

/**
 * The credits of some scopes in a window, counted as of `asOf`, from the rollups (usage's statement
 * builders: whole months, days and hours from the rollup tables, the edges from the ledger): one
 * statement for the account and workspaces, one for campaigns, however many scopes. `executor` is
 * a tenant read or recordUsage's transaction, which sees its own entries and rollups.
 */
export async function sumScopes(executor: SqlExecutor, db: Database, accountId: string, window: { from: number; to: number }, asOf: number, scopes: ScopesToSum): Promise<ScopeCredits> {
  const planned = { dialect: db.dialect, accountId, plan: planWindow(window.from, window.to), window, asOf };
  let account = 0n;
  const workspaces = new Map<string, bigint>();
  const campaigns = new Map<string, bigint>();
  if (scopes.account || scopes.workspaceIds.length > 0) {
    const statement = pageSumsStatement({ ...planned, workspaceIds: scopes.account ? null : [...new Set(scopes.workspaceIds)] });
    const rows = await executor.query<{ level: string; sum_key: string; credits: string }>(statement.sql, statement.params);
    for (const row of rows) {
      if (row.level === 'workspace') workspaces.set(row.sum_key, BigInt(row.credits));
      else account += BigInt(row.credits);
    }
  }
  if (scopes.campaignWorkspaceIds.length > 0) {
    const statement = campaignSumsStatement({ ...planned, workspaceIds: [...new Set(scopes.campaignWorkspaceIds)] });
    const rows = await executor.query<{ campaign_key: string; credits: string }>(statement.sql, statement.params);
    for (const row of rows) campaigns.set(row.campaign_key, (campaigns.get(row.campaign_key) ?? 0n) + BigInt(row.credits));
  }
  return { account, workspaces, campaigns };
}

/** What to sum for some budgets' scopes. */
export function scopesOf(budgets: readonly BudgetScope[]): ScopesToSum {
  return {
    account: budgets.some((budget) => budget.workspaceId === null),
    workspaceIds: budgets.flatMap((budget) => (budget.workspaceId !== null && budget.campaignId === null ? [budget.workspaceId] : [])),
    campaignWorkspaceIds: budgets.flatMap((budget) => (budget.campaignId !== null ? [budget.workspaceId!] : [])),
  };
}

/** The credits of a budget's scope among sums. */
export function creditsOf(sums: ScopeCredits, budget: BudgetScope): bigint {
  if (budget.campaignId !== null) return sums.campaigns.get(budget.campaignId) ?? 0n;
  if (budget.workspaceId !== null) return sums.workspaces.get(budget.workspaceId) ?? 0n;
  return sums.account;
}

function toBudget(row: BudgetRow): BudgetRecord {
  return {
    id: row.budget_id,
    accountId: row.account_id,
    workspaceId: row.workspace_id,
    campaignId: row.campaign_id,
    creditsPerPeriod: BigInt(row.credits_per_period),
    thresholds: row.thresholds === '' ? [] : row.thresholds.split(',').map(Number),
  };
}

function toNamedBudget(row: NamedBudgetRow): NamedBudget {
  return {
    ...toBudget(row),
    workspace: row.workspace_id === null ? null : { id: row.workspace_id, name: row.workspace_name ?? row.workspace_id },
    campaign: row.campaign_id === null ? null : { id: row.campaign_id, name: row.campaign_name ?? row.campaign_id, archived: Boolean(row.campaign_archived) },
  };
}
