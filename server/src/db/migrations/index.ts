import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { UsageRollups1764100000000 } from './1764100000000-usage-rollups';
import { RowLevelSecurity1764200000000 } from './1764200000000-row-level-security';
import { PageRollupsWithoutKind1764300000000 } from './1764300000000-page-rollups-without-kind';
import { CoveringLedgerIndexes1764400000000 } from './1764400000000-covering-ledger-indexes';
import { MonthRollups1764500000000 } from './1764500000000-month-rollups';
import { CoveringRecordedIndex1764600000000 } from './1764600000000-covering-recorded-index';
import { LedgerReferencesByImmutableCatalog1764700000000 } from './1764700000000-ledger-references-by-immutable-catalog';
import { WorkspaceRecordedIndex1764800000000 } from './1764800000000-workspace-recorded-index';
import { AccountAbsoluteCredits1764900000000 } from './1764900000000-account-absolute-credits';
import { CatalogListingsAndKeyLifetimes1765000000000 } from './1765000000000-catalog-listings-and-key-lifetimes';
import { WebhookOutbox1766000000000 } from './1766000000000-webhook-outbox';
import { ClosedPeriods1766200000000 } from './1766200000000-closed-periods';
import { Budgets1766300000000 } from './1766300000000-budgets';
import { WebhookDelivery1766400000000 } from './1766400000000-webhook-delivery';
import { RollupFillfactor1766500000000 } from './1766500000000-rollup-fillfactor';
import { RateLimitBuckets1766600000000 } from './1766600000000-rate-limit-buckets';
import { AccountLedgerVersion1766700000000 } from './1766700000000-account-ledger-version';
import { LocalDayRollups1766800000000 } from './1766800000000-local-day-rollups';

/** Every migration, oldest first. */
export const MIGRATIONS = [
  InitialSchema1764000000000,
  UsageRollups1764100000000,
  RowLevelSecurity1764200000000,
  PageRollupsWithoutKind1764300000000,
  CoveringLedgerIndexes1764400000000,
  MonthRollups1764500000000,
  CoveringRecordedIndex1764600000000,
  LedgerReferencesByImmutableCatalog1764700000000,
  WorkspaceRecordedIndex1764800000000,
  AccountAbsoluteCredits1764900000000,
  CatalogListingsAndKeyLifetimes1765000000000,
  WebhookOutbox1766000000000,
  ClosedPeriods1766200000000,
  Budgets1766300000000,
  WebhookDelivery1766400000000,
  RollupFillfactor1766500000000,
  RateLimitBuckets1766600000000,
  AccountLedgerVersion1766700000000,
  LocalDayRollups1766800000000,
];
