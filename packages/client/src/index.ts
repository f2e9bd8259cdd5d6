/**
 * @creditlens/client: a typed client for the Creditlens GraphQL API.
 */

export {
  CreditlensClient,
  type AccountsPage,
  type ApiKeyInfo,
  type ListOptions,
  type CreditlensClientOptions,
  type RecordProgress,
  type RecordUsageOptions,
  type RecordUsageSummary,
  type RetryNotice,
  type WorkspacesPage,
} from './client.js';
export type {
  AccountBreakdown,
  AccountPeriods,
  AccountSeries,
  AccountSummary,
  AccountWithComparison,
  AccountUsageFields,
  AccountWithUsage,
  BillingPeriods,
  CampaignRow,
  CampaignSeriesRow,
  Granularity,
  Invoice,
  KindUsage,
  RowChange,
  UsageBucket,
  UsageComparison,
  UsageWindow,
  WorkspaceBreakdownRow,
  WorkspaceCampaigns,
  WorkspaceCampaignSeries,
  WorkspaceRow,
  WorkspaceRowWithChange,
  WorkspaceSeriesRow,
} from './results.js';
export {
  CreditlensError,
  RecordUsageError,
  SERVER_ERROR_CODES,
  type ClientErrorCode,
  type ErrorCode,
  type InputProblem,
  type RecordedSoFar,
  type ServerErrorCode,
} from './errors.js';
export { BatchBuilder, DEFAULT_BATCH_ENTRIES, MAX_BATCH_ENTRIES, MAX_REQUEST_BYTES, splitIntoBatches, type Batch, type BatchLimits } from './batches.js';
export type { RetryOptions } from './retry.js';
export {
  AccountBreakdownDocument,
  AccountInvoiceDocument,
  AccountPeriodsDocument,
  AccountSeriesDocument,
  AccountUsageComparisonDocument,
  AccountUsageDocument,
  BillingPeriodsDocument,
  ListAccountsDocument,
  ListApiKeysDocument,
  ListWorkspacesDocument,
  RecordUsageDocument,
  WorkspaceCampaignSeriesDocument,
  WorkspaceCampaignsDocument,
  TypedDocumentString,
  type CreditKind,
  type UsageEntryInput,
  type UsageWindowInput,
} from './generated/graphql.js';
