/** The CSV export's format: RFC 4180 (CRLF line ends, quoted where needed), one header line. */

export const USAGE_CSV_COLUMNS = ['workspace_id', 'workspace_name', 'campaign_id', 'campaign_name', 'credits', 'percent_of_workspace'] as const;

export interface UsageCsvRow {
  readonly workspaceId: string;
  readonly workspaceName: string;
  /** null on the No campaign row (an empty cell). */
  readonly campaignId: string | null;
  readonly campaignName: string;
  readonly credits: bigint;
  /** Percent of the workspace, one decimal; null when the workspace total is <= 0 (an empty cell). */
  readonly percent: number | null;
}

export function usageCsv(rows: readonly UsageCsvRow[]): string {
  return csvDocument(
    USAGE_CSV_COLUMNS,
    rows.map((row) => [
      textCell(row.workspaceId),
      textCell(row.workspaceName),
      textCell(row.campaignId ?? ''),
      textCell(row.campaignName),
      row.credits.toString(),
      row.percent === null ? '' : row.percent.toFixed(1),
    ]),
  );
}

/** A whole CSV document: the header line, then one line per row of cells already written (textCell() for text), each line ended by CRLF. */
export function csvDocument(columns: readonly string[], rows: readonly (readonly string[])[]): string {
  return [columns, ...rows].map((cells) => `${cells.join(',')}\r\n`).join('');
}

/** What Excel needs to read UTF-8: a byte-order mark, written only when asked (`?bom=1`), as it confuses other readers. */
export const UTF8_BOM = '\uFEFF';

/**
 * A cell a spreadsheet would run as a formula: one starting with `=`, `+`, `-` or `@` (or their
 * full-width forms, which Excel and Sheets read as the same), also after leading spaces, which
 * they skip; or with a tab, carriage return or line feed, which start a formula in some.
 */
const FORMULA_START = /^(?:[\t\r\n]|[\s\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/;

/**
 * A text cell: neutralised against spreadsheet formulas, then quoted per RFC 4180 when it holds
 * a comma, quote or line break. Ids and names come from the host platform and its users, so a
 * name like `=HYPERLINK(…)` must open as text: such a cell gets a `'` in front (OWASP's advice).
 * Numbers are written by us and left alone, so a refund's `-40` stays a number.
 */
export function textCell(value: string): string {
  const neutral = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(neutral) ? `"${neutral.replace(/"/g, '""')}"` : neutral;
}
