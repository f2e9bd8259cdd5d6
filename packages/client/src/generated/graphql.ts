/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** What an account API key may do, within its one account. */
export type ApiScope =
  /** Read usage, invoices and billing periods of the account. */
  | 'USAGE_READ'
  /** Record usage entries for the account. */
  | 'USAGE_WRITE';

/** A budget per billing period on the account, one workspace or one campaign. One budget per scope: setting one on a scope that has one replaces it, keeping its id and the threshold events already stored. */
export type BudgetInput = {
  /** The account (an API key: its own). */
  accountId: string;
  /** A campaign of the account (of workspaceId when given): the budget is on that campaign. */
  campaignId?: string | null | undefined;
  /** Whole credits per billing period; greater than 0. */
  creditsPerPeriod: number;
  /** Whole percents of creditsPerPeriod, 1 to 1,000, no repeats: a threshold event is stored when the scope first reaches each in a period. */
  thresholds?: Array<number> | null | undefined;
  /** A workspace of the account; with campaignId, the campaign's workspace. Left out with campaignId, the account-wide budget. */
  workspaceId?: string | null | undefined;
};

/** A kind of credit use. The first three can be attributed to a campaign; the last three never are (they land in the No campaign row). */
export type CreditKind =
  /** Contact-list cleaning. Never attributed to a campaign. */
  | 'CONTACT_LIST_CLEANING'
  /** AI-drafted first emails. Attributed to a campaign when the entry names one. */
  | 'FIRST_EMAIL_DRAFT'
  /** Deep lead enrichment. Attributed to a campaign when the entry names one. */
  | 'LEAD_ENRICHMENT'
  /** Finding leads for a list. Never attributed to a campaign. */
  | 'LEAD_FINDING'
  /** Replies. Attributed to a campaign when the entry names one. */
  | 'REPLY'
  /** Self Learning AI model work. Never attributed to a campaign. */
  | 'SELF_LEARNING_AI';

/** The bucket size of a usage series. Buckets are in the account's time zone: consecutive, covering exactly the window, the first and last cut at its edges. */
export type Granularity =
  /** Local days, from local midnight; a DST day is 23 or 25 hours long. */
  | 'DAY'
  /** Local hours (a window of at most 31 days). A 25-hour DST day has 25 of them. */
  | 'HOUR'
  /** Local calendar months, from local midnight of the 1st (billing periods). */
  | 'MONTH'
  /** Local weeks, from Monday 00:00 local. */
  | 'WEEK';

/** Which row of a usage page the entries explain: the account (no filter), a workspace, a campaign, or a No campaign row; optionally only some kinds. */
export type UsageEntryFilter = {
  /** Only entries of this campaign (of workspaceId when given, else BAD_USER_INPUT). Unknown or invisible: an empty connection. */
  campaignId?: string | null | undefined;
  /** Only entries of these kinds (at least one); null: every kind. */
  kinds?: Array<CreditKind> | null | undefined;
  /** true: only entries without a campaign (the No campaign row of workspaceId, or of every workspace); false or null: no filter. Not with campaignId. */
  noCampaign?: boolean | null | undefined;
  /** Only entries of this workspace. Unknown or invisible: an empty connection. */
  workspaceId?: string | null | undefined;
};

/** One ledger line to record. */
export type UsageEntryInput = {
  /** The account (must exist). */
  accountId: string;
  /** A campaign of that workspace, for FIRST_EMAIL_DRAFT, LEAD_ENRICHMENT and REPLY only; left out, the entry lands in No campaign. */
  campaignId?: string | null | undefined;
  /** Whole credits; negative for refunds and corrections. */
  credits: number;
  /** Unique per account: resending an entry with the same key and content is a no-op (a duplicate). */
  idempotencyKey: string;
  /** The kind of credit use. */
  kind: CreditKind;
  /** When the credits were used (decides the window and billing period). */
  occurredAt: string;
  /** A workspace of that account (must exist). */
  workspaceId: string;
};

/** A time window, half-open: entries with from <= occurredAt < to. from must be before to; at most 366 days. */
export type UsageWindowInput = {
  /** Start instant, included. */
  from: string;
  /** End instant, excluded. */
  to: string;
};

/** How one delivery attempt ended. */
export type WebhookDeliveryStatus =
  /** The endpoint answered 2xx within 10 s: the event is delivered. */
  | 'DELIVERED'
  /** No 2xx answer, and the retry horizon (24 h) had passed: the event is marked failed for this endpoint. */
  | 'FAILED'
  /** No 2xx answer (an error status, a timeout, a refused or unreachable address); another attempt follows at nextAttemptAt. */
  | 'RETRYING';

