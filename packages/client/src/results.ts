/**
 * What the client's reads return, field by field. The shapes are those of the generated operation
 * types (src/generated/graphql.ts); client.ts checks at compile time that each interface here and
 * its generated twin are assignable both ways, so a changed operation cannot leave these behind.
 */
import type { CreditKind } from './generated/graphql.js';

/** A half-open window [from, to) of ISO-8601 instants (UTC, with milliseconds). */
export interface UsageWindow {
  readonly from: string;
  readonly to: string;
}

/** Credits of one kind of credit use. */
export interface KindUsage {
  readonly kind: CreditKind;
  /** Whole credits; negative when refunds outweigh spend. */
  readonly credits: number;
}

/** The account's own fields that every account read carries. */
export interface AccountSummary {
  /** The host platform's id of the account. */
  readonly id: string;
  readonly name: string;
  /** IANA time zone in which billing periods are calendar months, e.g. Europe/Berlin. */
  readonly timezone: string;
}

/** A budget with its scope: workspace and campaign null on the account-wide budget. */
export interface BudgetFields {
  readonly id: string;
  /** The workspace (the campaign's, for a campaign budget); null on the account-wide budget. */
  readonly workspace: { readonly id: string; readonly name: string } | null;
  readonly campaign: { readonly id: string; readonly name: string; readonly archived: boolean } | null;
  readonly creditsPerPeriod: number;
  /** Whole percents, ascending. */
  readonly thresholds: number[];
}

/** A row's budget in the billing period that contains the window's start, at the page's snapshot. */
export interface BudgetStatusRow {
  /** The budget; its scope is the row's. */
  readonly budget: Pick<BudgetFields, 'id' | 'creditsPerPeriod' | 'thresholds'>;
  /** The billing period counted. */
  readonly period: UsageWindow;
  /** The period's credits ÷ creditsPerPeriod (1.05 = 105 %); null when the window spans more than one period. */
  readonly used: number | null;
  /** Thresholds whose event is stored for the period, ascending. */
  readonly crossed: number[];
  /** Current period only: the credits projected at the pace of the last 168 hours. */
  readonly projectedCredits: number | null;
  /** Current period only: when that pace reaches the budget, if before the period ends. */
  readonly projectedRunOutAt: string | null;
}

/** One workspace's row on the page. */
export interface WorkspaceRow {
  /** Stable per (workspace, window, asOf): a cache key, not the workspace id. */
  readonly id: string;
  readonly workspace: { readonly id: string; readonly name: string };
  /** Whole credits of the workspace in the window. */
  readonly credits: number;
  /** Exact fraction of the account total; null when that total is <= 0. */
  readonly share: number | null;
  /** share × 100 rounded to 0.1 so that the rows sum to exactly 100.0; null like share. */
  readonly percent: number | null;
  /** The workspace's budget; null when it has none. */
  readonly budget: BudgetStatusRow | null;
}

/** One campaign row of a workspace, or its No campaign row (campaign null). */
export interface CampaignRow {
  /** The campaign; null on the No campaign row. */
  readonly campaign: { readonly id: string; readonly name: string; readonly archived: boolean } | null;
  /** The campaign's name, or "No campaign". */
  readonly label: string;
  readonly credits: number;
  /** Exact fraction of the workspace total; null when that total is <= 0. */
  readonly share: number | null;
  /** share × 100 rounded to 0.1 so the workspace's rows sum to exactly 100.0; null like share. */
  readonly percent: number | null;
  /** The row's credits per kind (kinds with entries only). */
  readonly byKind: KindUsage[];
  /** The campaign's budget; null when it has none and on the No campaign row. */
  readonly budget: BudgetStatusRow | null;
}

/** The usage of an account in a window, read at one ledger snapshot. */
export interface AccountUsageFields<Row> {
  /** The window counted. */
  readonly window: UsageWindow;
  /** The snapshot: entries recorded after it are not counted. Pass it back to read the same numbers. */
  readonly asOf: string;
  /** When the usage counted last arrived: the latest recordedAt among the entries counted; null when none. */
  readonly lastRecordedAt: string | null;
  /** Credits of the account (of the token's visible workspaces for a scoped token) in the window. */
  readonly totalCredits: number;
  /** totalCredits per kind (kinds with entries only). */
  readonly byKind: KindUsage[];
  /** Workspaces with usage in the window: credits descending, then name, then id. */
  readonly workspaces: Row[];
}

/** The page: an account with its workspace rows (getAccountUsage). */
export interface AccountWithUsage extends AccountSummary {
  readonly usage: AccountUsageFields<WorkspaceRow>;
}

/** A workspace row with its campaign rows, No campaign included: credits descending, then name, then id. */
export interface WorkspaceBreakdownRow extends WorkspaceRow {
  /** The rows add up to exactly the workspace's credits. */
  readonly campaigns: CampaignRow[];
}

