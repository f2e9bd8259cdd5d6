import { placeholdersFor } from '../catalog/catalog.repository';
import type { Dialect } from '../db/database';
import type { GrainName, MsRange, WindowPlan } from './rollup-buckets';
import {
  CAMPAIGN_DAYS,
  CAMPAIGN_HOURS,
  CAMPAIGN_MONTHS,
  KIND_DAYS,
  KIND_HOURS,
  KIND_MONTHS,
  keyExpression,
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

/** One grouping of the sums: which rollups hold it, and its columns in the rollups and in the ledger. */
interface Grouping {
  readonly rollups: Readonly<Record<GrainName, RollupTable>>;
  readonly columns: string;
  readonly ledgerColumns: string;
}

const WORKSPACE_ROLLUPS = { month: WORKSPACE_MONTHS, day: WORKSPACE_DAYS, hour: WORKSPACE_HOURS };
const KIND_ROLLUPS = { month: KIND_MONTHS, day: KIND_DAYS, hour: KIND_HOURS };
const CAMPAIGN_ROLLUPS = { month: CAMPAIGN_MONTHS, day: CAMPAIGN_DAYS, hour: CAMPAIGN_HOURS };

const BY_WORKSPACE: Grouping = { rollups: WORKSPACE_ROLLUPS, columns: 'workspace_id', ledgerColumns: 'workspace_id' };
const BY_KIND: Grouping = { rollups: KIND_ROLLUPS, columns: 'kind', ledgerColumns: 'kind' };
/** A workspace-scoped caller's kinds: from the campaign rollups, which are keyed by workspace first. */
const BY_KIND_OF_WORKSPACES: Grouping = { rollups: CAMPAIGN_ROLLUPS, columns: 'kind', ledgerColumns: 'kind' };
const BY_CAMPAIGN: Grouping = {
  rollups: CAMPAIGN_ROLLUPS,
  columns: 'workspace_id, campaign_key, kind',
  ledgerColumns: `workspace_id, ${keyExpression('campaign_key')} AS campaign_key, kind`,
};

interface Slice {
  readonly dialect: Dialect;
  readonly accountId: string;
  readonly plan: WindowPlan;
  readonly window: MsRange;
  readonly asOf: number;
  readonly workspaceIds: readonly string[] | null;
}

/**
 * Materialised on its own, "recorded after asOf" is read through the covering (account_id,
 * recorded_at) index: the entries of the last moments, however long the window, of the
 * workspaces asked for only. On SQLite the workspace test is written `+workspace_id`, which
 * keeps it off the (account, workspace, time) index: on the bare column SQLite chose that index
 * and read all of a workspace's entries (360 ms at 1 M).
 */
function lateEntries(slice: Slice): Statement {
  const column = slice.dialect === 'sqlite' ? '+workspace_id' : 'workspace_id';
  const filter = slice.workspaceIds === null ? '' : ` AND ${column} IN (${placeholdersFor(slice.workspaceIds.length)})`;
  return {
    sql: `WITH late AS MATERIALIZED (
      SELECT workspace_id, campaign_id, kind, credits, occurred_at FROM usage_entries WHERE account_id = ? AND recorded_at > ?${filter}
    )`,
    params: [slice.accountId, slice.asOf, ...(slice.workspaceIds ?? [])],
  };
}

/** The sums of one grouping, as a SELECT … GROUP BY that reads `late`. */
function sums(grouping: Grouping, slice: Slice, select: string): Statement {
  const filter = slice.workspaceIds === null ? '' : ` AND workspace_id IN (${placeholdersFor(slice.workspaceIds.length)})`;
  const scope = slice.workspaceIds ?? [];
  const arms: string[] = [];
  const params: unknown[] = [];
  const arm = (sql: string, values: unknown[]) => {
    arms.push(sql + filter);
    params.push(...values, ...scope);
  };
  for (const range of slice.plan.ranges) {
    const credits = range.sign === 1 ? 'credits' : '-credits AS credits';
    if (range.source === 'ledger') {
      const count = range.sign === 1 ? '1' : '-1';
      arm(`SELECT ${grouping.ledgerColumns}, ${credits}, ${count} AS entry_count FROM usage_entries WHERE account_id = ? AND occurred_at >= ? AND occurred_at < ?`, [
        slice.accountId,
        range.from,
        range.to,
      ]);
    } else {
      const count = range.sign === 1 ? 'entry_count' : '-entry_count AS entry_count';
      arm(`SELECT ${grouping.columns}, ${credits}, ${count} FROM ${grouping.rollups[range.source].name} WHERE account_id = ? AND bucket_start >= ? AND bucket_start < ?`, [
        slice.accountId,
        range.from,
        range.to,
      ]);
    }
  }
  // The ranges count everything committed; entries recorded after the snapshot come off again.
  arm(`SELECT ${grouping.ledgerColumns}, -credits AS credits, -1 AS entry_count FROM late WHERE occurred_at >= ? AND occurred_at < ?`, [slice.window.from, slice.window.to]);
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
export function pageSumsStatement(slice: Slice): Statement {
  const late = lateEntries(slice);
  const workspaces = sums(BY_WORKSPACE, slice, `'workspace' AS level, workspace_id AS sum_key`);
  const kinds = sums(slice.workspaceIds === null ? BY_KIND : BY_KIND_OF_WORKSPACES, slice, `'kind' AS level, kind AS sum_key`);
  return {
    sql: `${late.sql}
      SELECT g.level, g.sum_key, w.name AS workspace_name, g.credits FROM (${workspaces.sql}) g
      JOIN workspaces w ON w.account_id = ? AND w.workspace_id = g.sum_key
      UNION ALL
      SELECT level, sum_key, NULL AS workspace_name, credits FROM (${kinds.sql}) k`,
    params: [...late.params, ...workspaces.params, slice.accountId, ...kinds.params],
  };
}

/**
 * Campaign rows (with their kinds) of some workspaces; names joined after grouping, from those
 * workspaces' campaigns only (PostgreSQL otherwise hashed every campaign of the account: 1 of 2 ms).
 */
export function campaignSumsStatement(slice: Slice & { workspaceIds: readonly string[] }): Statement {
  const late = lateEntries(slice);
  const campaigns = sums(BY_CAMPAIGN, slice, BY_CAMPAIGN.columns);
  return {
    sql: `${late.sql}
      SELECT g.workspace_id, g.campaign_key, c.name AS campaign_name, c.archived, g.kind, g.credits
      FROM (${campaigns.sql}) g
      LEFT JOIN (
        SELECT workspace_id, campaign_id, name, archived FROM campaigns
        WHERE account_id = ? AND workspace_id IN (${placeholdersFor(slice.workspaceIds.length)})
      ) c ON c.workspace_id = g.workspace_id AND c.campaign_id = g.campaign_key`,
    params: [...late.params, ...campaigns.params, slice.accountId, ...slice.workspaceIds],
  };
}