/** A webhook endpoint to create: where events are POSTed, for which account, and which events. */
export type WebhookEndpointInput = {
  /** The account whose events it receives; null or left out: every account. */
  accountId?: string | null | undefined;
  /** The event types it subscribes to (at least one). */
  events: Array<WebhookEventType>;
  /** An https URL whose host resolves to public addresses only (http, loopback, private and link-local addresses only with WEBHOOK_ALLOW_PRIVATE=1). Redirects are never followed. */
  url: string;
};

/** A kind of event a webhook endpoint can subscribe to. */
export type WebhookEventType =
  /** A budget's scope reached one of its thresholds for the first time in a billing period (body type "budget.threshold_crossed"). */
  | 'BUDGET_THRESHOLD_CROSSED';

export type AccountBreakdownQueryVariables = Exact<{
  accountId: string;
  window?: UsageWindowInput | null | undefined;
  asOf?: string | null | undefined;
}>;


export type AccountBreakdownQuery = { account: { id: string, name: string, timezone: string, usage: { asOf: string, lastRecordedAt: string | null, totalCredits: number, workspaces: Array<{ id: string, credits: number, share: number | null, percent: number | null, campaigns: Array<{ label: string, credits: number, share: number | null, percent: number | null, campaign: { id: string, name: string, archived: boolean } | null, byKind: Array<{ kind: CreditKind, credits: number }>, budget: { used: number | null, crossed: Array<number>, projectedCredits: number | null, projectedRunOutAt: string | null, budget: { id: string, creditsPerPeriod: number, thresholds: Array<number> }, period: { from: string, to: string } } | null }>, workspace: { id: string, name: string }, budget: { used: number | null, crossed: Array<number>, projectedCredits: number | null, projectedRunOutAt: string | null, budget: { id: string, creditsPerPeriod: number, thresholds: Array<number> }, period: { from: string, to: string } } | null }>, window: { from: string, to: string }, byKind: Array<{ kind: CreditKind, credits: number }> } } | null };

export type AccountInvoiceQueryVariables = Exact<{
  accountId: string;
  period: UsageWindowInput;
  asOf?: string | null | undefined;
}>;


export type AccountInvoiceQuery = { account: { id: string, invoice: { totalCredits: number, asOf: string, final: boolean, closedAt: string | null, period: { from: string, to: string }, lines: Array<{ kind: CreditKind, credits: number }> } } | null };

export type CloseBillingPeriodMutationVariables = Exact<{
  accountId: string;
  period: UsageWindowInput;
}>;


export type CloseBillingPeriodMutation = { closeBillingPeriod: { totalCredits: number, asOf: string, final: boolean, closedAt: string | null, period: { from: string, to: string }, lines: Array<{ kind: CreditKind, credits: number }> } };

export type AccountPeriodsQueryVariables = Exact<{
  accountId: string;
}>;


export type AccountPeriodsQuery = { account: { id: string, name: string, timezone: string, currentPeriod: { from: string, to: string } } | null };

export type AccountUsageQueryVariables = Exact<{
  accountId: string;
  window?: UsageWindowInput | null | undefined;
  asOf?: string | null | undefined;
}>;


export type AccountUsageQuery = { account: { id: string, name: string, timezone: string, usage: { asOf: string, lastRecordedAt: string | null, totalCredits: number, workspaces: Array<{ id: string, credits: number, share: number | null, percent: number | null, workspace: { id: string, name: string }, budget: { used: number | null, crossed: Array<number>, projectedCredits: number | null, projectedRunOutAt: string | null, budget: { id: string, creditsPerPeriod: number, thresholds: Array<number> }, period: { from: string, to: string } } | null }>, window: { from: string, to: string }, byKind: Array<{ kind: CreditKind, credits: number }> } } | null };

export type BillingPeriodsQueryVariables = Exact<{
  accountId: string;
  last?: number | null | undefined;
}>;


export type BillingPeriodsQuery = { account: { id: string, timezone: string, currentPeriod: { from: string, to: string }, billingPeriods: Array<{ from: string, to: string }> } | null };

export type SetBudgetMutationVariables = Exact<{
  input: BudgetInput;
}>;


export type SetBudgetMutation = { setBudget: { id: string, creditsPerPeriod: number, thresholds: Array<number>, workspace: { id: string, name: string } | null, campaign: { id: string, name: string, archived: boolean } | null } };

export type DeleteBudgetMutationVariables = Exact<{
  id: string;
}>;


export type DeleteBudgetMutation = { deleteBudget: boolean };

export type ListBudgetsQueryVariables = Exact<{
  accountId: string;
}>;


export type ListBudgetsQuery = { account: { budgets: Array<{ id: string, creditsPerPeriod: number, thresholds: Array<number>, workspace: { id: string, name: string } | null, campaign: { id: string, name: string, archived: boolean } | null }> } | null };

