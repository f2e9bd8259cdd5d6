/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
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

/** A time window, half-open: entries with from <= occurredAt < to. from must be before to; at most 366 days. */
export type UsageWindowInput = {
  /** Start instant, included. */
  from: string;
  /** End instant, excluded. */
  to: string;
};

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

export type CreditUsageEntriesQueryVariables = Exact<{
  accountId: string;
  window: UsageWindowInput;
  asOf: string;
  filter: UsageEntryFilter;
  first: number;
  after?: string | null | undefined;
}>;


export type CreditUsageEntriesQuery = { usageEntries: { totalCount: number, totalCredits: number, asOf: string, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { idempotencyKey: string, occurredAt: string, recordedAt: string, kind: CreditKind, credits: number, workspace: { id: string, name: string }, campaign: { id: string, name: string, archived: boolean } | null } }> } | null };

export type CreditUsagePageQueryVariables = Exact<{
  accountId: string;
  window?: UsageWindowInput | null | undefined;
}>;


export type CreditUsagePageQuery = { account: { id: string, timezone: string, usage: { asOf: string, lastRecordedAt: string | null, totalCredits: number, window: { from: string, to: string }, comparison: { totalCredits: number, window: { from: string, to: string } }, series: Array<{ from: string }>, workspaces: Array<{ id: string, credits: number, share: number | null, percent: number | null, previousCredits: number, change: number | null, series: Array<{ credits: number }>, workspace: { id: string, name: string }, budget: { used: number | null, crossed: Array<number>, projectedCredits: number | null, projectedRunOutAt: string | null, budget: { id: string, creditsPerPeriod: number, thresholds: Array<number> }, period: { from: string, to: string } } | null }> } } | null };

export type CreditUsageWorkspaceQueryVariables = Exact<{
  workspaceId: string;
  window: UsageWindowInput;
  asOf?: string | null | undefined;
}>;


export type CreditUsageWorkspaceQuery = { workspaceUsage: { id: string, campaigns: Array<{ label: string, credits: number, share: number | null, percent: number | null, previousCredits: number, change: number | null, series: Array<{ credits: number }>, campaign: { id: string, name: string, archived: boolean } | null, byKind: Array<{ kind: CreditKind, credits: number }>, budget: { used: number | null, crossed: Array<number>, projectedCredits: number | null, projectedRunOutAt: string | null, budget: { id: string, creditsPerPeriod: number, thresholds: Array<number> }, period: { from: string, to: string } } | null }> } | null };

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
export const CreditUsageEntriesDocument = new TypedDocumentString(`
    query CreditUsageEntries($accountId: ID!, $window: UsageWindowInput!, $asOf: DateTime!, $filter: UsageEntryFilter!, $first: Int!, $after: String) {
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
}`) as unknown as TypedDocumentString<CreditUsageEntriesQuery, CreditUsageEntriesQueryVariables>;
export const CreditUsagePageDocument = new TypedDocumentString(`
    query CreditUsagePage($accountId: ID!, $window: UsageWindowInput) {
  account(id: $accountId) {
    id
    timezone
    usage(window: $window) {
      window {
        from
        to
      }
      asOf
      lastRecordedAt
      totalCredits
      comparison {
        window {
          from
          to
        }
        totalCredits
      }
      series {
        from
      }
      workspaces {
        ...WorkspaceRow
        ...WorkspaceChange
        series {
          credits
        }
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
}`) as unknown as TypedDocumentString<CreditUsagePageQuery, CreditUsagePageQueryVariables>;
export const CreditUsageWorkspaceDocument = new TypedDocumentString(`
    query CreditUsageWorkspace($workspaceId: ID!, $window: UsageWindowInput!, $asOf: DateTime) {
  workspaceUsage(workspaceId: $workspaceId, window: $window, asOf: $asOf) {
    id
    campaigns {
      ...CampaignRow
      ...CampaignChange
      series {
        credits
      }
    }
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
fragment CampaignChange on CampaignUsage {
  previousCredits
  change
}`) as unknown as TypedDocumentString<CreditUsageWorkspaceQuery, CreditUsageWorkspaceQueryVariables>;