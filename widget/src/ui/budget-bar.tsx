import type { BudgetStatusData } from '../data/usage.types';
import { fill } from './labels';
import { useTree } from './tree-context';

/**
 * A row's budget in its billing period: the used share as a bar with the thresholds as marks
 * (the crossed ones filled), "85 % of budget", and "projected 112 % by 31 Oct" when the pace of
 * the current period passes the budget. The bar is drawn on a scale long enough for its highest
 * threshold (or the share used, past 100 %); the text says the same for assistive technology.
 * A window spanning several periods has no used share: then nothing is shown.
 */
export function BudgetBar({ status }: { status: BudgetStatusData }) {
  const { labels, formatters } = useTree();
  const { used, crossed, budget, projectedCredits, period } = status;
  if (used === null) return null;
  const scale = Math.max(1, used, ...budget.thresholds.map((threshold) => threshold / 100));
  const projected = projectedCredits === null ? 0 : projectedCredits / budget.creditsPerPeriod;
  return (
    <span className="clw-budget">
      <span className="clw-budget-bar" aria-hidden="true">
        <span className={`clw-budget-fill${used >= 1 ? ' clw-over' : ''}`} style={{ width: `${(Math.max(0, used) / scale) * 100}%` }} />
        {budget.thresholds.map((threshold) => (
          <span key={threshold} className={`clw-mark${crossed.includes(threshold) ? ' clw-crossed' : ''}`} style={{ left: `${threshold / scale}%` }} />
        ))}
      </span>
      {fill(labels.budgetUsed, { percent: formatters.wholePercent(used) })}
      {projected > 1 && ` · ${fill(labels.budgetProjected, { percent: formatters.wholePercent(projected), date: formatters.day(Date.parse(period.to) - 1) })}`}
      {crossed.length > 0 && <span className="clw-sr">{` ${fill(labels.budgetCrossed, { thresholds: crossed.map((threshold) => formatters.wholePercent(threshold / 100)).join(', ') })}`}</span>}
    </span>
  );
}