export type ListAccountsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ListAccountsQuery = { accounts: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, name: string, timezone: string } }> } };

export type ListWorkspacesQueryVariables = Exact<{
  accountId: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ListWorkspacesQuery = { account: { workspaces: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, name: string } }> } } | null };

export type ListApiKeysQueryVariables = Exact<{
  accountId: string;
}>;


export type ListApiKeysQuery = { account: { apiKeys: Array<{ id: string, label: string | null, scopes: Array<ApiScope>, createdAt: string, lastUsedAt: string | null, expiresAt: string | null, revokedAt: string | null }> } | null };

export type UsageTotalsFragment = { asOf: string, lastRecordedAt: string | null, totalCredits: number, window: { from: string, to: string }, byKind: Array<{ kind: CreditKind, credits: number }> };

export type WorkspaceRowFragment = { id: string, credits: number, share: number | null, percent: number | null, workspace: { id: string, name: string }, budget: { used: number | null, crossed: Array<number>, projectedCredits: number | null, projectedRunOutAt: string | null, budget: { id: string, creditsPerPeriod: number, thresholds: Array<number> }, period: { from: string, to: string } } | null };

export type CampaignRowFragment = { label: string, credits: number, share: number | null, percent: number | null, campaign: { id: string, name: string, archived: boolean } | null, byKind: Array<{ kind: CreditKind, credits: number }>, budget: { used: number | null, crossed: Array<number>, projectedCredits: number | null, projectedRunOutAt: string | null, budget: { id: string, creditsPerPeriod: number, thresholds: Array<number> }, period: { from: string, to: string } } | null };

export type BudgetFieldsFragment = { id: string, creditsPerPeriod: number, thresholds: Array<number>, workspace: { id: string, name: string } | null, campaign: { id: string, name: string, archived: boolean } | null };

export type BudgetStatusRowFragment = { used: number | null, crossed: Array<number>, projectedCredits: number | null, projectedRunOutAt: string | null, budget: { id: string, creditsPerPeriod: number, thresholds: Array<number> }, period: { from: string, to: string } };

export type UsageEntryRowFragment = { idempotencyKey: string, occurredAt: string, recordedAt: string, kind: CreditKind, credits: number, workspace: { id: string, name: string }, campaign: { id: string, name: string, archived: boolean } | null };

export type InvoiceFieldsFragment = { totalCredits: number, asOf: string, final: boolean, closedAt: string | null, period: { from: string, to: string }, lines: Array<{ kind: CreditKind, credits: number }> };

export type SeriesBucketFragment = { from: string, to: string, credits: number };

export type WorkspaceChangeFragment = { previousCredits: number, change: number | null };

export type CampaignChangeFragment = { previousCredits: number, change: number | null };

export type RecordUsageMutationVariables = Exact<{
  entries: Array<UsageEntryInput> | UsageEntryInput;
}>;


export type RecordUsageMutation = { recordUsage: { accepted: number, duplicates: number } };

export type UsageEntriesQueryVariables = Exact<{
  accountId: string;
  window: UsageWindowInput;
  asOf?: string | null | undefined;
  filter?: UsageEntryFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type UsageEntriesQuery = { usageEntries: { totalCount: number, totalCredits: number, asOf: string, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { idempotencyKey: string, occurredAt: string, recordedAt: string, kind: CreditKind, credits: number, workspace: { id: string, name: string }, campaign: { id: string, name: string, archived: boolean } | null } }> } | null };

export type AccountUsageComparisonQueryVariables = Exact<{
  accountId: string;
  window?: UsageWindowInput | null | undefined;
  asOf?: string | null | undefined;
}>;


export type AccountUsageComparisonQuery = { account: { id: string, name: string, timezone: string, usage: { asOf: string, lastRecordedAt: string | null, totalCredits: number, comparison: { totalCredits: number, window: { from: string, to: string } }, workspaces: Array<{ id: string, credits: number, share: number | null, percent: number | null, previousCredits: number, change: number | null, workspace: { id: string, name: string }, budget: { used: number | null, crossed: Array<number>, projectedCredits: number | null, projectedRunOutAt: string | null, budget: { id: string, creditsPerPeriod: number, thresholds: Array<number> }, period: { from: string, to: string } } | null }>, window: { from: string, to: string }, byKind: Array<{ kind: CreditKind, credits: number }> } } | null };

export type AccountSeriesQueryVariables = Exact<{
  accountId: string;
  window?: UsageWindowInput | null | undefined;
  asOf?: string | null | undefined;
  granularity: Granularity;
}>;


