/** The CSV export (GET /export/usage.csv): the page's campaign rows as a file, through the same account gate and UsageService calls as GraphQL. */
export { USAGE_EXPORT_PATH, usageExportRoute } from './usage-export.route';
export { UsageExportService, type UsageExport, type UsageExportRequest } from './usage-export.service';
