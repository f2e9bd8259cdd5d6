import type { AccountSeries, AccountWithComparison, AccountWithUsage, Granularity, RowChange, UsageBucket, WorkspaceCampaigns, WorkspaceCampaignSeries } from '@creditlens/client';
import { formatLocalMinute } from '@creditlens/usage-math';
import { columnsOf } from './columns';

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** 1234567 → "1,234,567". */
export function formatCredits(credits: number): string {
  return grouped.format(credits);
}

/** 12.3 → "12.3 %"; null (a total <= 0) → "–". */
export function formatPercent(percent: number | null): string {
  return percent === null ? '–' : `${percent.toFixed(1)} %`;
}

/**
 * A row's change against the comparison window, in whole percents: "+42 %", "-8 %", "0 %"; "new"
 * when the row had no credits there; "–" when its credits there were negative (no ratio).
 */
export function formatChange(row: RowChange): string {
  if (row.change === null) return row.previousCredits === 0 ? 'new' : '–';
  const percent = Math.round(row.change * 100);
  return `${percent > 0 ? '+' : ''}${percent === 0 ? 0 : percent} %`;
}

const hasChange = (row: object): row is RowChange => 'previousCredits' in row;

/**
 * The breakdown as an aligned table: workspace rows (share of the account), the expanded
 * workspace's campaign rows indented beneath it (share of the workspace), and the total. Rows
 * read with their comparison (getAccountComparison) get a Change column.
 */
export function usageTable(account: AccountWithUsage | AccountWithComparison, expanded: WorkspaceCampaigns | WorkspaceCampaignSeries | null): string {
  const { usage } = account;
  const comparison = 'comparison' in usage ? usage.comparison : null;
  const change = (row: object) => (comparison && hasChange(row) ? [formatChange(row)] : []);
  const rows: string[][] = [['Workspace', 'Credits', 'Share', ...(comparison ? ['Change'] : [])]];
  for (const row of usage.workspaces) {
    rows.push([row.workspace.name, formatCredits(row.credits), formatPercent(row.percent), ...change(row)]);
    if (expanded && expanded.workspace.id === row.workspace.id) {
      for (const campaign of expanded.campaigns) {
        rows.push([`  ${campaign.label}${campaign.campaign?.archived ? ' (archived)' : ''}`, formatCredits(campaign.credits), formatPercent(campaign.percent), ...change(campaign)]);
      }
    }
  }
  const totalChange = comparison ? [formatChange({ previousCredits: comparison.totalCredits, change: comparison.totalCredits > 0 ? (usage.totalCredits - comparison.totalCredits) / comparison.totalCredits : null })] : [];
  const total = ['Total', formatCredits(usage.totalCredits), usage.totalCredits > 0 ? formatPercent(100) : formatPercent(null), ...totalChange];
  const zone = account.timezone;
  const lines = [header(account), '', ...aligned(rows, total, usage.workspaces.length === 0 ? '(no usage in this window)' : null)];
  if (expanded) lines.push('', `Campaign rows of ${expanded.workspace.name} show their share of the workspace.`);
  if (comparison) {
    const { from, to } = comparison.window;
    lines.push('', from === to ? 'Change: nothing to compare with yet (asOf is at the window start).' : `Change against ${formatLocalMinute(from, zone)} to ${formatLocalMinute(to, zone)} ${zone}, at the same asOf.`);
  }
  return `${lines.join('\n')}\n`;
}

function header(account: AccountWithUsage | AccountSeries | AccountWithComparison): string {
  const { usage, timezone: zone } = account;
  // When usage last arrived, beside the asOf: a number that looks low may only be waiting for its entries.
  const freshness = 'lastRecordedAt' in usage ? `, ${usage.lastRecordedAt === null ? 'no usage recorded yet' : `usage last recorded ${usage.lastRecordedAt}`}` : '';
  return `${account.name} (${account.id}): ${formatLocalMinute(usage.window.from, zone)} to ${formatLocalMinute(usage.window.to, zone)} ${zone}, as of ${usage.asOf}${freshness}`;
}

/** Rows as columns: the first left-aligned, the others right-aligned, ruled above and below the body; `empty` fills an empty body. */
function aligned(rows: readonly string[][], total: readonly string[], empty: string | null): string[] {
  const { render, rule } = columnsOf([...rows, total], (column) => (column === 0 ? 'left' : 'right'));
  return [render(rows[0]!), rule, ...(empty ? [empty] : []), ...rows.slice(1).map(render), rule, render(total)];
}

const GRANULARITY_NAMES: Record<Granularity, string> = { HOUR: 'hour', DAY: 'day', WEEK: 'week (from Monday)', MONTH: 'month' };

/**
 * Usage over time as a table of buckets: each bucket's local start and its credits — the
 * account's, or the expanded workspace's — and the total. A bucket starting at local midnight
 * shows its date alone; one cut at the window's edge shows its time too.
 */
export function seriesTable(account: AccountSeries, expanded: WorkspaceCampaignSeries | null, granularity: Granularity): string {
  const zone = account.timezone;
  const series: UsageBucket[] = expanded ? expanded.series : account.usage.series;
  const rows = [[`${GRANULARITY_NAMES[granularity][0]!.toUpperCase()}${GRANULARITY_NAMES[granularity].slice(1)}`, expanded ? `${expanded.workspace.name}` : 'Credits']];
  for (const bucket of series) rows.push([formatLocalMinute(bucket.from, zone).replace(/ 00:00$/, ''), formatCredits(bucket.credits)]);
  const total = ['Total', formatCredits(series.reduce((sum, bucket) => sum + bucket.credits, 0))];
  return `${[header(account), '', ...aligned(rows, total, null), '', `One line per ${GRANULARITY_NAMES[granularity]} in ${zone}, zeros included.`].join('\n')}\n`;
}