export type AccountSeriesQuery = { account: { id: string, name: string, timezone: string, usage: { asOf: string, lastRecordedAt: string | null, totalCredits: number, series: Array<{ from: string, to: string, credits: number }>, comparison: { totalCredits: number, window: { from: string, to: string } }, workspaces: Array<{ id: string, credits: number, share: number | null, percent: number | null, previousCredits: number, change: number | null, series: Array<{ from: string, to: string, credits: number }>, workspace: { id: string, name: string }, budget: { used: number | null, crossed: Array<number>, projectedCredits: number | null, projectedRunOutAt: string | null, budget: { id: string, creditsPerPeriod: number, thresholds: Array<number> }, period: { from: string, to: string } } | null }>, window: { from: string, to: string }, byKind: Array<{ kind: CreditKind, credits: number }> } } | null };

export type WorkspaceCampaignSeriesQueryVariables = Exact<{
  workspaceId: string;
  window: UsageWindowInput;
  asOf?: string | null | undefined;
  granularity: Granularity;
}>;


export type WorkspaceCampaignSeriesQuery = { workspaceUsage: { id: string, credits: number, share: number | null, percent: number | null, previousCredits: number, change: number | null, byKind: Array<{ kind: CreditKind, credits: number }>, series: Array<{ from: string, to: string, credits: number }>, campaigns: Array<{ label: string, credits: number, share: number | null, percent: number | null, previousCredits: number, change: number | null, series: Array<{ from: string, to: string, credits: number }>, campaign: { id: string, name: string, archived: boolean } | null, byKind: Array<{ kind: CreditKind, credits: number }>, budget: { used: number | null, crossed: Array<number>, projectedCredits: number | null, projectedRunOutAt: string | null, budget: { id: string, creditsPerPeriod: number, thresholds: Array<number> }, period: { from: string, to: string } } | null }>, workspace: { id: string, name: string }, budget: { used: number | null, crossed: Array<number>, projectedCredits: number | null, projectedRunOutAt: string | null, budget: { id: string, creditsPerPeriod: number, thresholds: Array<number> }, period: { from: string, to: string } } | null } | null };

export type CreateWebhookEndpointMutationVariables = Exact<{
  input: WebhookEndpointInput;
}>;


export type CreateWebhookEndpointMutation = { createWebhookEndpoint: { id: string, secret: string } };

export type DeleteWebhookEndpointMutationVariables = Exact<{
  id: string;
}>;


export type DeleteWebhookEndpointMutation = { deleteWebhookEndpoint: boolean };

export type RedeliverWebhookEventMutationVariables = Exact<{
  endpointId: string;
  eventId: string;
}>;


export type RedeliverWebhookEventMutation = { redeliverWebhookEvent: boolean };

export type ListWebhookEndpointsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ListWebhookEndpointsQuery = { webhookEndpoints: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, accountId: string | null, url: string, events: Array<WebhookEventType>, createdAt: string, backlog: { pending: number, due: number, failed: number, oldestDueAt: string | null } } }> } };

export type ListWebhookDeliveriesQueryVariables = Exact<{
  endpointId: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ListWebhookDeliveriesQuery = { webhookDeliveries: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, eventId: string, eventType: WebhookEventType, accountId: string, attempt: number, status: WebhookDeliveryStatus, responseStatus: number | null, durationMs: number, attemptedAt: string, nextAttemptAt: string | null, error: string | null } }> } | null };

export type WorkspaceCampaignsQueryVariables = Exact<{
  workspaceId: string;
  window: UsageWindowInput;
  asOf?: string | null | undefined;
}>;


export type WorkspaceCampaignsQuery = { workspaceUsage: { id: string, credits: number, share: number | null, percent: number | null, campaigns: Array<{ label: string, credits: number, share: number | null, percent: number | null, campaign: { id: string, name: string, archived: boolean } | null, byKind: Array<{ kind: CreditKind, credits: number }>, budget: { used: number | null, crossed: Array<number>, projectedCredits: number | null, projectedRunOutAt: string | null, budget: { id: string, creditsPerPeriod: number, thresholds: Array<number> }, period: { from: string, to: string } } | null }>, workspace: { id: string, name: string }, budget: { used: number | null, crossed: Array<number>, projectedCredits: number | null, projectedRunOutAt: string | null, budget: { id: string, creditsPerPeriod: number, thresholds: Array<number> }, period: { from: string, to: string } } | null } | null };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const UsageTotalsFragmentDoc = new TypedDocumentString(`
    fragment UsageTotals on AccountUsage {
  window {
    from
    to
  }
  asOf
  lastRecordedAt
  totalCredits
  byKind {
    kind
    credits
  }
}
    `, {"fragmentName":"UsageTotals"}) as unknown as TypedDocumentString<UsageTotalsFragment, unknown>;
