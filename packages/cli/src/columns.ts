/** Aligned text columns for the CLI's tables: every cell padded to its column's widest, two spaces between columns. */
export type Alignment = 'left' | 'right';

export interface Columns {
  readonly widths: readonly number[];
  /** One row as a line, trailing spaces trimmed. */
  render(row: readonly string[]): string;
  /** A line of dashes as wide as the table. */
  readonly rule: string;
}

/** Columns as wide as the widest cell of `rows`; `alignment(column)` says which side a column's cells keep to. */
export function columnsOf(rows: ReadonlyArray<readonly string[]>, alignment: (column: number) => Alignment): Columns {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return {
    widths,
    render: (row) => row.map((cell, column) => (alignment(column) === 'right' ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join('  ').trimEnd(),
    rule: '-'.repeat(widths.reduce((sum, width) => sum + width, 0) + 2 * (widths.length - 1)),
  };
}
