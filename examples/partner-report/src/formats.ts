/** The report as text (for people), CSV (for spreadsheets, RFC 4180) or JSON (for programs). */
import type { PartnerReport } from './report.js';

export const FORMATS = ['text', 'csv', 'json'] as const;
export type Format = (typeof FORMATS)[number];

const credits = new Intl.NumberFormat('en-US');
const percent = (value: number | null) => (value === null ? '–' : `${value.toFixed(1)} %`);

export function render(report: PartnerReport, format: Format): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  if (format === 'csv') return csv(report);
  return text(report);
}

function text(report: PartnerReport): string {
  const { account, period } = report;
  const rows = report.workspaces.flatMap((section) => [
    [section.name, credits.format(section.credits), percent(section.percentOfBill)],
    ...section.campaigns.map((campaign) => [`  ${campaign.label}${campaign.archived ? ' (archived)' : ''}`, credits.format(campaign.credits), percent(campaign.percentOfWorkspace)]),
  ]);
  const header = ['Workspace / campaign', 'Credits', 'Share'];
  const total = ['Total (the invoice)', credits.format(report.totalCredits), report.totalCredits > 0 ? percent(100) : percent(null)];
  const widths = [0, 1, 2].map((column) => Math.max(...[header, total, ...rows].map((row) => row[column]!.length)));
  const line = (row: string[]) => `${row[0]!.padEnd(widths[0]!)}  ${row[1]!.padStart(widths[1]!)}  ${row[2]!.padStart(widths[2]!)}`.trimEnd();
  const rule = '-'.repeat(widths[0]! + widths[1]! + widths[2]! + 4);
  return [
    `${account.name} (${account.id}): partner report for ${period.label}`,
    `Period: ${period.localFrom} to ${period.localTo} ${account.timezone}`,
    `As of:  ${report.asOf} (the ledger snapshot every number was read at)`,
    `Made:   ${report.madeAt}`,
    '',
    line(header),
    rule,
    ...(rows.length > 0 ? rows.map(line) : ['(no usage in this period)']),
    rule,
    line(total),
    ...(report.notes.length > 0 ? ['', ...report.notes.map((note) => `Note: ${note}`)] : []),
    '',
    'Workspace shares are of the bill; campaign shares are of their workspace.',
    '',
  ].join('\n');
}

const CSV_HEADER = [
  'period_from',
  'period_to',
  'as_of',
  'workspace_id',
  'workspace_name',
  'workspace_credits',
  'workspace_percent_of_bill',
  'campaign_id',
  'campaign_name',
  'credits',
  'percent_of_workspace',
];

function csv(report: PartnerReport): string {
  const records = report.workspaces.flatMap((section) =>
    section.campaigns.map((campaign) => [
      report.period.from,
      report.period.to,
      report.asOf,
      section.workspaceId,
      section.name,
      String(section.credits),
      section.percentOfBill === null ? '' : section.percentOfBill.toFixed(1),
      campaign.campaignId ?? '',
      campaign.label,
      String(campaign.credits),
      campaign.percentOfWorkspace === null ? '' : campaign.percentOfWorkspace.toFixed(1),
    ]),
  );
  return [CSV_HEADER, ...records].map((record) => `${record.map(field).join(',')}\r\n`).join('');
}

function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
