/** The entries CSV's format (GET /export/entries.csv): RFC 4180 like the usage CSV, one header line, one line per ledger entry. */
import type { EntryRow } from '../usage';
import { textCell } from './usage-csv';

export const ENTRIES_CSV_COLUMNS = ['occurred_at', 'recorded_at', 'idempotency_key', 'workspace_id', 'campaign_id', 'kind', 'credits'] as const;

export const ENTRIES_CSV_HEADER = `${ENTRIES_CSV_COLUMNS.join(',')}\r\n`;

/** Lines of entries, each ending in CRLF: instants ISO-8601 UTC with milliseconds; keys and ids neutralised like every text cell. */
export function entriesCsvLines(rows: readonly EntryRow[]): string {
  let text = '';
  for (const row of rows) {
    text += `${new Date(row.occurredAt).toISOString()},${new Date(row.recordedAt).toISOString()},${textCell(row.idempotencyKey)},${textCell(row.workspaceId)},${textCell(row.campaignId ?? '')},${row.kind},${row.credits.toString()}\r\n`;
  }
  return text;
}
