/** What the usage resolvers read of a request's context: their slice of the joined Context (app/context.ts). */
import type { Principal } from '../access';
import type { CatalogRepository } from '../catalog';
import type { InvoiceService } from './invoices.service';
import type { RecordUsageService } from './record-usage.service';
import type { UsageEntriesService } from './usage-entries.service';
import type { UsageLoaders } from './usage.loaders';
import type { UsageService } from './usage.service';
import type { UsageOverTimeService } from './usage-over-time.service';

export interface UsageServices {
  readonly usage: UsageService;
  readonly recordUsage: RecordUsageService;
  /** The ledger entries behind a row (usageEntries, the entries CSV) and lastRecordedAt. */
  readonly entries: UsageEntriesService;
  /** Invoices, running and final, and closing billing periods. */
  readonly invoices: InvoiceService;
  /** Series, comparisons and byKind of the page's rows. */
  readonly usageOverTime: UsageOverTimeService;
  /** The expand query finds its workspace (and the account it belongs to) in the catalog. */
  readonly catalog: CatalogRepository;
}

export interface UsageContext {
  readonly principal: Principal;
  /** The request's clock: one "now" for every field of one answer. */
  readonly now: Date;
  readonly services: UsageServices;
  readonly loaders: UsageLoaders;
}
