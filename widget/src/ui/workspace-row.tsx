import type { WorkspaceRowData } from '../data/usage.types';
import { CampaignRows } from './campaign-rows';
import { UsageRow } from './usage-row';

export interface WorkspaceRowProps {
  readonly row: WorkspaceRowData;
  readonly expanded: boolean;
  readonly idPrefix: string;
  onToggle(workspaceId: string): void;
}

/** A workspace row and, while it is open, the rowgroup of its campaigns. */
export function WorkspaceRow({ row, expanded, idPrefix, onToggle }: WorkspaceRowProps) {
  const groupId = `${idPrefix}-${row.workspace.id}`;
  return (
    <>
      <UsageRow
        rowKey={row.workspace.id}
        workspaceId={row.workspace.id}
        level={1}
        label={row.workspace.name}
        credits={row.credits}
        share={row.share}
        percent={row.percent}
        budget={row.budget}
        previousCredits={row.previousCredits}
        change={row.change}
        series={row.series}
        expanded={expanded}
        controls={groupId}
        onToggle={() => onToggle(row.workspace.id)}
      />
      {expanded && (
        <div role="rowgroup" id={groupId} className="clw-group">
          {/* Keyed by the row's cache id: another window or snapshot is another query. */}
          <CampaignRows key={row.id} workspaceId={row.workspace.id} workspaceName={row.workspace.name} workspaceShare={row.share} />
        </div>
      )}
    </>
  );
}
