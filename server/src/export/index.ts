/**
 * The CSV exports: GET /export/usage.csv (the page's campaign rows) and GET /export/entries.csv
 * (the ledger entries behind a row, streamed), through the same account gate and usage services as GraphQL.
 */
export { ENTRIES_EXPORT_PATH, entriesExportRoute } from './entries-export.route';
export { USAGE_EXPORT_PATH, usageExportRoute } from './usage-export.route';
export { UsageExportService, type UsageExport, type UsageExportRequest } from './usage-export.service';
