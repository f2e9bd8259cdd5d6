/**
 * Usage: the ledger (recordUsage), snapshots (asOf), windows planned over the rollups and summed
 * in SQL, the account page and its expand rows, the entries behind any row, invoices (running
 * and final) and billing periods. Imports access/,
 * catalog/ and the leaves.
 */
export { FreshnessResolver } from './freshness.resolver';
export { InvoiceService } from './invoices.service';
export { InvoicesResolver } from './invoices.resolver';
export { UsageEntriesRepository, type EntryRow } from './usage-entries.repository';
export { UsageEntriesResolver } from './usage-entries.resolver';
export { checkFilter, UsageEntriesService, type EntriesRequest, type EntriesStream, type EntryFilterInput } from './usage-entries.service';
export { BillingPeriodResolver } from './billing-periods.resolver';
export { MAX_BILLING_PERIODS } from './billing-periods';
export { RecordUsageResolver } from './record-usage.resolver';
export { RecordUsageService, MAX_BATCH_ENTRIES, type RecordedUsageListener, type RecordedUsageWork, type RecordUsageResult, type UsageEntryInput } from './record-usage.service';
export { RollupMaintenance, type RollupDifference } from './rollup-maintenance';
export { campaignSumsStatement, pageSumsStatement } from './rollup-sql';
export { ROLLUP_TABLES } from './rollups';
export { snapshotKey } from './snapshot';
export type { UsageContext, UsageServices } from './usage.context';
export { createUsageLoaders, type AccountPageKey, type UsageLoaders } from './usage.loaders';
export { UsageRepository, type LedgerEntry } from './usage.repository';
export type { UsageSnapshot } from './usage.model';
export { AccountUsageResolver, WorkspaceUsageResolver } from './usage.resolver';
export { AccountUsage, CampaignUsage, UsageWindow, WorkspaceUsage } from './usage.types';
export { AccountUsageOverTimeResolver, CampaignUsageOverTimeResolver, WorkspaceUsageOverTimeResolver } from './usage-over-time.resolver';
export { UsageOverTimeService } from './usage-over-time.service';
export { UsageService } from './usage.service';
export { planWindow } from './window-planner';
