import { useContext, type ReactNode } from 'react';
import { TreeContext } from './tree-context';
import { describeChange, type Change } from './trend';
import type { Formatters } from './format';
import type { Labels } from './labels';
import type { UsageWindow } from '../data/usage.types';

/**
 * A row's trend: its sparkline (decoration) and its change, "▲ 42 %", "new" or "▼ 8 %", whose
 * accessible name says what it is compared with ("42 % more than in 1–31 May 2026").
 */
export function TrendCell({ row, children, tree, footer }: { row: Change; children?: ReactNode; tree?: { labels: Labels; formatters: Formatters; comparison: UsageWindow | null }; footer?: boolean }) {
  const inTree = useContext(TreeContext);
  const context = tree ?? inTree!;
  const { text, name, direction } = describeChange(row, context.comparison, context.labels, context.formatters);
  const content = (
    <>
      {children}
      <span className={`clw-change clw-change-${direction}`} aria-label={name} role="img">
        {text}
      </span>
    </>
  );
  // The footer is not part of the grid: a plain span there, a gridcell in a row.
  return footer ? (
    <span className="clw-trend">{content}</span>
  ) : (
    <div role="gridcell" className="clw-trend">
      {content}
    </div>
  );
}
