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

/** A time window, half-open: entries with from <= occurredAt < to. from must be before to; at most 366 days. */
export type UsageWindowInput = {
  /** Start instant, included. */
  from: string;
  /** End instant, excluded. */
  to: string;
};

export type UsageTotalsFragment = { asOf: string, totalCredits: number, window: { from: string, to: string }, byKind: Array<{ kind: CreditKind, credits: number }> };

export type WorkspaceRowFragment = { id: string, credits: number, share: number | null, percent: number | null, workspace: { id: string, name: string } };

export type CampaignRowFragment = { label: string, credits: number, share: number | null, percent: number | null, campaign: { id: string, name: string, archived: boolean } | null, byKind: Array<{ kind: CreditKind, credits: number }> };

export type SeriesBucketFragment = { from: string, to: string, credits: number };

export type WorkspaceChangeFragment = { previousCredits: number, change: number | null };

export type CampaignChangeFragment = { previousCredits: number, change: number | null };

export type CreditUsagePageQueryVariables = Exact<{
  accountId: string;
  window?: UsageWindowInput | null | undefined;
}>;


export type CreditUsagePageQuery = { account: { id: string, timezone: string, usage: { asOf: string, totalCredits: number, window: { from: string, to: string }, comparison: { totalCredits: number, window: { from: string, to: string } }, workspaces: Array<{ id: string, credits: number, share: number | null, percent: number | null, previousCredits: number, change: number | null, series: Array<{ from: string, to: string, credits: number }>, workspace: { id: string, name: string } }> } } | null };

export type CreditUsageWorkspaceQueryVariables = Exact<{
  workspaceId: string;
  window: UsageWindowInput;
  asOf?: string | null | undefined;
}>;


export type CreditUsageWorkspaceQuery = { workspaceUsage: { id: string, campaigns: Array<{ label: string, credits: number, share: number | null, percent: number | null, previousCredits: number, change: number | null, series: Array<{ from: string, to: string, credits: number }>, campaign: { id: string, name: string, archived: boolean } | null, byKind: Array<{ kind: CreditKind, credits: number }> }> } | null };

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
      totalCredits
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
        series {
          ...SeriesBucket
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
}
fragment SeriesBucket on UsageBucket {
  from
  to
  credits
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
        ...SeriesBucket
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
}
fragment SeriesBucket on UsageBucket {
  from
  to
  credits
}
fragment CampaignChange on CampaignUsage {
  previousCredits
  change
}`) as unknown as TypedDocumentString<CreditUsageWorkspaceQuery, CreditUsageWorkspaceQueryVariables>;