/** The page with every workspace's campaign rows, from one request (getAccountBreakdown). */
export interface AccountBreakdown extends AccountSummary {
  readonly usage: AccountUsageFields<WorkspaceBreakdownRow>;
}

/** The expand: one workspace's row with its campaign rows (getWorkspaceCampaigns). */
export type WorkspaceCampaigns = WorkspaceBreakdownRow;

/** The account's name, zone and current billing period (getAccountPeriods). */
export interface AccountPeriods extends AccountSummary {
  /** This calendar month in the account's time zone. */
  readonly currentPeriod: UsageWindow;
}

/** The account's billing periods (getBillingPeriods). */
export interface BillingPeriods {
  readonly id: string;
  readonly timezone: string;
  readonly currentPeriod: UsageWindow;
  /** The current period and the ones before it, newest first (empty periods included). */
  readonly billingPeriods: UsageWindow[];
}

/** The invoice of one billing period (getInvoice). */
export interface Invoice {
  /** The billing period: a calendar month in the account's time zone. */
  readonly period: UsageWindow;
  /** Credits per kind (kinds with entries only). */
  readonly lines: KindUsage[];
  /** The period's total; for the current period a running total. Equals the period's page total. */
  readonly totalCredits: number;
  /** The ledger snapshot counted: the close's for a final invoice. */
  readonly asOf: string;
  /** True once the period is closed (closeBillingPeriod): these numbers never change again. */
  readonly final: boolean;
  /** When the period was closed; null unless final. */
  readonly closedAt: string | null;
}

/** One ledger entry behind a row (listEntries). */
export interface UsageEntry {
  /** Unique per account: the key it was recorded with. */
  readonly idempotencyKey: string;
  /** When the credits were used (ISO-8601 UTC). */
  readonly occurredAt: string;
  /** When the ledger acknowledged it. */
  readonly recordedAt: string;
  readonly kind: CreditKind;
  /** Whole credits; negative for refunds and corrections. */
  readonly credits: number;
  readonly workspace: { readonly id: string; readonly name: string };
  /** null for an entry of No campaign. */
  readonly campaign: { readonly id: string; readonly name: string; readonly archived: boolean } | null;
}

/** One page of a row's entries (listEntries): every page of one walk has the same totals and asOf. */
export interface EntriesPage {
  /** Entries of the whole listing, and their credits: the row's own numbers. */
  readonly totalCount: number;
  readonly totalCredits: number;
  /** The snapshot listed. */
  readonly asOf: string;
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
  readonly edges: { readonly cursor: string; readonly node: UsageEntry }[];
}

/** A bucket size of a series: buckets in the account's time zone (WEEK from Monday 00:00 local). */
export type Granularity = 'HOUR' | 'DAY' | 'WEEK' | 'MONTH';

/** One bucket of a series: [from, to) and its credits. Buckets cover the window, zeros included, oldest first. */
export interface UsageBucket {
  readonly from: string;
  readonly to: string;
  readonly credits: number;
}

/** A row against the comparison window: its credits there and the change. */
export interface RowChange {
  /** This row's credits in the comparison window, at the same asOf; 0 when it had none. */
  readonly previousCredits: number;
  /** (credits − previousCredits) / previousCredits as a fraction (0.42 = 42 % more); null when previousCredits <= 0. */
  readonly change: number | null;
}

/** The window a page is compared with and its total (see docs/api.md "Usage over time"). */
export interface UsageComparison {
  readonly window: UsageWindow;
  readonly totalCredits: number;
}

/** A workspace row with its change (getAccountComparison). */
export type WorkspaceRowWithChange = WorkspaceRow & RowChange;

/** The page with each workspace's change and the comparison's total (getAccountComparison). */
export interface AccountWithComparison extends AccountSummary {
  readonly usage: AccountUsageFields<WorkspaceRowWithChange> & { readonly comparison: UsageComparison };
}

/** A workspace row with its change and series (getAccountSeries). */
export interface WorkspaceSeriesRow extends WorkspaceRowWithChange {
  /** The row's buckets: they sum to exactly its credits. */
  readonly series: UsageBucket[];
}

/** Usage over time: the page with the account's series, the comparison and every row's series (getAccountSeries). */
export interface AccountSeries extends AccountSummary {
  readonly usage: AccountUsageFields<WorkspaceSeriesRow> & { readonly series: UsageBucket[]; readonly comparison: UsageComparison };
}

/** A campaign row (or No campaign) with its change and series. */
export interface CampaignSeriesRow extends CampaignRow, RowChange {
  readonly series: UsageBucket[];
}

/** One workspace's series, change and kinds with its campaign rows' (getWorkspaceCampaignSeries). */
export interface WorkspaceCampaignSeries extends WorkspaceSeriesRow {
  readonly byKind: KindUsage[];
  readonly campaigns: CampaignSeriesRow[];
}
