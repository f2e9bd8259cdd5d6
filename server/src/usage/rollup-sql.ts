/** The rollup SQL builder: turns a planned window (window-planner.ts) into the one statement that sums it from the rollup tables and the ledger. */
import { placeholdersFor } from '../db';
import type { Dialect } from '../db';
import type { GrainName, MsRange, WindowPlan } from './window-planner';
import {
  CAMPAIGN_DAYS,
  CAMPAIGN_HOURS,
  CAMPAIGN_MONTHS,
  KIND_DAYS,
  KIND_HOURS,
  KIND_MONTHS,
  keyColumn,
  WORKSPACE_DAYS,
  WORKSPACE_HOURS,
  WORKSPACE_MONTHS,
  type RollupTable,
} from './rollups';

/**
 * SQL that answers usage sums from the rollups, exactly: one statement (so one database
 * snapshot) that adds up, or takes away, the planned ranges of whole months, days and hours from
 * the rollups and of unaligned minutes from the ledger, then takes away entries recorded after
 * asOf. Every arm is a range scan on an index that starts with account_id.
 */
export interface Statement {
  readonly sql: string;
  readonly params: unknown[];
}

/** One grouping of the sums: which rollups hold it, and its columns. */
interface Grouping {
  readonly rollups: Readonly<Record<GrainName, RollupTable>>;
  readonly columns: string;
}

const WORKSPACE_ROLLUPS = { month: WORKSPACE_MONTHS, day: WORKSPACE_DAYS, hour: WORKSPACE_HOURS };
const KIND_ROLLUPS = { month: KIND_MONTHS, day: KIND_DAYS, hour: KIND_HOURS };
const CAMPAIGN_ROLLUPS = { month: CAMPAIGN_MONTHS, day: CAMPAIGN_DAYS, hour: CAMPAIGN_HOURS };

const BY_WORKSPACE: Grouping = { rollups: WORKSPACE_ROLLUPS, columns: 'workspace_id' };
const BY_KIND: Grouping = { rollups: KIND_ROLLUPS, columns: 'kind' };
/** A workspace-scoped caller's kinds: from the campaign rollups, which are keyed by workspace first. */
const BY_KIND_OF_WORKSPACES: Grouping = { rollups: CAMPAIGN_ROLLUPS, columns: 'kind' };
/** Each workspace's kinds (WorkspaceUsage.byKind): from the campaign rollups, keyed by workspace first. */
const BY_WORKSPACE_KIND: Grouping = { rollups: CAMPAIGN_ROLLUPS, columns: 'workspace_id, kind' };
const BY_CAMPAIGN: Grouping = {
  rollups: CAMPAIGN_ROLLUPS,
  columns: 'workspace_id, campaign_key, kind',
};

/** What the ledger's part of a statement is summed by: every column its groupings read. */
type LedgerKey = RollupTable['keys'][number];

interface PlannedSnapshot {
  readonly dialect: Dialect;
  readonly accountId: string;
  readonly plan: WindowPlan;
  readonly window: MsRange;
  readonly asOf: number;
  readonly workspaceIds: readonly string[] | null;
}

/** The snapshot's workspace test on `column` (its parameters are the workspace ids), or nothing for every workspace. */
function inWorkspaces(snapshot: PlannedSnapshot, column = 'workspace_id'): string {
  return snapshot.workspaceIds === null ? '' : ` AND ${column} IN (${placeholdersFor(snapshot.workspaceIds.length)})`;
}

