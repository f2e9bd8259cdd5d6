/**
 * @creditlens/client: a typed client for the Creditlens GraphQL API.
 */

export {
  CreditlensClient,
  type AccountsPage,
  type ApiKeyInfo,
  type BudgetInfo,
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
  BudgetFields,
  BudgetStatusRow,
  CampaignRow,
  Invoice,
  KindUsage,
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
  DeleteBudgetDocument,
  ListAccountsDocument,
  ListBudgetsDocument,
  ListApiKeysDocument,
  ListWorkspacesDocument,
  RecordUsageDocument,
  SetBudgetDocument,
  WorkspaceCampaignsDocument,
  TypedDocumentString,
  type BudgetInput,
  type CreditKind,
  type UsageEntryInput,
  type UsageWindowInput,
} from './generated/graphql.js';
