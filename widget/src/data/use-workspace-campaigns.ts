import { useQuery } from '@apollo/client/react';
import { WORKSPACE_CAMPAIGNS_QUERY } from './queries';
import type { CampaignRowData, UsageWindow } from './usage.types';

export interface WorkspaceCampaignsState {
  readonly loading: boolean;
  readonly error: unknown;
  readonly campaigns: readonly CampaignRowData[] | undefined;
  retry(): void;
}

/**
 * The campaign rows of one workspace, at the page's snapshot (`asOf`) so that they add up to
 * the workspace row shown above them. Cache-first: collapse and re-expand cost no request.
 */
export function useWorkspaceCampaigns(workspaceId: string, window: UsageWindow, asOf: string): WorkspaceCampaignsState {
  const { data, loading, error, refetch } = useQuery(WORKSPACE_CAMPAIGNS_QUERY, {
    // Only from/to: the window read from the page answer also carries __typename, which an input type refuses.
    variables: { workspaceId, window: { from: window.from, to: window.to }, asOf },
  });
  return {
    loading,
    error,
    campaigns: error || !data ? undefined : (data.workspaceUsage?.campaigns ?? []),
    retry: () => void refetch().catch(() => undefined),
  };
}
