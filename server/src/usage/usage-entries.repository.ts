import type { CreditKind } from '@creditlens/usage-math';
import { placeholdersFor, type Database } from '../db';
import { campaignCountsStatement, kindCountsStatement } from './rollup-sql';
import { NO_CAMPAIGN_KEY } from './rollups';
import type { UsageSnapshot } from './usage.model';
import { planWindow } from './window-planner';

/**
 * Which ledger entries a usageEntries connection (or entries CSV) lists: those of the snapshot
 * (window and asOf), of `workspaceIds` (null: every workspace of the account), of one campaign,
 * of none (`campaignId: null`, the No campaign row) or of any (`campaignId` undefined), and of
 * `kinds` (null: every kind).
 */
export interface EntryScope {
  readonly snapshot: UsageSnapshot;
  readonly workspaceIds: readonly string[] | null;
  readonly campaignId?: string | null;
  readonly kinds: readonly CreditKind[] | null;
}

/** A position in the listing's order: occurredAt descending, then idempotencyKey ascending (code units). */
export interface EntryPosition {
  readonly occurredAt: number;
  readonly idempotencyKey: string;
}

/** One ledger line as usageEntries lists it. */
export interface EntryRow extends EntryPosition {
  readonly recordedAt: number;
  readonly workspaceId: string;
  readonly campaignId: string | null;
  readonly kind: CreditKind;
  readonly credits: bigint;
}

/** An entry with the current names of its workspace and campaign (renames show everywhere). */
export interface NamedEntryRow extends EntryRow {
  readonly workspaceName: string;
  readonly campaign: { readonly id: string; readonly name: string; readonly archived: boolean } | null;
}

export interface EntryTotals {
  readonly count: number;
  readonly credits: bigint;
}

type EntrySqlRow = {
  idempotency_key: string;
  workspace_id: string;
  campaign_id: string | null;
  kind: CreditKind;
  credits: string;
  occurred_at: string | number;
  recorded_at: string | number;
};

/** The ledger's entries one page at a time, and the totals of the rows they explain. All SQL filtered by account_id first. */
export class UsageEntriesRepository {
  constructor(private readonly db: Database) {}

  /**
   * Up to `limit` entries after `after` in the listing's order: a backward keyset range of
   * (account_id, workspace_id, occurred_at) — no OFFSET, so a later page costs what the first
   * does — whose ties on occurred_at are sorted by key only as far as the page reaches
   * (migration 1766200000000 says why no index of its own). PostgreSQL compares the keys with
   * COLLATE "C" and SQLite with BINARY: both code-point order of UTF-8, the order of the catalog listings.
   */
  async page(scope: EntryScope, after: EntryPosition | null, limit: number): Promise<EntryRow[]> {
    const { sql, params } = this.pageSql(scope, after, limit);
    const rows = await this.db.tenantReader(scope.snapshot.accountId).query<EntrySqlRow>(sql, params);
    return rows.map(toEntryRow);
  }

  /** The same page with its workspaces' and campaigns' names, joined after the page is cut (one statement). */
  async namedPage(scope: EntryScope, after: EntryPosition | null, limit: number): Promise<NamedEntryRow[]> {
    const inner = this.pageSql(scope, after, limit);
    const accountId = scope.snapshot.accountId;
    const rows = await this.db.tenantReader(accountId).query<EntrySqlRow & { workspace_name: string; campaign_name: string | null; archived: boolean | number | null }>(
      `SELECT p.*, w.name AS workspace_name, c.name AS campaign_name, c.archived
       FROM (${inner.sql}) p
       JOIN workspaces w ON w.account_id = ? AND w.workspace_id = p.workspace_id
       LEFT JOIN campaigns c ON c.account_id = ? AND c.campaign_id = p.campaign_id
       ORDER BY p.occurred_at DESC, p.idempotency_key${this.codeUnits()}`,
      [...inner.params, accountId, accountId],
    );
    return rows.map((row) => ({
      ...toEntryRow(row),
      workspaceName: row.workspace_name,
      campaign: row.campaign_id === null ? null : { id: row.campaign_id, name: row.campaign_name ?? row.campaign_id, archived: Boolean(row.archived) },
    }));
  }