/**
 * Everything the statement reads from the ledger itself, summed once by `keys` (every column its
 * groupings read): the planned ledger ranges (unaligned minutes at the window's edges), added or
 * taken away, and the window's entries recorded after asOf, taken away — the ranges count
 * everything committed. Summed here, a page reads its edges once for both of its groupings
 * rather than once each, and the entries of the edges become one sum per (workspace, kind)
 * before any grouping sorts them (docs/performance.md).
 *
 * "Recorded after asOf" is read through indexes that cover the summed columns: (account_id,
 * recorded_at) for every workspace (the page), and on PostgreSQL (account_id, workspace_id,
 * recorded_at) for some (the expand reads its workspace's late entries only, not the account's;
 * see migration 1764800000000).
 * SQLite has only the first: there the workspace test is kept from choosing an index
 * (`+workspace_id`), since the row estimate of `recorded_at > asOf` is often far too high (it
 * reads as a share of every account's entries) and with it SQLite read all of a workspace's
 * entries through (account, workspace, time). The arm runs only when the
 * account's clock, as this statement sees it, is past asOf: every entry a statement can see was
 * committed with a clock no later than the one it sees (writes move the clock in their own
 * transaction, one at a time), so otherwise there is nothing to take away — the usual case, a
 * page read as of now and expanded soon after.
 */
function ledgerSums(snapshot: PlannedSnapshot, keys: readonly LedgerKey[]): Statement {
  const scope = snapshot.workspaceIds ?? [];
  const columns = keys.map(keyColumn).join(', ');
  const arms: string[] = [];
  const params: unknown[] = [];
  for (const range of snapshot.plan.ranges) {
    if (range.source !== 'ledger') continue;
    const [credits, count] = range.sign === 1 ? ['credits', '1'] : ['-credits', '-1'];
    arms.push(`SELECT ${columns}, ${credits} AS credits, ${count} AS entry_count FROM usage_entries
      WHERE account_id = ? AND occurred_at >= ? AND occurred_at < ?${inWorkspaces(snapshot)}`);
    params.push(snapshot.accountId, range.from, range.to, ...scope);
  }
  arms.push(`SELECT ${columns}, -credits AS credits, -1 AS entry_count FROM usage_entries
      WHERE account_id = ? AND recorded_at > ? AND occurred_at >= ? AND occurred_at < ?${inWorkspaces(snapshot, snapshot.dialect === 'sqlite' ? '+workspace_id' : 'workspace_id')}
        AND EXISTS (SELECT 1 FROM accounts WHERE account_id = ? AND ledger_clock > ?)`);
  params.push(snapshot.accountId, snapshot.asOf, snapshot.window.from, snapshot.window.to, ...scope, snapshot.accountId, snapshot.asOf);
  return {
    sql: `WITH ledger AS MATERIALIZED (
      SELECT ${keys.join(', ')}, CAST(SUM(credits) AS BIGINT) AS credits, SUM(entry_count) AS entry_count
      FROM (${arms.join('\n UNION ALL ')}) l
      GROUP BY ${keys.join(', ')}
    )`,
    params,
  };
}

/** The sums of one grouping: its rollup ranges and the `ledger` sums, as a SELECT … GROUP BY. */
function sums(grouping: Grouping, snapshot: PlannedSnapshot, select: string): Statement {
  const arms: string[] = [];
  const params: unknown[] = [];
  for (const range of snapshot.plan.ranges) {
    if (range.source === 'ledger') continue;
    const [credits, count] = range.sign === 1 ? ['credits', 'entry_count'] : ['-credits AS credits', '-entry_count AS entry_count'];
    arms.push(`SELECT ${grouping.columns}, ${credits}, ${count} FROM ${grouping.rollups[range.source].name}
      WHERE account_id = ? AND bucket_start >= ? AND bucket_start < ?${inWorkspaces(snapshot)}`);
    params.push(snapshot.accountId, range.from, range.to, ...(snapshot.workspaceIds ?? []));
  }
  arms.push(`SELECT ${grouping.columns}, credits, entry_count FROM ledger`);
  return {
    sql: `SELECT ${select}, CAST(SUM(credits) AS TEXT) AS credits FROM (${arms.join('\n UNION ALL ')}) s
      GROUP BY ${grouping.columns} HAVING SUM(entry_count) > 0`,
    params,
  };
}

/**
 * The page: per-workspace totals (with names, joined after grouping) and per-kind totals, in one
 * statement. Rows carry `level` 'workspace' (key = workspace id) or 'kind' (key = kind).
 */