export const BudgetStatusRowFragmentDoc = new TypedDocumentString(`
    fragment BudgetStatusRow on BudgetStatus {
  budget {
    id
    creditsPerPeriod
    thresholds
  }
  period {
    from
    to
  }
  used
  crossed
  projectedCredits
  projectedRunOutAt
}
    `, {"fragmentName":"BudgetStatusRow"}) as unknown as TypedDocumentString<BudgetStatusRowFragment, unknown>;
export const WorkspaceRowFragmentDoc = new TypedDocumentString(`
    fragment WorkspaceRow on WorkspaceUsage {
  id
  workspace {
    id
    name
  }
  credits
  share
  percent
  budget {
    ...BudgetStatusRow
  }
}
    fragment BudgetStatusRow on BudgetStatus {
  budget {
    id
    creditsPerPeriod
    thresholds
  }
  period {
    from
    to
  }
  used
  crossed
  projectedCredits
  projectedRunOutAt
}`, {"fragmentName":"WorkspaceRow"}) as unknown as TypedDocumentString<WorkspaceRowFragment, unknown>;
export const CampaignRowFragmentDoc = new TypedDocumentString(`
    fragment CampaignRow on CampaignUsage {
  campaign {
    id
    name
    archived
  }
  label
  credits
  share
  percent
  byKind {
    kind
    credits
  }
  budget {
    ...BudgetStatusRow
  }
}
    fragment BudgetStatusRow on BudgetStatus {
  budget {
    id
    creditsPerPeriod
    thresholds
  }
  period {
    from
    to
  }
  used
  crossed
  projectedCredits
  projectedRunOutAt
}`, {"fragmentName":"CampaignRow"}) as unknown as TypedDocumentString<CampaignRowFragment, unknown>;
export const BudgetFieldsFragmentDoc = new TypedDocumentString(`
    fragment BudgetFields on Budget {
  id
  workspace {
    id
    name
  }
  campaign {
    id
    name
    archived
  }
  creditsPerPeriod
  thresholds
}
    `, {"fragmentName":"BudgetFields"}) as unknown as TypedDocumentString<BudgetFieldsFragment, unknown>;
export const UsageEntryRowFragmentDoc = new TypedDocumentString(`
    fragment UsageEntryRow on UsageEntry {
  idempotencyKey
  occurredAt
  recordedAt
  kind
  credits
  workspace {
    id
    name
  }
  campaign {
    id
    name
    archived
  }
}
    `, {"fragmentName":"UsageEntryRow"}) as unknown as TypedDocumentString<UsageEntryRowFragment, unknown>;
export const InvoiceFieldsFragmentDoc = new TypedDocumentString(`
    fragment InvoiceFields on Invoice {
  period {
    from
    to
  }
  lines {
    kind
    credits
  }
  totalCredits
  asOf
  final
  closedAt
}
    `, {"fragmentName":"InvoiceFields"}) as unknown as TypedDocumentString<InvoiceFieldsFragment, unknown>;
export const SeriesBucketFragmentDoc = new TypedDocumentString(`
    fragment SeriesBucket on UsageBucket {
  from
  to
  credits
}
    `, {"fragmentName":"SeriesBucket"}) as unknown as TypedDocumentString<SeriesBucketFragment, unknown>;
export const WorkspaceChangeFragmentDoc = new TypedDocumentString(`
    fragment WorkspaceChange on WorkspaceUsage {
  previousCredits
  change
}
    `, {"fragmentName":"WorkspaceChange"}) as unknown as TypedDocumentString<WorkspaceChangeFragment, unknown>;
export const CampaignChangeFragmentDoc = new TypedDocumentString(`
    fragment CampaignChange on CampaignUsage {
  previousCredits
  change
}
    `, {"fragmentName":"CampaignChange"}) as unknown as TypedDocumentString<CampaignChangeFragment, unknown>;
