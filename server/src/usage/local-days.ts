/**
 * Local days: the days of series(DAY) in one time zone (usage-math seriesEdges), for the
 * workspace rollup kept by the account's local day (usage_workspace_local_days). A local day is
 * not a UTC day — Berlin's starts at 22:00 or 23:00 UTC, Kolkata's at 18:30 — so a page's daily
 * series read from UTC rollups needs every day's edge hours besides the day; read from this
 * rollup it is one row per workspace and day (docs/performance.md, "Local days").
 */
import { seriesEdges } from '@creditlens/usage-math';
import type { BulkColumnType, BulkRows } from '../db';
import { CAMPAIGN_HOURS, WORKSPACE_HOURS, type RollupTable } from './rollups';
import { DAY_MS, HOUR_MS } from './window-planner';

/** A rollup by local day: its grouping columns besides account_id and bucket_start, and the UTC hour rollup it is rebuilt from. */
export interface LocalDayTable {
  readonly name: string;
  readonly keys: readonly ('workspace_id' | 'campaign_key')[];
  /** Primary key: bucket_start right after account_id (a page's workspaces) or after workspace_id (an expand's campaign rows). */
  readonly primaryKey: readonly string[];
  readonly hours: RollupTable;
}

/** Page rows and the account's series. */
export const WORKSPACE_LOCAL_DAYS: LocalDayTable = {
  name: 'usage_workspace_local_days',
  keys: ['workspace_id'],
  primaryKey: ['account_id', 'bucket_start', 'workspace_id'],
  hours: WORKSPACE_HOURS,
};
/** An expand's campaign rows ('' for No campaign), kinds summed: a row's series is across its kinds. */
export const CAMPAIGN_LOCAL_DAYS: LocalDayTable = {
  name: 'usage_campaign_local_days',
  keys: ['workspace_id', 'campaign_key'],
  primaryKey: ['account_id', 'workspace_id', 'bucket_start', 'campaign_key'],
  hours: CAMPAIGN_HOURS,
};
/** Kept together, in accounts.local_days_zone. */
export const LOCAL_DAY_TABLES: readonly LocalDayTable[] = [WORKSPACE_LOCAL_DAYS, CAMPAIGN_LOCAL_DAYS];

/**
 * The start of the local day holding an instant, in `timeZone`. Zone rules cost Intl calls, so the
 * local midnights near each UTC day are worked out once per UTC day asked about.
 */
export function localDayStarts(timeZone: string): (instant: number) => number {
  const startsByUtcDay = new Map<number, number[]>();
  return (instant) => {
    const utcDay = Math.floor(instant / DAY_MS);
    let starts = startsByUtcDay.get(utcDay);
    if (!starts) {
      // Every local midnight from two days before this UTC day to its end: the zone's offset is
      // less than a day, so the last one at or before any instant of the day is among them.
      const from = utcDay * DAY_MS;
      starts = seriesEdges({ from: new Date(from - 2 * DAY_MS), to: new Date(from + DAY_MS + 1) }, 'DAY', timeZone).slice(1, -1);
      startsByUtcDay.set(utcDay, starts);
    }
    let i = starts.length - 1;
    while (starts[i]! > instant) i -= 1;
    return starts[i]!;
  };
}

const MAX_REMEMBERED_ZONES = 64;
const rememberedZones = new Map<string, (instant: number) => number>();

/** localDayStarts of a zone, kept for the zones in use (a pure function of the zone: nothing of a tenant's). */
export function dayStartsIn(timeZone: string): (instant: number) => number {
  let dayStartOf = rememberedZones.get(timeZone);
  if (!dayStartOf) {
    if (rememberedZones.size >= MAX_REMEMBERED_ZONES) rememberedZones.clear();
    dayStartOf = localDayStarts(timeZone);
    rememberedZones.set(timeZone, dayStartOf);
  }
  return dayStartOf;
}

/** Credits and entries of one workspace (or campaign row: `campaignKey`, '' for No campaign) on one local day. */
export interface LocalDaySum {
  readonly workspaceId: string;
  readonly campaignKey: string | undefined;
  readonly dayStart: number;
  credits: bigint;
  entries: number;
}