export function pageSumsStatement(snapshot: PlannedSnapshot): Statement {
  const ledger = ledgerSums(snapshot, ['workspace_id', 'kind']);
  const workspaces = sums(BY_WORKSPACE, snapshot, `'workspace' AS level, workspace_id AS sum_key`);
  const kinds = sums(snapshot.workspaceIds === null ? BY_KIND : BY_KIND_OF_WORKSPACES, snapshot, `'kind' AS level, kind AS sum_key`);
  return {
    sql: `${ledger.sql}
      SELECT g.level, g.sum_key, w.name AS workspace_name, g.credits FROM (${workspaces.sql}) g
      JOIN workspaces w ON w.account_id = ? AND w.workspace_id = g.sum_key
      UNION ALL
      SELECT level, sum_key, NULL AS workspace_name, credits FROM (${kinds.sql}) k`,
    params: [...ledger.params, ...workspaces.params, snapshot.accountId, ...kinds.params],
  };
}

/**
 * Campaign rows (with their kinds) of some workspaces; names joined after grouping, from those
 * workspaces' campaigns only (PostgreSQL otherwise hashes every campaign of the account).
 */
export function campaignSumsStatement(snapshot: PlannedSnapshot & { workspaceIds: readonly string[] }): Statement {
  const ledger = ledgerSums(snapshot, ['workspace_id', 'campaign_key', 'kind']);
  const campaigns = sums(BY_CAMPAIGN, snapshot, BY_CAMPAIGN.columns);
  return {
    sql: `${ledger.sql}
      SELECT g.workspace_id, g.campaign_key, c.name AS campaign_name, c.archived, g.kind, g.credits
      FROM (${campaigns.sql}) g
      LEFT JOIN (
        SELECT workspace_id, campaign_id, name, archived FROM campaigns
        WHERE account_id = ? AND workspace_id IN (${placeholdersFor(snapshot.workspaceIds.length)})
      ) c ON c.workspace_id = g.workspace_id AND c.campaign_id = g.campaign_key`,
    params: [...ledger.params, ...campaigns.params, snapshot.accountId, ...snapshot.workspaceIds],
  };
}

/**
 * Credits and entry counts per (workspace, campaign key, kind) of some workspaces: the totals of
 * usageEntries, whose filters (a campaign, No campaign, kinds) are unions of these groups, so the
 * connection's totalCount and totalCredits come from the same rollups as the row they explain.
 */
export function campaignCountsStatement(snapshot: PlannedSnapshot & { workspaceIds: readonly string[] }): Statement {
  const ledger = ledgerSums(snapshot, ['workspace_id', 'campaign_key', 'kind']);
  const counts = sums(BY_CAMPAIGN, snapshot, `${BY_CAMPAIGN.columns}, CAST(SUM(entry_count) AS TEXT) AS entry_count`);
  return { sql: `${ledger.sql}\n${counts.sql}`, params: [...ledger.params, ...counts.params] };
}

/**
 * Credits and entry counts per kind of the whole account, from the kind rollups (keyed by account
 * and bucket first): the totals of an account-wide usageEntries listing. The campaign rollups
 * are keyed by workspace first, so without workspaces to name they would be read whole.
 */
export function kindCountsStatement(snapshot: PlannedSnapshot & { workspaceIds: null }): Statement {
  const ledger = ledgerSums(snapshot, ['kind']);
  const counts = sums(BY_KIND, snapshot, `${BY_KIND.columns}, CAST(SUM(entry_count) AS TEXT) AS entry_count`);
  return { sql: `${ledger.sql}\n${counts.sql}`, params: [...ledger.params, ...counts.params] };
}

/** Credits per (workspace, kind) of some workspaces: the byKind of their rows. */
export function workspaceKindSumsStatement(snapshot: PlannedSnapshot & { workspaceIds: readonly string[] }): Statement {
  const ledger = ledgerSums(snapshot, ['workspace_id', 'kind']);
  const kinds = sums(BY_WORKSPACE_KIND, snapshot, BY_WORKSPACE_KIND.columns);
  return { sql: `${ledger.sql}\n      ${kinds.sql}`, params: [...ledger.params, ...kinds.params] };
}
