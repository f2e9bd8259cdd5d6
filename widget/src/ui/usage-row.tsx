import type { KeyboardEvent, MouseEvent, ReactNode } from 'react';
import { useTree } from './tree-context';

export interface UsageRowProps {
  readonly rowKey: string;
  readonly level: 1 | 2;
  readonly name: ReactNode;
  readonly credits: number;
  readonly share: number | null;
  readonly percent: number | null;
  /** The workspace the row belongs to (its own id on a workspace row). */
  readonly workspaceId: string;
  /** Workspace rows only: whether the row is open, and the id of the rowgroup it opens. */
  readonly expanded?: boolean;
  readonly controls?: string;
  readonly onToggle?: (event: MouseEvent | KeyboardEvent) => void;
}

/** One row of the treegrid, presentational: name, credits, percent with its share bar. */
export function UsageRow({ rowKey, level, name, credits, share, percent, expanded, controls, workspaceId, onToggle }: UsageRowProps) {
  const { formatters, tabStop } = useTree();
  const expandable = expanded !== undefined;
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
        {name}
      </div>
      <div role="gridcell" className="clw-credits">
        {formatters.credits(credits)}
      </div>
      <div role="gridcell" className="clw-percent">
        <span className="clw-bar" aria-hidden="true">
          <span className="clw-bar-fill" style={{ width: `${barWidth(share)}%` }} />
        </span>
        <span className="clw-percent-text">{formatters.percent(percent)}</span>
      </div>
    </div>
  );
}

// Refunds can push a share below 0 or a sibling above 1; the bar shows what fits in its track.
function barWidth(share: number | null): number {
  return share === null ? 0 : Math.min(100, Math.max(0, share * 100));
}

/** A full-width row that is not data: loading, error or "nothing here". */
export function StatusRow({ level, children, tone }: { level: 1 | 2; children: ReactNode; tone?: 'error' }) {
  return (
    <div role="row" aria-level={level} className={`clw-row clw-status clw-level-${level}${tone ? ` clw-${tone}` : ''}`}>
      <div role="gridcell" aria-colspan={3} className="clw-status-cell">
        {children}
      </div>
    </div>
  );
}
