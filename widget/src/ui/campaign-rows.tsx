import { useEffect } from 'react';
import { describeFailure } from './error-message';
import { useWorkspaceCampaigns } from '../data/use-workspace-campaigns';
import type { CampaignRowData } from '../data/usage.types';
import { fill } from './labels';
import { explainNoCampaign } from './no-campaign';
import { campaignRowKey, useTree } from './tree-context';
import { StatusRow, UsageRow } from './usage-row';
import { sortRows } from './trend';

export interface CampaignRowsProps {
  readonly workspaceId: string;
  readonly workspaceName: string;
  /** The workspace's share of the total: the length of its campaigns' bar track. */
  readonly workspaceShare: number | null;
}

/**
 * The open part of a workspace row. It mounts only while the row is expanded and owns the
 * workspace query, which is what makes campaign detail lazy: nothing asks for it until then.
 */
export function CampaignRows({ workspaceId, workspaceName, workspaceShare }: CampaignRowsProps) {
  const tree = useTree();
  const { loading, error, campaigns, retry } = useWorkspaceCampaigns(workspaceId, tree.window, tree.asOf);
  const { reportBusy, reportError, labels } = tree;

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
          {describeFailure(error, labels).message} ({workspaceName})
        </span>
        <button type="button" className="clw-button" onClick={retry}>
          {labels.retry}
        </button>
      </StatusRow>
    );
  }
  if (loading || !campaigns) {
    return (
      <StatusRow level={2}>
        <span className="clw-spinner" aria-hidden="true" />
        {fill(labels.loadingCampaigns, { name: workspaceName })}
      </StatusRow>
    );
  }
  if (campaigns.length === 0) return <StatusRow level={2}>{labels.noCampaignUsage}</StatusRow>;
  return (
    <>
      {sortRows(campaigns, tree.sort).map((row) => (
        <CampaignRow key={campaignRowKey(workspaceId, row.campaign?.id ?? null)} workspaceId={workspaceId} workspaceShare={workspaceShare} row={row} />
      ))}
    </>
  );
}

function CampaignRow({ workspaceId, workspaceShare, row }: { workspaceId: string; workspaceShare: number | null; row: CampaignRowData }) {
  const { labels, formatters } = useTree();
  const extra = row.campaign ? (
    row.campaign.archived && <span className="clw-tag">{labels.archived}</span>
  ) : (
    <span className="clw-note">{explainNoCampaign(row.byKind, labels, formatters.locale)}</span>
  );
  return (
    <UsageRow
      rowKey={campaignRowKey(workspaceId, row.campaign?.id ?? null)}
      workspaceId={workspaceId}
      campaignId={row.campaign?.id ?? null}
      level={2}
      label={row.campaign ? row.label : labels.noCampaign}
      extra={extra}
      budget={row.budget}
      credits={row.credits}
      share={row.share}
      percent={row.percent}
      parentShare={workspaceShare}
      previousCredits={row.previousCredits}
      change={row.change}
      series={row.series}
    />
  );
}
