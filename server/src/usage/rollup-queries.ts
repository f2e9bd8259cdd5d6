import { placeholdersFor } from '../catalog/catalog.repository';
import type { MsRange, WindowPlan } from './rollup-buckets';
import { CAMPAIGN_DAYS, CAMPAIGN_HOURS, NO_CAMPAIGN_KEY, WORKSPACE_DAYS, WORKSPACE_HOURS, type RollupTable } from './rollups';

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

interface Level {
  readonly days: RollupTable;
  readonly hours: RollupTable;
  /** The grouping columns as the ledger spells them. */
  readonly ledgerKeys: string;
  readonly keys: string;
}

const WORKSPACE_LEVEL: Level = { days: WORKSPACE_DAYS, hours: WORKSPACE_HOURS, ledgerKeys: 'workspace_id, kind', keys: 'workspace_id, kind' };
const CAMPAIGN_LEVEL: Level = {
  days: CAMPAIGN_DAYS,
  hours: CAMPAIGN_HOURS,
  ledgerKeys: `workspace_id, COALESCE(campaign_id, '${NO_CAMPAIGN_KEY}') AS campaign_key, kind`,
  keys: 'workspace_id, campaign_key, kind',
};

function sumsOf(level: Level, accountId: string, plan: WindowPlan, window: MsRange, asOf: number, workspaceIds: readonly string[] | null): Statement {
  const filter = workspaceIds === null ? '' : ` AND workspace_id IN (${placeholdersFor(workspaceIds.length)})`;
  const scope = workspaceIds ?? [];
  const arms: string[] = [];
  const params: unknown[] = [];
  const arm = (sql: string, values: unknown[]) => {
    arms.push(sql + filter);
    params.push(...values, ...scope);
  };
  const rollup = (table: RollupTable, range: MsRange) =>
    arm(`SELECT ${level.keys}, credits, entry_count FROM ${table.name} WHERE account_id = ? AND bucket_start >= ? AND bucket_start < ?`, [accountId, range.from, range.to]);
  plan.days.forEach((range) => rollup(level.days, range));
  plan.hours.forEach((range) => rollup(level.hours, range));
  plan.ledger.forEach((range) =>
    arm(`SELECT ${level.ledgerKeys}, credits, 1 AS entry_count FROM usage_entries WHERE account_id = ? AND occurred_at >= ? AND occurred_at < ?`, [accountId, range.from, range.to]),
  );
  // The rollups and edges count everything committed; entries recorded after the snapshot come off again.
  arm(`SELECT ${level.ledgerKeys}, -credits AS credits, -1 AS entry_count FROM late WHERE occurred_at >= ? AND occurred_at < ?`, [window.from, window.to]);
  return {
    // Materialised on its own, "recorded after asOf" is read through the (account_id, recorded_at)
    // index: a few recent entries, never the ledger of the whole window.
    sql: `WITH late AS MATERIALIZED (
        SELECT workspace_id, campaign_id, kind, credits, occurred_at FROM usage_entries WHERE account_id = ? AND recorded_at > ?
      )
      SELECT ${level.keys}, CAST(SUM(credits) AS TEXT) AS credits FROM (${arms.join('\n UNION ALL ')}) s
      GROUP BY ${level.keys}
      HAVING SUM(entry_count) > 0`,
    params: [accountId, asOf, ...params],
  };
}

/** Names are joined after grouping: one lookup per result row, not per rollup row. */
export function workspaceSumsStatement(accountId: string, plan: WindowPlan, window: MsRange, asOf: number, workspaceIds: readonly string[] | null): Statement {
  const sums = sumsOf(WORKSPACE_LEVEL, accountId, plan, window, asOf, workspaceIds);
  return {
    sql: `SELECT g.workspace_id, w.name AS workspace_name, g.kind, g.credits
      FROM (${sums.sql}) g
      JOIN workspaces w ON w.account_id = ? AND w.workspace_id = g.workspace_id`,
    params: [...sums.params, accountId],
  };
}

export function campaignSumsStatement(accountId: string, plan: WindowPlan, window: MsRange, asOf: number, workspaceIds: readonly string[]): Statement {
  const sums = sumsOf(CAMPAIGN_LEVEL, accountId, plan, window, asOf, workspaceIds);
  return {
    sql: `SELECT g.workspace_id, g.campaign_key, c.name AS campaign_name, c.archived, g.kind, g.credits
      FROM (${sums.sql}) g
      LEFT JOIN campaigns c ON c.account_id = ? AND c.campaign_id = g.campaign_key`,
    params: [...sums.params, accountId],
  };
}
