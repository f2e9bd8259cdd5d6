/** A row's change against the comparison window, as the widget shows and announces it, and the "largest rise" order. */
import type { UsageWindow } from '../data/usage.types';
import type { Formatters } from './format';
import { fill, type Labels } from './labels';

export interface Change {
  readonly credits: number;
  readonly previousCredits: number;
  /** (credits − previousCredits) / previousCredits; null when previousCredits <= 0. */
  readonly change: number | null;
}

export type SortOrder = 'credits' | 'rise';

/** "▲ 42 %" and its accessible name, which says what the row is compared with. */
export function describeChange(row: Change, comparison: UsageWindow | null, labels: Labels, formatters: Formatters): { text: string; name: string; direction: 'up' | 'down' | 'same' | 'new' | 'none' } {
  const window = comparison && comparison.from !== comparison.to ? formatters.period(comparison) : labels.nothingToCompare;
  if (row.change === null) {
    const direction = row.previousCredits === 0 ? 'new' : 'none';
    return direction === 'new'
      ? { text: labels.changeNew, name: fill(labels.changeNewName, { window }), direction }
      : { text: labels.changeNone, name: fill(labels.changeNoneName, { window }), direction };
  }
  const percent = Math.round(Math.abs(row.change) * 100);
  if (percent === 0) return { text: labels.changeSame, name: fill(labels.changeSameName, { window }), direction: 'same' };
  const values = { percent: formatters.credits(percent), window };
  return row.change > 0
    ? { text: fill(labels.changeUp, values), name: fill(labels.changeUpName, values), direction: 'up' }
    : { text: fill(labels.changeDown, values), name: fill(labels.changeDownName, values), direction: 'down' };
}

/**
 * Rows in the chosen order: the API's (credits) as given, or by the largest rise in credits
 * (credits − previousCredits) first; ties keep the API's order (Array.prototype.sort is stable).
 * Only the screen is re-ordered: the API, the CSV and the percents keep credits order.
 */
export function sortRows<R extends Change>(rows: readonly R[], order: SortOrder): readonly R[] {
  return order === 'credits' ? rows : [...rows].sort((a, b) => b.credits - b.previousCredits - (a.credits - a.previousCredits));
}