  /**
   * How many entries the scope holds and their credits, from the rollups (credits and entry
   * counts per kind for the account, per workspace, campaign and kind below it) and the ledger's
   * edges, as the row's own numbers are: one statement, never a scan of the scope's entries.
   */
  async totals(scope: EntryScope): Promise<EntryTotals> {
    if (scope.workspaceIds !== null && scope.workspaceIds.length === 0) return { count: 0, credits: 0n };
    const { snapshot } = scope;
    const reader = this.db.tenantReader(snapshot.accountId);
    const window = { from: snapshot.window.from.getTime(), to: snapshot.window.to.getTime() };
    const planned = { dialect: this.db.dialect, accountId: snapshot.accountId, plan: planWindow(window.from, window.to), window, asOf: snapshot.asOf };
    let statement;
    if (scope.workspaceIds === null && scope.campaignId === undefined) statement = kindCountsStatement({ ...planned, workspaceIds: null });
    else {
      // No campaign of every workspace: the campaign rollups, each workspace a range of its own.
      const workspaceIds =
        scope.workspaceIds ?? (await reader.query<{ workspace_id: string }>('SELECT workspace_id FROM workspaces WHERE account_id = ?', [snapshot.accountId])).map((row) => row.workspace_id);
      if (workspaceIds.length === 0) return { count: 0, credits: 0n };
      statement = campaignCountsStatement({ ...planned, workspaceIds });
    }
    const rows = await reader.query<{ campaign_key?: string; kind: CreditKind; credits: string; entry_count: string }>(statement.sql, statement.params);
    const campaignKey = scope.campaignId === undefined ? undefined : (scope.campaignId ?? NO_CAMPAIGN_KEY);
    const kinds = scope.kinds === null ? null : new Set(scope.kinds);
    let count = 0;
    let credits = 0n;
    for (const row of rows) {
      if (campaignKey !== undefined && row.campaign_key !== campaignKey) continue;
      if (kinds !== null && !kinds.has(row.kind)) continue;
      count += Number(row.entry_count);
      credits += BigInt(row.credits);
    }
    return { count, credits };
  }

  /**
   * The latest recorded_at (<= asOf) of the snapshot's entries in `workspaceIds` (null: all):
   * AccountUsage.lastRecordedAt. Read backwards along (account_id, recorded_at), which includes
   * occurred_at and workspace_id, up to the first entry in the window.
   */
  async lastRecordedAt(snapshot: UsageSnapshot, workspaceIds: readonly string[] | null): Promise<number | null> {
    if (workspaceIds !== null && workspaceIds.length === 0) return null;
    const rows = await this.db.tenantReader(snapshot.accountId).query<{ last: string | number | null }>(
      `SELECT MAX(recorded_at) AS last FROM usage_entries
       WHERE account_id = ? AND recorded_at <= ? AND occurred_at >= ? AND occurred_at < ?${workspaceIds === null ? '' : ` AND workspace_id IN (${placeholdersFor(workspaceIds.length)})`}`,
      [snapshot.accountId, snapshot.asOf, snapshot.window.from.getTime(), snapshot.window.to.getTime(), ...(workspaceIds ?? [])],
    );
    const last = rows[0]?.last;
    return last === null || last === undefined ? null : Number(last);
  }

  private codeUnits(): string {
    return this.db.dialect === 'postgres' ? ' COLLATE "C"' : '';
  }

  private pageSql(scope: EntryScope, after: EntryPosition | null, limit: number): { sql: string; params: unknown[] } {
    const { snapshot } = scope;
    // After a position inside the window, the position is the range's upper bound, never the
    // window's end beside it: SQLite keeps one upper bound per index column, and with the window's
    // it would walk every entry before the position again (a page 50,000 deep cost twice the first).
    const to = snapshot.window.to.getTime();
    const bounded = after !== null && after.occurredAt < to;
    const where = ['account_id = ?', 'occurred_at >= ?', bounded ? 'occurred_at <= ?' : 'occurred_at < ?', 'recorded_at <= ?'];
    const params: unknown[] = [snapshot.accountId, snapshot.window.from.getTime(), bounded ? after.occurredAt : to, snapshot.asOf];
    if (scope.workspaceIds !== null) {
      where.push(`workspace_id IN (${placeholdersFor(scope.workspaceIds.length)})`);
      params.push(...scope.workspaceIds);
    }
    if (scope.campaignId === null) where.push('campaign_id IS NULL');
    else if (scope.campaignId !== undefined) {
      where.push('campaign_id = ?');
      params.push(scope.campaignId);
    }
    if (scope.kinds !== null) {
      where.push(`kind IN (${placeholdersFor(scope.kinds.length)})`);
      params.push(...scope.kinds);
    }
    if (after) {
      // Ties on occurred_at are broken by the key, within the range.
      where.push(`(occurred_at < ? OR idempotency_key${this.codeUnits()} > ?)`);
      params.push(after.occurredAt, after.idempotencyKey);
    }
    params.push(limit);
    return {
      sql: `SELECT idempotency_key, workspace_id, campaign_id, kind, CAST(credits AS TEXT) AS credits, occurred_at, recorded_at
        FROM usage_entries WHERE ${where.join(' AND ')}
        ORDER BY occurred_at DESC, idempotency_key${this.codeUnits()} LIMIT ?`,
      params,
    };
  }
}

function toEntryRow(row: EntrySqlRow): EntryRow {
  return {
    idempotencyKey: row.idempotency_key,
    occurredAt: Number(row.occurred_at),
    recordedAt: Number(row.recorded_at),
    workspaceId: row.workspace_id,
    campaignId: row.campaign_id,
    kind: row.kind,
    credits: BigInt(row.credits),
  };
}
