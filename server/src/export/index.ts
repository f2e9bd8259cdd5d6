/**
 * The CSV exports: GET /export/usage.csv (the page's campaign rows), GET /export/usage-series.csv
 * (their buckets) and GET /export/entries.csv (the ledger entries behind a row, streamed),
 * through the same account gate and usage services as GraphQL.
 */
export { ENTRIES_EXPORT_PATH, entriesExportRoute } from './entries-export.route';
export { USAGE_EXPORT_PATH, USAGE_SERIES_EXPORT_PATH, usageExportRoute, usageSeriesExportRoute } from './usage-export.route';
export { UsageSeriesExportService } from './usage-series-export.service';
export { UsageExportService, type UsageExport, type UsageExportRequest } from './usage-export.service';