export const AccountBreakdownDocument = new TypedDocumentString(`
    query AccountBreakdown($accountId: ID!, $window: UsageWindowInput, $asOf: DateTime) {
  account(id: $accountId) {
    id
    name
    timezone
    usage(window: $window, asOf: $asOf) {
      ...UsageTotals
      workspaces {
        ...WorkspaceRow
        campaigns {
          ...CampaignRow
        }
      }
    }
  }
}
    fragment UsageTotals on AccountUsage {
  window {
    from
    to
  }
  asOf
  lastRecordedAt
  totalCredits
  byKind {
    kind
    credits
  }
}
fragment WorkspaceRow on WorkspaceUsage {
  id
  workspace {
    id
    name
  }
  credits
  share
  percent
  budget {
    ...BudgetStatusRow
  }
}
fragment CampaignRow on CampaignUsage {
  campaign {
    id
    name
    archived
  }
  label
  credits
  share
  percent
  byKind {
    kind
    credits
  }
  budget {
    ...BudgetStatusRow
  }
}
fragment BudgetStatusRow on BudgetStatus {
  budget {
    id
    creditsPerPeriod
    thresholds
  }
  period {
    from
    to
  }
  used
  crossed
  projectedCredits
  projectedRunOutAt
}`) as unknown as TypedDocumentString<AccountBreakdownQuery, AccountBreakdownQueryVariables>;
export const AccountInvoiceDocument = new TypedDocumentString(`
    query AccountInvoice($accountId: ID!, $period: UsageWindowInput!, $asOf: DateTime) {
  account(id: $accountId) {
    id
    invoice(period: $period, asOf: $asOf) {
      ...InvoiceFields
    }
  }
}
    fragment InvoiceFields on Invoice {
  period {
    from
    to
  }
  lines {
    kind
    credits
  }
  totalCredits
  asOf
  final
  closedAt
}`) as unknown as TypedDocumentString<AccountInvoiceQuery, AccountInvoiceQueryVariables>;
export const CloseBillingPeriodDocument = new TypedDocumentString(`
    mutation CloseBillingPeriod($accountId: ID!, $period: UsageWindowInput!) {
  closeBillingPeriod(accountId: $accountId, period: $period) {
    ...InvoiceFields
  }
}
    fragment InvoiceFields on Invoice {
  period {
    from
    to
  }
  lines {
    kind
    credits
  }
  totalCredits
  asOf
  final
  closedAt
}`) as unknown as TypedDocumentString<CloseBillingPeriodMutation, CloseBillingPeriodMutationVariables>;
export const AccountPeriodsDocument = new TypedDocumentString(`
    query AccountPeriods($accountId: ID!) {
  account(id: $accountId) {
    id
    name
    timezone
    currentPeriod {
      from
      to
    }
  }
}
    `) as unknown as TypedDocumentString<AccountPeriodsQuery, AccountPeriodsQueryVariables>;
export const AccountUsageDocument = new TypedDocumentString(`
    query AccountUsage($accountId: ID!, $window: UsageWindowInput, $asOf: DateTime) {
  account(id: $accountId) {
    id
    name
    timezone
    usage(window: $window, asOf: $asOf) {
      ...UsageTotals
      workspaces {
        ...WorkspaceRow
      }
    }
  }
}
    fragment UsageTotals on AccountUsage {
  window {
    from
    to
  }
  asOf
  lastRecordedAt
  totalCredits
  byKind {
    kind
    credits
  }
}
fragment WorkspaceRow on WorkspaceUsage {
  id
  workspace {
    id
    name
  }
  credits
  share
  percent
  budget {
    ...BudgetStatusRow
  }
}
fragment BudgetStatusRow on BudgetStatus {
  budget {
    id
    creditsPerPeriod
    thresholds
  }
  period {
    from
    to
  }
  used
  crossed
  projectedCredits
  projectedRunOutAt
}`) as unknown as TypedDocumentString<AccountUsageQuery, AccountUsageQueryVariables>;
export const BillingPeriodsDocument = new TypedDocumentString(`
    query BillingPeriods($accountId: ID!, $last: Int) {
  account(id: $accountId) {
    id
    timezone
    currentPeriod {
      from
      to
    }
    billingPeriods(last: $last) {
      from
      to
    }
  }
}
    `) as unknown as TypedDocumentString<BillingPeriodsQuery, BillingPeriodsQueryVariables>;
export const SetBudgetDocument = new TypedDocumentString(`
    mutation SetBudget($input: BudgetInput!) {
  setBudget(input: $input) {
    ...BudgetFields
  }
}
    fragment BudgetFields on Budget {
  id
  workspace {
    id
    name
  }
  campaign {
    id
    name
    archived
  }
  creditsPerPeriod
  thresholds
}`) as unknown as TypedDocumentString<SetBudgetMutation, SetBudgetMutationVariables>;
export const DeleteBudgetDocument = new TypedDocumentString(`
    mutation DeleteBudget($id: ID!) {
  deleteBudget(id: $id)
}
    `) as unknown as TypedDocumentString<DeleteBudgetMutation, DeleteBudgetMutationVariables>;
