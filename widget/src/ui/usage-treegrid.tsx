import { useCallback, useId, useMemo, useState, type ReactNode } from 'react';
import type { AccountUsageData } from '../data/usage.types';
import type { Formatters } from './format';
import { TreeContext, type TreeContextValue } from './tree-context';
import { handleTreeKey } from './tree-keyboard';
import { StatusRow } from './usage-row';
import { WorkspaceRow } from './workspace-row';

export type ExpandedState = Readonly<Record<string, boolean>>;

export interface UsageTreegridProps {
  readonly usage: AccountUsageData;
  readonly formatters: Formatters;
  /** Expanded state lives with the caller, so it survives a reload of the page query (another window). */
  readonly expanded: ExpandedState;
  onExpandedChange(workspaceId: string, open: boolean): void;
  reportError(error: unknown): void;
}

/** The By Workspace treegrid: workspace rows, each with its campaign rows while expanded. */
export function UsageTreegrid({ usage, formatters, expanded, onExpandedChange, reportError }: UsageTreegridProps) {
  const idPrefix = useId();
  const [busy, setBusy] = useState<ExpandedState>({});
  const [active, setActive] = useState<ActiveRow | null>(null);

  const reportBusy = useCallback(
    (rowKey: string, isBusy: boolean) => setBusy((previous) => (Boolean(previous[rowKey]) === isBusy ? previous : { ...previous, [rowKey]: isBusy })),
    [],
  );
  const tabStop = rovingTabStop(active, usage, expanded);
  const tree = useMemo<TreeContextValue>(
    () => ({ formatters, window: usage.window, asOf: usage.asOf, tabStop, reportBusy, reportError }),
    [formatters, usage.window, usage.asOf, tabStop, reportBusy, reportError],
  );

  return (
    <TreeContext.Provider value={tree}>
      <TreegridFrame
        busy={Object.values(busy).some(Boolean)}
        onKeyDown={(event) =>
          handleTreeKey(event, { isExpanded: (id) => Boolean(expanded[id]), setExpanded: onExpandedChange })
        }
        onFocus={(event) => {
          const { rowKey, workspaceId } = (event.target as HTMLElement).dataset;
          if (rowKey && workspaceId) setActive({ rowKey, workspaceId });
        }}
      >
        {usage.workspaces.map((row) => (
          <WorkspaceRow
            key={row.workspace.id}
            row={row}
            idPrefix={idPrefix}
            expanded={Boolean(expanded[row.workspace.id])}
            onToggle={(id) => onExpandedChange(id, !expanded[id])}
          />
        ))}
      </TreegridFrame>
    </TreeContext.Provider>
  );
}

/** The grid while the page query loads: the same frame, busy, with one loading row. */
export function LoadingTreegrid() {
  return (
    <TreegridFrame busy>
      <StatusRow level={1}>
        <span className="clw-spinner" aria-hidden="true" />
        Loading credit usage…
      </StatusRow>
    </TreegridFrame>
  );
}

interface FrameProps {
  readonly busy: boolean;
  readonly children: ReactNode;
  readonly onKeyDown?: React.KeyboardEventHandler<HTMLDivElement>;
  readonly onFocus?: React.FocusEventHandler<HTMLDivElement>;
}

function TreegridFrame({ busy, children, onKeyDown, onFocus }: FrameProps) {
  return (
    <div role="treegrid" aria-label="Credit usage by workspace" aria-busy={busy} className="clw-grid" onKeyDown={onKeyDown} onFocus={onFocus}>
      <div role="rowgroup" className="clw-head">
        <div role="row" className="clw-row clw-header">
          <div role="columnheader">Workspace / campaign</div>
          <div role="columnheader" className="clw-credits">
            Credits
          </div>
          <div role="columnheader" className="clw-percent">
            Share
          </div>
        </div>
      </div>
      {children}
    </div>
  );
}

/**
 * The row that takes Tab into the grid: the last focused one while it is still on screen,
 * otherwise the first workspace row.
 */
function rovingTabStop(active: ActiveRow | null, usage: AccountUsageData, expanded: ExpandedState): string | null {
  const first = usage.workspaces[0]?.workspace.id ?? null;
  if (active === null) return first;
  const isWorkspaceRow = active.rowKey === active.workspaceId;
  const present = usage.workspaces.some((row) => row.workspace.id === active.workspaceId);
  return present && (isWorkspaceRow || expanded[active.workspaceId]) ? active.rowKey : first;
}

interface ActiveRow {
  readonly rowKey: string;
  readonly workspaceId: string;
}
