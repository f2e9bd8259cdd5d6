/**
 * The one sort order of every usage table: credits descending, then name, then id.
 */

export interface SpendRow {
  id: string;
  name: string;
  credits: bigint;
}

/**
 * Credits descending, then name ascending, then id ascending.
 * Names and ids compare by UTF-16 code unit, not `localeCompare`, so that the
 * server, the widget and every browser agree on the order whatever their locale.
 */
export function compareBySpend(a: SpendRow, b: SpendRow): number {
  if (a.credits !== b.credits) return a.credits > b.credits ? -1 : 1;
  return compareCodeUnits(a.name, b.name) || compareCodeUnits(a.id, b.id);
}

/** A sorted copy; the input is left as it was. Rows equal in all three keys keep their order. */
export function sortBySpend<T extends SpendRow>(rows: readonly T[]): T[] {
  return [...rows].sort(compareBySpend);
}

function compareCodeUnits(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