export const ListBudgetsDocument = new TypedDocumentString(`
    query ListBudgets($accountId: ID!) {
  account(id: $accountId) {
    budgets {
      ...BudgetFields
    }
  }
}
    fragment BudgetFields on Budget {
  id
  workspace {
    id
    name
  }
  campaign {
    id
    name
    archived
  }
  creditsPerPeriod
  thresholds
}`) as unknown as TypedDocumentString<ListBudgetsQuery, ListBudgetsQueryVariables>;
export const ListAccountsDocument = new TypedDocumentString(`
    query ListAccounts($first: Int, $after: String) {
  accounts(first: $first, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      cursor
      node {
        id
        name
        timezone
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ListAccountsQuery, ListAccountsQueryVariables>;
export const ListWorkspacesDocument = new TypedDocumentString(`
    query ListWorkspaces($accountId: ID!, $first: Int, $after: String) {
  account(id: $accountId) {
    workspaces(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          name
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ListWorkspacesQuery, ListWorkspacesQueryVariables>;
export const ListApiKeysDocument = new TypedDocumentString(`
    query ListApiKeys($accountId: ID!) {
  account(id: $accountId) {
    apiKeys {
      id
      label
      scopes
      createdAt
      lastUsedAt
      expiresAt
      revokedAt
    }
  }
}
    `) as unknown as TypedDocumentString<ListApiKeysQuery, ListApiKeysQueryVariables>;
export const RecordUsageDocument = new TypedDocumentString(`
    mutation RecordUsage($entries: [UsageEntryInput!]!) {
  recordUsage(entries: $entries) {
    accepted
    duplicates
  }
}
    `) as unknown as TypedDocumentString<RecordUsageMutation, RecordUsageMutationVariables>;
export const UsageEntriesDocument = new TypedDocumentString(`
    query UsageEntries($accountId: ID!, $window: UsageWindowInput!, $asOf: DateTime, $filter: UsageEntryFilter, $first: Int, $after: String) {
  usageEntries(
    accountId: $accountId
    window: $window
    asOf: $asOf
    filter: $filter
    first: $first
    after: $after
  ) {
    totalCount
    totalCredits
    asOf
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      cursor
      node {
        ...UsageEntryRow
      }
    }
  }
}
    fragment UsageEntryRow on UsageEntry {
  idempotencyKey
  occurredAt
  recordedAt
  kind
  credits
  workspace {
    id
    name
  }
  campaign {
    id
    name
    archived
  }
}`) as unknown as TypedDocumentString<UsageEntriesQuery, UsageEntriesQueryVariables>;
export const AccountUsageComparisonDocument = new TypedDocumentString(`
    query AccountUsageComparison($accountId: ID!, $window: UsageWindowInput, $asOf: DateTime) {
  account(id: $accountId) {
    id
    name
    timezone
    usage(window: $window, asOf: $asOf) {
      ...UsageTotals
      comparison {
        window {
          from
          to
        }
        totalCredits
      }
      workspaces {
        ...WorkspaceRow
        ...WorkspaceChange
      }
    }
  }
}
    fragment UsageTotals on AccountUsage {
  window {
    from
    to
  }
  asOf
  lastRecordedAt
  totalCredits
  byKind {
    kind
    credits
  }
}
fragment WorkspaceRow on WorkspaceUsage {
  id
  workspace {
    id
    name
  }
  credits
  share
  percent
  budget {
    ...BudgetStatusRow
  }
}
fragment BudgetStatusRow on BudgetStatus {
  budget {
    id
    creditsPerPeriod
    thresholds
  }
  period {
    from
    to
  }
  used
  crossed
  projectedCredits
  projectedRunOutAt
}
fragment WorkspaceChange on WorkspaceUsage {
  previousCredits
  change
}`) as unknown as TypedDocumentString<AccountUsageComparisonQuery, AccountUsageComparisonQueryVariables>;
export const AccountSeriesDocument = new TypedDocumentString(`
    query AccountSeries($accountId: ID!, $window: UsageWindowInput, $asOf: DateTime, $granularity: Granularity!) {
  account(id: $accountId) {
    id
    name
    timezone
    usage(window: $window, asOf: $asOf) {
      ...UsageTotals
      series(granularity: $granularity) {
        ...SeriesBucket
      }
      comparison {
        window {
          from
          to
        }
        totalCredits
      }
      workspaces {
        ...WorkspaceRow
        ...WorkspaceChange
        series(granularity: $granularity) {
          ...SeriesBucket
        }
      }
    }
  }
}
    fragment UsageTotals on AccountUsage {
  window {
    from
    to
  }
  asOf
  lastRecordedAt
  totalCredits
  byKind {
    kind
    credits
  }
}
fragment WorkspaceRow on WorkspaceUsage {
  id
  workspace {
    id
    name
  }
  credits
  share
  percent
  budget {
    ...BudgetStatusRow
  }
}
fragment BudgetStatusRow on BudgetStatus {
  budget {
    id
    creditsPerPeriod
    thresholds
  }
  period {
    from
    to
  }
  used
  crossed
  projectedCredits
  projectedRunOutAt
}
fragment SeriesBucket on UsageBucket {
  from
  to
  credits
}
fragment WorkspaceChange on WorkspaceUsage {
  previousCredits
  change
}`) as unknown as TypedDocumentString<AccountSeriesQuery, AccountSeriesQueryVariables>;
export const WorkspaceCampaignSeriesDocument = new TypedDocumentString(`
    query WorkspaceCampaignSeries($workspaceId: ID!, $window: UsageWindowInput!, $asOf: DateTime, $granularity: Granularity!) {
  workspaceUsage(workspaceId: $workspaceId, window: $window, asOf: $asOf) {
    ...WorkspaceRow
    ...WorkspaceChange
    byKind {
      kind
      credits
    }
    series(granularity: $granularity) {
      ...SeriesBucket
    }
    campaigns {
      ...CampaignRow
      ...CampaignChange
      series(granularity: $granularity) {
        ...SeriesBucket
      }
    }
  }
}
    fragment WorkspaceRow on WorkspaceUsage {
  id
  workspace {
    id
    name
  }
  credits
  share
  percent
  budget {
    ...BudgetStatusRow
  }
}
fragment CampaignRow on CampaignUsage {
  campaign {
    id
    name
    archived
  }
  label
  credits
  share
  percent
  byKind {
    kind
    credits
  }
  budget {
    ...BudgetStatusRow
  }
}
fragment BudgetStatusRow on BudgetStatus {
  budget {
    id
    creditsPerPeriod
    thresholds
  }
  period {
    from
    to
  }
  used
  crossed
  projectedCredits
  projectedRunOutAt
}
fragment SeriesBucket on UsageBucket {
  from
  to
  credits
}
fragment WorkspaceChange on WorkspaceUsage {
  previousCredits
  change
}
fragment CampaignChange on CampaignUsage {
  previousCredits
  change
}`) as unknown as TypedDocumentString<WorkspaceCampaignSeriesQuery, WorkspaceCampaignSeriesQueryVariables>;
export const CreateWebhookEndpointDocument = new TypedDocumentString(`
    mutation CreateWebhookEndpoint($input: WebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) {
    id
    secret
  }
}
    `) as unknown as TypedDocumentString<CreateWebhookEndpointMutation, CreateWebhookEndpointMutationVariables>;
export const DeleteWebhookEndpointDocument = new TypedDocumentString(`
    mutation DeleteWebhookEndpoint($id: ID!) {
  deleteWebhookEndpoint(id: $id)
}
    `) as unknown as TypedDocumentString<DeleteWebhookEndpointMutation, DeleteWebhookEndpointMutationVariables>;
export const RedeliverWebhookEventDocument = new TypedDocumentString(`
    mutation RedeliverWebhookEvent($endpointId: ID!, $eventId: ID!) {
  redeliverWebhookEvent(endpointId: $endpointId, eventId: $eventId)
}
    `) as unknown as TypedDocumentString<RedeliverWebhookEventMutation, RedeliverWebhookEventMutationVariables>;
export const ListWebhookEndpointsDocument = new TypedDocumentString(`
    query ListWebhookEndpoints($first: Int, $after: String) {
  webhookEndpoints(first: $first, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      cursor
      node {
        id
        accountId
        url
        events
        createdAt
        backlog {
          pending
          due
          failed
          oldestDueAt
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ListWebhookEndpointsQuery, ListWebhookEndpointsQueryVariables>;
export const ListWebhookDeliveriesDocument = new TypedDocumentString(`
    query ListWebhookDeliveries($endpointId: ID!, $first: Int, $after: String) {
  webhookDeliveries(endpointId: $endpointId, first: $first, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      cursor
      node {
        id
        eventId
        eventType
        accountId
        attempt
        status
        responseStatus
        durationMs
        attemptedAt
        nextAttemptAt
        error
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ListWebhookDeliveriesQuery, ListWebhookDeliveriesQueryVariables>;
export const WorkspaceCampaignsDocument = new TypedDocumentString(`
    query WorkspaceCampaigns($workspaceId: ID!, $window: UsageWindowInput!, $asOf: DateTime) {
  workspaceUsage(workspaceId: $workspaceId, window: $window, asOf: $asOf) {
    ...WorkspaceRow
    campaigns {
      ...CampaignRow
    }
  }
}
    fragment WorkspaceRow on WorkspaceUsage {
  id
  workspace {
    id
    name
  }
  credits
  share
  percent
  budget {
    ...BudgetStatusRow
  }
}
fragment CampaignRow on CampaignUsage {
  campaign {
    id
    name
    archived
  }
  label
  credits
  share
  percent
  byKind {
    kind
    credits
  }
  budget {
    ...BudgetStatusRow
  }
}
fragment BudgetStatusRow on BudgetStatus {
  budget {
    id
    creditsPerPeriod
    thresholds
  }
  period {
    from
    to
  }
  used
  crossed
  projectedCredits
  projectedRunOutAt
}`) as unknown as TypedDocumentString<WorkspaceCampaignsQuery, WorkspaceCampaignsQueryVariables>;