/** Credits of one workspace (or campaign row) in a stretch that lies within one local day (an hour rollup row, an entry). */
export interface TimedCredits {
  readonly workspaceId: string;
  readonly campaignKey?: string;
  readonly at: number;
  readonly credits: bigint;
  readonly entries: number;
}

/** Sums by (workspace, campaign key when given, local day); each part lies within one local day and is placed by its `at`. */
export function sumByLocalDay(parts: Iterable<TimedCredits>, dayStartOf: (instant: number) => number): LocalDaySum[] {
  const sums = new Map<string, LocalDaySum>();
  for (const part of parts) {
    const dayStart = dayStartOf(part.at);
    const key = `${part.workspaceId}\u0000${part.campaignKey ?? ''}\u0000${dayStart}`;
    const sum = sums.get(key);
    if (sum) {
      sum.credits += part.credits;
      sum.entries += part.entries;
    } else sums.set(key, { workspaceId: part.workspaceId, campaignKey: part.campaignKey, dayStart, credits: part.credits, entries: part.entries });
  }
  return [...sums.values()];
}

/**
 * Local-day sums in the primary key order of `table`, as a rebuild writes them: a range read of
 * the rollup (a page's days, an expand's campaign rows) then finds its rows side by side on a few
 * pages rather than one page each, as rebuildSql does for the UTC rollups.
 */
export function inPrimaryKeyOrder(table: LocalDayTable, sums: readonly LocalDaySum[]): LocalDaySum[] {
  const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const byDay = (a: LocalDaySum, b: LocalDaySum) => a.dayStart - b.dayStart;
  const byWorkspace = (a: LocalDaySum, b: LocalDaySum) => byText(a.workspaceId, b.workspaceId);
  const byCampaign = (a: LocalDaySum, b: LocalDaySum) => byText(a.campaignKey ?? '', b.campaignKey ?? '');
  const order = table.primaryKey[1] === 'bucket_start' ? [byDay, byWorkspace, byCampaign] : [byWorkspace, byDay, byCampaign];
  return [...sums].sort((a, b) => {
    for (const compare of order) {
      const result = compare(a, b);
      if (result !== 0) return result;
    }
    return 0;
  });
}

/** True when a local day starts strictly inside the UTC hour [hourStart, hourStart + 1 h): its rollup row belongs to two local days. */
export function hourIsSplit(hourStart: number, dayStartOf: (instant: number) => number): boolean {
  return dayStartOf(hourStart) !== dayStartOf(hourStart + HOUR_MS - 1);
}

/** True when `instant` is a local midnight in the zone (`dayStartOf` from localDayStarts). */
export function isLocalDayStart(instant: number, dayStartOf: (instant: number) => number): boolean {
  return dayStartOf(instant) === instant;
}

/** The columns a local-day row is written with, in the order localDayRow() gives their values. */
export function localDayColumns(table: LocalDayTable): { names: string[]; types: BulkColumnType[] } {
  return {
    names: ['account_id', 'bucket_start', ...table.keys, 'credits', 'entry_count'],
    types: ['text', 'bigint', ...table.keys.map((): BulkColumnType => 'text'), 'bigint', 'bigint'],
  };
}

/** A sum as the values of localDayColumns(table). */
export function localDayRow(table: LocalDayTable, accountId: string, sum: LocalDaySum): unknown[] {
  const keys = table.keys.map((key) => (key === 'workspace_id' ? sum.workspaceId : (sum.campaignKey ?? '')));
  return [accountId, sum.dayStart, ...keys, sum.credits.toString(), sum.entries];
}

/** Inserts rows of a table (`rows`: bulkRows of localDayColumns), or with `add` adds them to the rows already there. */
export function insertLocalDaysSql(table: LocalDayTable, rows: BulkRows, add: boolean): string {
  const insert = `INSERT INTO ${table.name} (${localDayColumns(table).names.join(', ')}) ${rows.sql}`;
  if (!add) return insert;
  return `${insert}
    ON CONFLICT (${table.primaryKey.join(', ')}) DO UPDATE SET
      credits = ${table.name}.credits + excluded.credits, entry_count = ${table.name}.entry_count + excluded.entry_count`;
}
