/**
 * A partner's monthly report of one Creditlens account: every client workspace with its campaign
 * rows (No campaign included), its credits and its share of the bill, for one billing period.
 *
 * Three requests, whatever the account's size: the account's time zone (to turn a month into its
 * billing period), the whole breakdown in one request (getAccountBreakdown: every workspace's
 * campaigns at one ledger snapshot), and the invoice, whose total the report must equal. A
 * read-only API key (USAGE_READ) is all it needs, and three requests stay far inside its rate limit.
 */
import { CreditlensError, type AccountBreakdown, type CreditlensClient, type Invoice, type UsageWindowInput } from '@creditlens/client';
import { billingPeriodContaining, billingPeriodOf, formatLocalMinute } from '@creditlens/usage-math';

export interface ReportOptions {
  /** A month as YYYY-MM in the account's time zone; default: the month before `now`'s. */
  readonly period?: string;
  /** When the report is made (default: now); it picks the default month and is printed. */
  readonly now?: Date;
}

export interface CampaignLine {
  readonly campaignId: string | null;
  readonly label: string;
  readonly archived: boolean;
  readonly credits: number;
  /** Of the workspace's credits, rounded to 0.1 so the rows sum to 100.0; null when the workspace's credits are <= 0. */
  readonly percentOfWorkspace: number | null;
}

export interface WorkspaceSection {
  readonly workspaceId: string;
  readonly name: string;
  readonly credits: number;
  /** Of the bill, rounded to 0.1 so the sections sum to 100.0; null when the bill is <= 0. */
  readonly percentOfBill: number | null;
  readonly campaigns: readonly CampaignLine[];
}

export interface PartnerReport {
  readonly account: { readonly id: string; readonly name: string; readonly timezone: string };
  /** The billing period: label ("June 2026"), the instants, and local times in the account's zone. */
  readonly period: { readonly label: string; readonly from: string; readonly to: string; readonly localFrom: string; readonly localTo: string };
  /** The ledger snapshot every number was read at. */
  readonly asOf: string;
  readonly madeAt: string;
  /** The bill: the period's credits, equal to the invoice total. */
  readonly totalCredits: number;
  readonly invoiceTotalCredits: number;
  readonly workspaces: readonly WorkspaceSection[];
  /** Why a share is above 100 % or below 0 % (refunds), and anything else a reader must know. */
  readonly notes: readonly string[];
}

export async function partnerReport(client: CreditlensClient, accountId: string, options: ReportOptions = {}): Promise<PartnerReport> {
  const now = options.now ?? new Date();
  const account = await client.getAccountPeriods(accountId);
  if (!account) throw new CreditlensError('FORBIDDEN', `no account "${accountId}" for this token (it does not exist, or the token may not see it)`, undefined);
  const zone = account.timezone;
  const period = options.period === undefined ? lastMonth(now, zone) : billingPeriodOf(options.period, zone);
  const window: UsageWindowInput = { from: period.from.toISOString(), to: period.to.toISOString() };

  const breakdown = (await client.getAccountBreakdown(accountId, { window }))!;
  const invoice = (await client.getInvoice(accountId, window))!;
  return assemble(breakdown, invoice, now);
}

function lastMonth(now: Date, zone: string) {
  const current = billingPeriodContaining(now, zone);
  return billingPeriodContaining(new Date(current.from.getTime() - 1), zone);
}

function assemble(breakdown: AccountBreakdown, invoice: Invoice, now: Date): PartnerReport {
  const { usage, timezone } = breakdown;
  const workspaces = usage.workspaces.map(
    (row): WorkspaceSection => ({
      workspaceId: row.workspace.id,
      name: row.workspace.name,
      credits: row.credits,
      percentOfBill: row.percent,
      campaigns: row.campaigns.map((campaign) => ({
        campaignId: campaign.campaign?.id ?? null,
        label: campaign.label,
        archived: campaign.campaign?.archived ?? false,
        credits: campaign.credits,
        percentOfWorkspace: campaign.percent,
      })),
    }),
  );
  return {
    account: { id: breakdown.id, name: breakdown.name, timezone },
    period: {
      label: new Intl.DateTimeFormat('en-US', { timeZone: timezone, month: 'long', year: 'numeric' }).format(new Date(usage.window.from)),
      from: usage.window.from,
      to: usage.window.to,
      localFrom: formatLocalMinute(usage.window.from, timezone),
      localTo: formatLocalMinute(usage.window.to, timezone),
    },
    asOf: usage.asOf,
    madeAt: now.toISOString(),
    totalCredits: usage.totalCredits,
    invoiceTotalCredits: invoice.totalCredits,
    workspaces,
    notes: notes(usage.totalCredits, invoice.totalCredits, workspaces),
  };
}

/**
 * Shares add up to 100 %, so one above 100 % (or below 0 %) means refunds: some row's credits are
 * negative (refunds larger than its spend in the period). The report says so, naming the rows.
 */
function notes(total: number, invoiceTotal: number, workspaces: readonly WorkspaceSection[]): string[] {
  const notes: string[] = [];
  const refunded = workspaces.filter((section) => section.credits < 0).map((section) => section.name);
  if (workspaces.some((section) => outside100(section.percentOfBill))) {
    notes.push(`Shares of the bill above 100 % or below 0 %: refunds in ${list(refunded)} exceed their spend this period, so their credits are negative and the other workspaces' shares add up to more than 100 %.`);
  }
  if (total <= 0 && workspaces.length > 0) notes.push('The bill is zero or negative (refunds exceed spend): shares of the bill are not defined and shown as –.');
  for (const section of workspaces) {
    if (section.credits <= 0 && section.campaigns.length > 0) {
      notes.push(`${section.name}: its credits are ${section.credits < 0 ? 'negative (refunds larger than its spend)' : 'zero'}, so shares of it are not defined and its campaign rows show –.`);
      continue;
    }
    if (!section.campaigns.some((campaign) => outside100(campaign.percentOfWorkspace))) continue;
    const negative = section.campaigns.filter((campaign) => campaign.credits < 0).map((campaign) => campaign.label);
    notes.push(`${section.name}: campaign shares above 100 % or below 0 % because refunds in ${list(negative)} exceed their spend this period.`);
  }
  if (total !== invoiceTotal) {
    notes.push(`The invoice reads ${invoiceTotal} credits, not ${total}: entries for this period were recorded while the report was made; run it again.`);
  }
  return notes;
}

const outside100 = (percent: number | null) => percent !== null && (percent > 100 || percent < 0);
const list = (names: readonly string[]) => names.map((name) => `"${name}"`).join(', ');
