import { useContext, type MouseEvent, type ReactNode } from 'react';
import type { BudgetStatusData } from '../data/usage.types';
import { BudgetBar } from './budget-bar';
import { fill } from './labels';
import { Sparkline } from './sparkline';
import { TreeContext, useTree, type RowActionTarget } from './tree-context';
import { TrendCell } from './trend-cell';

export interface UsageRowProps {
  readonly rowKey: string;
  readonly level: 1 | 2;
  /** The row's name, shown (ellipsis when narrow) and in full in its tooltip and accessible name. */
  readonly label: string;
  /** Shown after the name (the archived tag, the No campaign explanation). */
  readonly extra?: ReactNode;
  /** The row's budget, shown as a bar under its name; null or absent on rows without one. */
  readonly budget?: BudgetStatusData | null;
  readonly credits: number;
  readonly share: number | null;
  readonly percent: number | null;
  /**
   * Campaign rows: the parent workspace's share of the total. Their bar's track is that long,
   * so a part is drawn inside its whole and can never outgrow it.
   */
  readonly parentShare?: number | null;
  /** The workspace the row belongs to (its own id on a workspace row). */
  readonly workspaceId: string;
  readonly campaignId?: string | null;
  /** Workspace rows only: whether the row is open, and the id of the rowgroup it opens. */
  readonly expanded?: boolean;
  readonly controls?: string;
  readonly onToggle?: () => void;
  /** The row's credits in the comparison window and its change (the trend cell). */
  readonly previousCredits: number;
  readonly change: number | null;
  /** The row's daily credits (its sparkline). */
  readonly series: readonly { readonly credits: number }[];
}

/**
 * One row of the treegrid, presentational. Its cells are, in this order: the name
 * (rowheader), the credits alone, the percent with its bar, the trend (sparkline and change),
 * and the host's actions when given — so the credits are always the second cell, whatever is
 * added around them.
 */
export function UsageRow(props: UsageRowProps) {
  const { rowKey, level, label, extra, budget, credits, share, percent, parentShare, workspaceId, campaignId = null, expanded, controls, onToggle, previousCredits, change, series } = props;
  const { formatters, labels, tabStop, renderRowActions, openEntries } = useTree();
  const expandable = expanded !== undefined;
  const percentText = formatters.percent(percent);
  const target: RowActionTarget = { workspaceId, campaignId, label, credits, level };
  return (
    <div
      role="row"
      aria-level={level}
      aria-expanded={expandable ? expanded : undefined}
      aria-controls={expandable && expanded ? controls : undefined}
      data-state={expandable ? (expanded ? 'open' : 'closed') : undefined}
      data-row-key={rowKey}
      data-workspace-id={workspaceId}
      tabIndex={tabStop === rowKey ? 0 : -1}
      className={`clw-row clw-level-${level}`}
      onClick={onToggle}
    >
      <div role="rowheader" className="clw-name">
        {expandable && <span className="clw-chevron" aria-hidden="true" />}
        <span className="clw-label" title={label}>
          {label}
        </span>
        {openEntries && (
          // No text of its own (an icon drawn in CSS): the row's cells read as before, its name says what it does.
          <button
            type="button"
            className="clw-entries"
            aria-label={fill(labels.viewEntries, { name: label })}
            title={fill(labels.viewEntries, { name: label })}
            tabIndex={tabStop === rowKey ? 0 : -1}
            // Focus stays where it is until the click: a focused row shows its whole name, and
            // taking focus from it on mousedown folded the name back and moved this button from
            // under the pointer, so that the click toggled the row instead.
            onMouseDown={(event) => event.preventDefault()}
            onClick={(event) => {
              event.stopPropagation();
              openEntries(target, event.currentTarget);
            }}
          />
        )}
        {extra}
        {budget && <BudgetBar status={budget} />}
      </div>
      <div role="gridcell" className="clw-credits">
        {formatters.credits(credits)}
      </div>
      <div
        role="gridcell"
        className="clw-percent"
        aria-label={percent === null ? undefined : fill(level === 2 ? labels.ofWorkspace : labels.ofTotal, { percent: percentText })}
      >
        <span className="clw-bar-box" aria-hidden="true">
          {barDrawn(credits, share) && (
            <span className="clw-bar" style={{ width: `${trackLength(parentShare)}%` }}>
              <span className="clw-bar-fill" style={{ width: `${share! * 100}%` }} />
            </span>
          )}
        </span>
        <span className="clw-percent-text">{percentText}</span>
      </div>
      <TrendCell row={{ credits, previousCredits, change }}>
        <Sparkline values={series.map((bucket) => bucket.credits)} />
      </TrendCell>
      {renderRowActions && (
        // The host's controls keep their own clicks and keys (tree-keyboard.ts leaves them alone).
        <div role="gridcell" className="clw-actions" onClick={stopPropagation}>
          {renderRowActions(target)}
        </div>
      )}
    </div>
  );
}

function stopPropagation(event: MouseEvent): void {
  event.stopPropagation();
}

/**
 * A bar only says something true for a share within 0–100 %: a refund row (negative credits)
 * or a sibling pushed past 100 % by one shows its numbers and no bar.
 */
function barDrawn(credits: number, share: number | null): boolean {
  return credits >= 0 && share !== null && share >= 0 && share <= 1;
}

function trackLength(parentShare: number | null | undefined): number {
  return parentShare === undefined || parentShare === null || parentShare < 0 || parentShare > 1 ? 100 : parentShare * 100;
}

/** A full-width row that is not data: loading, error or "nothing here". */
export function StatusRow({ level, children, tone }: { level: 1 | 2; children: ReactNode; tone?: 'error' }) {
  // Also rendered before there is a tree (the loading grid), with the three data columns.
  const withActions = Boolean(useContext(TreeContext)?.renderRowActions);
  return (
    <div role="row" aria-level={level} className={`clw-row clw-status clw-level-${level}${tone ? ` clw-${tone}` : ''}`}>
      <div role="gridcell" aria-colspan={withActions ? 5 : 4} className="clw-status-cell">
        {children}
      </div>
    </div>
  );
}
