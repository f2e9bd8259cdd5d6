import type { AccountWithUsage, WorkspaceCampaigns } from '@creditlens/client';
import { formatLocalMinute } from '@creditlens/usage-math';

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
 * The breakdown as an aligned table: workspace rows (share of the account), the expanded
 * workspace's campaign rows indented beneath it (share of the workspace), and the total.
 */
export function usageTable(account: AccountWithUsage, expanded: WorkspaceCampaigns | null): string {
  const { usage } = account;
  const rows: Array<[string, string, string]> = [['Workspace', 'Credits', 'Share']];
  for (const row of usage.workspaces) {
    rows.push([row.workspace.name, formatCredits(row.credits), formatPercent(row.percent)]);
    if (expanded && expanded.workspace.id === row.workspace.id) {
      for (const campaign of expanded.campaigns) {
        rows.push([`  ${campaign.label}${campaign.campaign?.archived ? ' (archived)' : ''}`, formatCredits(campaign.credits), formatPercent(campaign.percent)]);
      }
    }
  }
  const total: [string, string, string] = ['Total', formatCredits(usage.totalCredits), usage.totalCredits > 0 ? formatPercent(100) : formatPercent(null)];
  const widths = [0, 1, 2].map((column) => Math.max(...[...rows, total].map((row) => row[column]!.length)));
  const render = ([label, credits, share]: [string, string, string]) =>
    `${label.padEnd(widths[0]!)}  ${credits.padStart(widths[1]!)}  ${share.padStart(widths[2]!)}`.trimEnd();
  const rule = '-'.repeat(widths[0]! + widths[1]! + widths[2]! + 4);

  const zone = account.timezone;
  const lines = [
    `${account.name} (${account.id}): ${formatLocalMinute(usage.window.from, zone)} to ${formatLocalMinute(usage.window.to, zone)} ${zone}, as of ${usage.asOf}, ${usage.lastRecordedAt === null ? 'no usage recorded yet' : `usage last recorded ${usage.lastRecordedAt}`}`,
    '',
    render(rows[0]!),
    rule,
    ...rows.slice(1).map(render),
    rule,
    render(total),
  ];
  if (usage.workspaces.length === 0) lines.splice(4, 0, '(no usage in this window)');
  if (expanded) lines.push('', `Campaign rows of ${expanded.workspace.name} show their share of the workspace.`);
  return `${lines.join('\n')}\n`;
}
