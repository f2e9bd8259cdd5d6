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

export type AccountBreakdownQueryVariables = Exact<{
  accountId: string;
  window?: UsageWindowInput | null | undefined;
  asOf?: string | null | undefined;
}>;


export type AccountBreakdownQuery = { account: { id: string, name: string, timezone: string, usage: { asOf: string, totalCredits: number, workspaces: Array<{ id: string, credits: number, share: number | null, percent: number | null, campaigns: Array<{ label: string, credits: number, share: number | null, percent: number | null, campaign: { id: string, name: string, archived: boolean } | null, byKind: Array<{ kind: CreditKind, credits: number }> }>, workspace: { id: string, name: string } }>, window: { from: string, to: string }, byKind: Array<{ kind: CreditKind, credits: number }> } } | null };

export type AccountInvoiceQueryVariables = Exact<{
  accountId: string;
  period: UsageWindowInput;
}>;


export type AccountInvoiceQuery = { account: { id: string, invoice: { totalCredits: number, period: { from: string, to: string }, lines: Array<{ kind: CreditKind, credits: number }> } } | null };

export type AccountPeriodsQueryVariables = Exact<{
  accountId: string;
}>;


export type AccountPeriodsQuery = { account: { id: string, name: string, timezone: string, currentPeriod: { from: string, to: string } } | null };

export type AccountUsageQueryVariables = Exact<{
  accountId: string;
  window?: UsageWindowInput | null | undefined;
  asOf?: string | null | undefined;
}>;


export type AccountUsageQuery = { account: { id: string, name: string, timezone: string, usage: { asOf: string, totalCredits: number, workspaces: Array<{ id: string, credits: number, share: number | null, percent: number | null, workspace: { id: string, name: string } }>, window: { from: string, to: string }, byKind: Array<{ kind: CreditKind, credits: number }> } } | null };

export type BillingPeriodsQueryVariables = Exact<{
  accountId: string;
  last?: number | null | undefined;
}>;


export type BillingPeriodsQuery = { account: { id: string, timezone: string, currentPeriod: { from: string, to: string }, billingPeriods: Array<{ from: string, to: string }> } | null };

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

export type UsageTotalsFragment = { asOf: string, totalCredits: number, window: { from: string, to: string }, byKind: Array<{ kind: CreditKind, credits: number }> };

export type WorkspaceRowFragment = { id: string, credits: number, share: number | null, percent: number | null, workspace: { id: string, name: string } };

export type CampaignRowFragment = { label: string, credits: number, share: number | null, percent: number | null, campaign: { id: string, name: string, archived: boolean } | null, byKind: Array<{ kind: CreditKind, credits: number }> };

export type SeriesBucketFragment = { from: string, to: string, credits: number };

export type WorkspaceChangeFragment = { previousCredits: number, change: number | null };

export type CampaignChangeFragment = { previousCredits: number, change: number | null };

export type RecordUsageMutationVariables = Exact<{
  entries: Array<UsageEntryInput> | UsageEntryInput;
}>;


export type RecordUsageMutation = { recordUsage: { accepted: number, duplicates: number } };

export type AccountUsageComparisonQueryVariables = Exact<{
  accountId: string;
  window?: UsageWindowInput | null | undefined;
  asOf?: string | null | undefined;
}>;


export type AccountUsageComparisonQuery = { account: { id: string, name: string, timezone: string, usage: { asOf: string, totalCredits: number, comparison: { totalCredits: number, window: { from: string, to: string } }, workspaces: Array<{ id: string, credits: number, share: number | null, percent: number | null, previousCredits: number, change: number | null, workspace: { id: string, name: string } }>, window: { from: string, to: string }, byKind: Array<{ kind: CreditKind, credits: number }> } } | null };

export type AccountSeriesQueryVariables = Exact<{
  accountId: string;
  window?: UsageWindowInput | null | undefined;
  asOf?: string | null | undefined;
  granularity: Granularity;
}>;


export type AccountSeriesQuery = { account: { id: string, name: string, timezone: string, usage: { asOf: string, totalCredits: number, series: Array<{ from: string, to: string, credits: number }>, comparison: { totalCredits: number, window: { from: string, to: string } }, workspaces: Array<{ id: string, credits: number, share: number | null, percent: number | null, previousCredits: number, change: number | null, series: Array<{ from: string, to: string, credits: number }>, workspace: { id: string, name: string } }>, window: { from: string, to: string }, byKind: Array<{ kind: CreditKind, credits: number }> } } | null };

export type WorkspaceCampaignSeriesQueryVariables = Exact<{
  workspaceId: string;
  window: UsageWindowInput;
  asOf?: string | null | undefined;
  granularity: Granularity;
}>;


export type WorkspaceCampaignSeriesQuery = { workspaceUsage: { id: string, credits: number, share: number | null, percent: number | null, previousCredits: number, change: number | null, byKind: Array<{ kind: CreditKind, credits: number }>, series: Array<{ from: string, to: string, credits: number }>, campaigns: Array<{ label: string, credits: number, share: number | null, percent: number | null, previousCredits: number, change: number | null, series: Array<{ from: string, to: string, credits: number }>, campaign: { id: string, name: string, archived: boolean } | null, byKind: Array<{ kind: CreditKind, credits: number }> }>, workspace: { id: string, name: string } } | null };

export type WorkspaceCampaignsQueryVariables = Exact<{
  workspaceId: string;
  window: UsageWindowInput;
  asOf?: string | null | undefined;
}>;


export type WorkspaceCampaignsQuery = { workspaceUsage: { id: string, credits: number, share: number | null, percent: number | null, campaigns: Array<{ label: string, credits: number, share: number | null, percent: number | null, campaign: { id: string, name: string, archived: boolean } | null, byKind: Array<{ kind: CreditKind, credits: number }> }>, workspace: { id: string, name: string } } | null };

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
  totalCredits
  byKind {
    kind
    credits
  }
}
    `, {"fragmentName":"UsageTotals"}) as unknown as TypedDocumentString<UsageTotalsFragment, unknown>;
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
}
    `, {"fragmentName":"WorkspaceRow"}) as unknown as TypedDocumentString<WorkspaceRowFragment, unknown>;
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
}
    `, {"fragmentName":"CampaignRow"}) as unknown as TypedDocumentString<CampaignRowFragment, unknown>;
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
}`) as unknown as TypedDocumentString<AccountBreakdownQuery, AccountBreakdownQueryVariables>;
export const AccountInvoiceDocument = new TypedDocumentString(`
    query AccountInvoice($accountId: ID!, $period: UsageWindowInput!) {
  account(id: $accountId) {
    id
    invoice(period: $period) {
      period {
        from
        to
      }
      lines {
        kind
        credits
      }
      totalCredits
    }
  }
}
    `) as unknown as TypedDocumentString<AccountInvoiceQuery, AccountInvoiceQueryVariables>;
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
}`) as unknown as TypedDocumentString<WorkspaceCampaignsQuery, WorkspaceCampaignsQueryVariables>;