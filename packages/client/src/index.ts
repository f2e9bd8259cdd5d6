/**
 * @creditlens/client: a typed client for the Creditlens GraphQL API.
 */

export {
  CreditlensClient,
  type AccountsPage,
  type ApiKeyInfo,
  type EntriesOptions,
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
  AccountSummary,
  AccountUsageFields,
  AccountWithUsage,
  BillingPeriods,
  CampaignRow,
  EntriesPage,
  Invoice,
  KindUsage,
  UsageEntry,
  UsageWindow,
  WorkspaceBreakdownRow,
  WorkspaceCampaigns,
  WorkspaceRow,
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
  AccountUsageDocument,
  BillingPeriodsDocument,
  CloseBillingPeriodDocument,
  ListAccountsDocument,
  ListApiKeysDocument,
  ListWorkspacesDocument,
  RecordUsageDocument,
  UsageEntriesDocument,
  WorkspaceCampaignsDocument,
  TypedDocumentString,
  type CreditKind,
  type UsageEntryFilter,
  type UsageEntryInput,
  type UsageWindowInput,
} from './generated/graphql.js';
