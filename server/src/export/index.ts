/** The CSV exports (GET /export/usage.csv and /export/usage-series.csv): the page's campaign rows as a file, through the same account gate and UsageService calls as GraphQL. */
export { USAGE_EXPORT_PATH, USAGE_SERIES_EXPORT_PATH, usageExportRoute, usageSeriesExportRoute } from './usage-export.route';
export { UsageSeriesExportService } from './usage-series-export.service';
export { UsageExportService, type UsageExport, type UsageExportRequest } from './usage-export.service';
