import { useEffect } from 'react';
import { describeFailure } from '../data/error-message';
import { useWorkspaceCampaigns } from '../data/use-workspace-campaigns';
import type { CampaignRowData } from '../data/usage.types';
import { explainNoCampaign } from './no-campaign';
import { campaignRowKey, useTree } from './tree-context';
import { StatusRow, UsageRow } from './usage-row';

export interface CampaignRowsProps {
  readonly workspaceId: string;
  readonly workspaceName: string;
}

/**
 * The open part of a workspace row. It mounts only while the row is expanded and owns the
 * workspace query, which is what makes campaign detail lazy: nothing asks for it until then.
 */
export function CampaignRows({ workspaceId, workspaceName }: CampaignRowsProps) {
  const tree = useTree();
  const { loading, error, campaigns, retry } = useWorkspaceCampaigns(workspaceId, tree.window, tree.asOf);
  const { reportBusy, reportError } = tree;

  useEffect(() => {
    reportBusy(workspaceId, loading);
    return () => reportBusy(workspaceId, false);
  }, [reportBusy, workspaceId, loading]);
  useEffect(() => {
    if (error) reportError(error);
  }, [reportError, error]);

  if (error) {
    return (
      <StatusRow level={2} tone="error">
        <span role="alert">
          {describeFailure(error).message} ({workspaceName})
        </span>
        <button type="button" className="clw-retry" onClick={retry}>
          Retry
        </button>
      </StatusRow>
    );
  }
  if (loading || !campaigns) {
    return (
      <StatusRow level={2}>
        <span className="clw-spinner" aria-hidden="true" />
        Loading campaigns of {workspaceName}…
      </StatusRow>
    );
  }
  if (campaigns.length === 0) return <StatusRow level={2}>No campaign usage in this period.</StatusRow>;
  return (
    <>
      {campaigns.map((row) => (
        <CampaignRow key={campaignRowKey(workspaceId, row.campaign?.id ?? null)} workspaceId={workspaceId} row={row} />
      ))}
    </>
  );
}

function CampaignRow({ workspaceId, row }: { workspaceId: string; row: CampaignRowData }) {
  const name = row.campaign ? (
    <>
      <span className="clw-label">{row.label}</span>
      {row.campaign.archived && <span className="clw-tag">archived</span>}
    </>
  ) : (
    <>
      <span className="clw-label">{row.label}</span>
      <span className="clw-note">{explainNoCampaign(row.byKind)}</span>
    </>
  );
  return (
    <UsageRow
      rowKey={campaignRowKey(workspaceId, row.campaign?.id ?? null)}
      workspaceId={workspaceId}
      level={2}
      name={name}
      credits={row.credits}
      share={row.share}
      percent={row.percent}
    />
  );
}
