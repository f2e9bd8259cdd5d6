import { gql, type TypedDocumentNode } from '@apollo/client';
import type { AccountUsageData, CampaignRowData, UsageWindow } from './usage.types';

export interface PageQueryData {
  readonly account: { readonly id: string; readonly usage: AccountUsageData } | null;
}
export interface PageQueryVariables {
  readonly accountId: string;
  readonly window?: UsageWindow | null;
}

/**
 * The first query: account total and workspace rows only. Campaigns are deliberately absent;
 * they are fetched per workspace when a row is expanded (WORKSPACE_CAMPAIGNS_QUERY).
 */
export const PAGE_QUERY: TypedDocumentNode<PageQueryData, PageQueryVariables> = gql`
  query CreditUsagePage($accountId: ID!, $window: UsageWindowInput) {
    account(id: $accountId) {
      id
      usage(window: $window) {
        window { from to }
        asOf
        totalCredits
        workspaces { id workspace { id name } credits share percent }
      }
    }
  }
`;

export interface WorkspaceCampaignsData {
  readonly workspaceUsage: { readonly id: string; readonly campaigns: readonly CampaignRowData[] } | null;
}
export interface WorkspaceCampaignsVariables {
  readonly workspaceId: string;
  readonly window: UsageWindow;
  readonly asOf: string;
}

/**
 * The expand query. Selecting `id` merges the campaigns into the cached WorkspaceUsage entry,
 * and the root field is cached by its arguments, so collapse and re-expand read the cache.
 */
export const WORKSPACE_CAMPAIGNS_QUERY: TypedDocumentNode<WorkspaceCampaignsData, WorkspaceCampaignsVariables> = gql`
  query CreditUsageWorkspace($workspaceId: ID!, $window: UsageWindowInput!, $asOf: DateTime) {
    workspaceUsage(workspaceId: $workspaceId, window: $window, asOf: $asOf) {
      id
      campaigns {
        campaign { id name archived }
        label
        credits
        share
        percent
        byKind { kind credits }
      }
    }
  }
`;
