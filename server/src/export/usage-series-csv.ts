/** The series export's format: RFC 4180 like usage.csv, one line per (workspace, campaign row, bucket). */
import { csvDocument, textCell } from './usage-csv';

export const USAGE_SERIES_CSV_COLUMNS = ['workspace_id', 'workspace_name', 'campaign_id', 'campaign_name', 'from', 'to', 'credits'] as const;

export interface UsageSeriesCsvRow {
  readonly workspaceId: string;
  readonly workspaceName: string;
  /** null on the No campaign row (an empty cell). */
  readonly campaignId: string | null;
  readonly campaignName: string;
  readonly from: Date;
  readonly to: Date;
  readonly credits: number;
}

export function usageSeriesCsv(rows: readonly UsageSeriesCsvRow[]): string {
  return csvDocument(
    USAGE_SERIES_CSV_COLUMNS,
    rows.map((row) => [
      textCell(row.workspaceId),
      textCell(row.workspaceName),
      textCell(row.campaignId ?? ''),
      textCell(row.campaignName),
      row.from.toISOString(),
      row.to.toISOString(),
      row.credits.toString(),
    ]),
  );
}
