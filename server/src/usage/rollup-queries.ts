import { placeholdersFor } from '../catalog/catalog.repository';
import type { MsRange, WindowPlan } from './rollup-buckets';
import { CAMPAIGN_DAYS, CAMPAIGN_HOURS, KIND_DAYS, KIND_HOURS, keyExpression, WORKSPACE_DAYS, WORKSPACE_HOURS, type RollupTable } from './rollups';

/**
 * SQL that answers usage sums from the rollups, exactly: one statement (so one database
 * snapshot) that adds up whole days and hours from the rollups and the unaligned edges from
 * the ledger, then takes away entries recorded after asOf. Every arm is a range scan on an index
 * that starts with account_id.
 */
export interface Statement {
  readonly sql: string;
  readonly params: unknown[];
}

/** One grouping of the sums: which rollups hold it, and its columns in the rollups and in the ledger. */
interface Grouping {
  readonly days: RollupTable;
  readonly hours: RollupTable;
  readonly columns: string;
  readonly ledgerColumns: string;
}

const BY_WORKSPACE: Grouping = { days: WORKSPACE_DAYS, hours: WORKSPACE_HOURS, columns: 'workspace_id', ledgerColumns: 'workspace_id' };
const BY_KIND: Grouping = { days: KIND_DAYS, hours: KIND_HOURS, columns: 'kind', ledgerColumns: 'kind' };
/** A workspace-scoped caller's kinds: from the campaign rollups, which are keyed by workspace first. */
const BY_KIND_OF_WORKSPACES: Grouping = { days: CAMPAIGN_DAYS, hours: CAMPAIGN_HOURS, columns: 'kind', ledgerColumns: 'kind' };
const BY_CAMPAIGN: Grouping = {
  days: CAMPAIGN_DAYS,
  hours: CAMPAIGN_HOURS,
  columns: 'workspace_id, campaign_key, kind',
  ledgerColumns: `workspace_id, ${keyExpression('campaign_key')} AS campaign_key, kind`,
};

interface Slice {
  readonly accountId: string;
  readonly plan: WindowPlan;
  readonly window: MsRange;
  readonly asOf: number;
  readonly workspaceIds: readonly string[] | null;
}

/** Materialised on its own, "recorded after asOf" is read through the (account_id, recorded_at) index: a few recent entries. */
function lateEntries(slice: Slice): Statement {
  return {
    sql: `WITH late AS MATERIALIZED (
      SELECT workspace_id, campaign_id, kind, credits, occurred_at FROM usage_entries WHERE account_id = ? AND recorded_at > ?
    )`,
    params: [slice.accountId, slice.asOf],
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
  const rollup = (table: RollupTable, range: MsRange) =>
    arm(`SELECT ${grouping.columns}, credits, entry_count FROM ${table.name} WHERE account_id = ? AND bucket_start >= ? AND bucket_start < ?`, [slice.accountId, range.from, range.to]);
  slice.plan.days.forEach((range) => rollup(grouping.days, range));
  slice.plan.hours.forEach((range) => rollup(grouping.hours, range));
  slice.plan.ledger.forEach((range) =>
    arm(`SELECT ${grouping.ledgerColumns}, credits, 1 AS entry_count FROM usage_entries WHERE account_id = ? AND occurred_at >= ? AND occurred_at < ?`, [
      slice.accountId,
      range.from,
      range.to,
    ]),
  );
  // The rollups and edges count everything committed; entries recorded after the snapshot come off again.
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

/** Campaign rows (with their kinds) of some workspaces; names joined after grouping. */
export function campaignSumsStatement(slice: Slice & { workspaceIds: readonly string[] }): Statement {
  const late = lateEntries(slice);
  const campaigns = sums(BY_CAMPAIGN, slice, BY_CAMPAIGN.columns);
  return {
    sql: `${late.sql}
      SELECT g.workspace_id, g.campaign_key, c.name AS campaign_name, c.archived, g.kind, g.credits
      FROM (${campaigns.sql}) g
      LEFT JOIN campaigns c ON c.account_id = ? AND c.campaign_id = g.campaign_key`,
    params: [...late.params, ...campaigns.params, slice.accountId],
  };
}
