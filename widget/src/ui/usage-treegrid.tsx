import { useCallback, useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import type { AccountUsageData, WorkspaceRowData } from '../data/usage.types';
import type { Formatters } from './format';
import { fill, type Labels } from './labels';
import { MORE_ROW_KEY, TreeContext, useTree, type RenderRowActions, type TreeContextValue } from './tree-context';
import { handleTreeKey } from './tree-keyboard';
import { StatusRow } from './usage-row';
import { sortRows, type SortOrder } from './trend';
import { WorkspaceRow } from './workspace-row';

export type ExpandedState = Readonly<Record<string, boolean>>;

/** Rows shown before the "N more workspaces" row. */
export const TOP_ROWS = 10;

export interface UsageTreegridProps {
  readonly usage: AccountUsageData;
  readonly formatters: Formatters;
  readonly labels: Labels;
  /** Expanded state lives with the caller, so it survives a reload of the page query (another window, a refresh). */
  readonly expanded: ExpandedState;
  /** The previous answer is on screen while the next one loads: dimmed and busy. */
  readonly stale: boolean;
  readonly renderRowActions: RenderRowActions | undefined;
  readonly openEntries: TreeContextValue['openEntries'];
  onExpandedChange(workspaceId: string, open: boolean): void;
  reportError(error: unknown): void;
}

/** The By Workspace treegrid: the top workspace rows, each with its campaign rows while expanded, then the rest on demand. */
export function UsageTreegrid(props: UsageTreegridProps) {
  const { usage, formatters, labels, expanded, stale, renderRowActions, openEntries, onExpandedChange, reportError } = props;
  const idPrefix = useId();
  const [busy, setBusy] = useState<ExpandedState>({});
  const [active, setActive] = useState<ActiveRow | null>(null);
  const [showAll, setShowAll] = useState(false);
  const [filter, setFilter] = useState('');
  const [focusNext, setFocusNext] = useState<string | null>(null);
  const [sort, setSort] = useState<SortOrder>('credits');
  const gridRef = useRef<HTMLDivElement>(null);

  const matching = useMemo(() => {
    const needle = filter.trim().toLocaleLowerCase();
    const ordered = sortRows(usage.workspaces, sort);
    return needle ? ordered.filter((row) => row.workspace.name.toLocaleLowerCase().includes(needle)) : ordered;
  }, [usage.workspaces, filter, sort]);
  const shown = showAll || filter ? matching : matching.slice(0, TOP_ROWS);
  const hidden = matching.slice(shown.length);

  const showMore = useCallback(() => {
    setFocusNext(hidden[0]?.workspace.id ?? null);
    setShowAll(true);
  }, [hidden]);
  useEffect(() => {
    if (focusNext === null) return;
    const rows = gridRef.current?.querySelectorAll<HTMLElement>('[role="row"][data-row-key]') ?? [];
    Array.from(rows).find((row) => row.dataset['rowKey'] === focusNext)?.focus();
    setFocusNext(null);
  }, [focusNext]);

  const reportBusy = useCallback(
    (rowKey: string, isBusy: boolean) => setBusy((previous) => (Boolean(previous[rowKey]) === isBusy ? previous : { ...previous, [rowKey]: isBusy })),
    [],
  );
  const tabStop = rovingTabStop(active, shown, hidden.length > 0, expanded);
  const tree = useMemo<TreeContextValue>(
    () => ({ formatters, labels, window: usage.window, asOf: usage.asOf, comparison: usage.comparison.window, sort, tabStop, renderRowActions, openEntries, reportBusy, reportError }),
    [formatters, labels, usage.window, usage.asOf, usage.comparison.window, sort, tabStop, renderRowActions, openEntries, reportBusy, reportError],
  );

  return (
    <TreeContext.Provider value={tree}>
      <div className="clw-toolbar">
        {usage.workspaces.length > TOP_ROWS && (
          <input type="search" className="clw-filter" aria-label={labels.filter} placeholder={labels.filter} value={filter} onChange={(event) => setFilter(event.target.value)} />
        )}
        <label className="clw-sort">
          {labels.sortBy}
          <select className="clw-button" value={sort} onChange={(event) => setSort(event.target.value as SortOrder)}>
            <option value="credits">{labels.sortCredits}</option>
            <option value="rise">{labels.sortRise}</option>
          </select>
        </label>
      </div>
      <TreegridFrame
        gridRef={gridRef}
        labels={labels}
        busy={stale || Object.values(busy).some(Boolean)}
        stale={stale}
        withActions={Boolean(renderRowActions)}
        onKeyDown={(event) =>
          handleTreeKey(event, { isExpanded: (id) => Boolean(expanded[id]), setExpanded: onExpandedChange, showMore })
        }
        onFocus={(event) => {
          const row = (event.target as HTMLElement).closest<HTMLElement>('[role="row"][data-row-key]');
          const { rowKey, workspaceId } = row?.dataset ?? {};
          if (rowKey) setActive({ rowKey, workspaceId: workspaceId ?? '' });
        }}
      >
        {shown.map((row) => (
          <WorkspaceRow
            key={row.workspace.id}
            row={row}
            idPrefix={idPrefix}
            expanded={Boolean(expanded[row.workspace.id])}
            onToggle={(id) => onExpandedChange(id, !expanded[id])}
          />
        ))}
        {hidden.length > 0 && <MoreRow rows={hidden} onActivate={showMore} />}
        {shown.length === 0 && <StatusRow level={1}>{fill(labels.noMatch, { text: filter })}</StatusRow>}
      </TreegridFrame>
    </TreeContext.Provider>
  );
}

/** "190 more workspaces · 1,234 credits": a row of the grid (in the arrow-key order), Enter, Space or a click shows them. */
function MoreRow({ rows, onActivate }: { rows: readonly WorkspaceRowData[]; onActivate(): void }) {
  const { formatters, labels, tabStop, renderRowActions } = useTree();
  const credits = rows.reduce((sum, row) => sum + row.credits, 0);
  return (
    <div role="row" aria-level={1} data-row-key={MORE_ROW_KEY} data-more="" tabIndex={tabStop === MORE_ROW_KEY ? 0 : -1} className="clw-row clw-more" onClick={onActivate}>
      <div role="gridcell" aria-colspan={renderRowActions ? 5 : 4} className="clw-status-cell clw-more-cell">
        {fill(labels.moreWorkspaces, { count: formatters.credits(rows.length), credits: formatters.credits(credits) })}
      </div>
    </div>
  );
}

/** The grid while the page query loads: the same frame, busy, with one loading row. */
export function LoadingTreegrid({ labels }: { labels: Labels }) {
  return (
    <TreegridFrame busy labels={labels} stale={false} withActions={false}>
      <StatusRow level={1}>
        <span className="clw-spinner" aria-hidden="true" />
        {labels.loading}
      </StatusRow>
    </TreegridFrame>
  );
}

interface FrameProps {
  readonly busy: boolean;
  readonly stale: boolean;
  readonly withActions: boolean;
  readonly labels: Labels;
  readonly children: ReactNode;
  readonly gridRef?: React.Ref<HTMLDivElement>;
  readonly onKeyDown?: React.KeyboardEventHandler<HTMLDivElement>;
  readonly onFocus?: React.FocusEventHandler<HTMLDivElement>;
}

function TreegridFrame({ busy, stale, withActions, labels, children, gridRef, onKeyDown, onFocus }: FrameProps) {
  const classes = stale ? 'clw-grid clw-stale' : 'clw-grid';
  return (
    <div ref={gridRef} role="treegrid" aria-label={labels.grid} aria-busy={busy} className={classes} onKeyDown={onKeyDown} onFocus={onFocus}>
      <div role="rowgroup" className="clw-head">
        <div role="row" className="clw-row clw-header">
          <div role="columnheader">{labels.nameColumn}</div>
          <div role="columnheader" className="clw-credits">
            {labels.creditsColumn}
          </div>
          <div role="columnheader" className="clw-percent">
            {labels.shareColumn}
          </div>
          <div role="columnheader" className="clw-trend">
            {labels.trendColumn}
          </div>
          {withActions && (
            <div role="columnheader" className="clw-actions">
              <span className="clw-sr">{labels.actionsColumn}</span>
            </div>
          )}
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
function rovingTabStop(active: ActiveRow | null, shown: readonly WorkspaceRowData[], moreRow: boolean, expanded: ExpandedState): string | null {
  const first = shown[0]?.workspace.id ?? (moreRow ? MORE_ROW_KEY : null);
  if (active === null) return first;
  if (active.rowKey === MORE_ROW_KEY) return moreRow ? MORE_ROW_KEY : first;
  const isWorkspaceRow = active.rowKey === active.workspaceId;
  const present = shown.some((row) => row.workspace.id === active.workspaceId);
  return present && (isWorkspaceRow || expanded[active.workspaceId]) ? active.rowKey : first;
}

interface ActiveRow {
  readonly rowKey: string;
  readonly workspaceId: string;
}
