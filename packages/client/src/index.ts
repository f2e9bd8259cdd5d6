/**
 * @creditlens/client: a typed client for the Creditlens GraphQL API.
 */

export {
  CreditlensClient,
  type AccountPeriods,
  type AccountsPage,
  type AccountWithUsage,
  type ApiKeyInfo,
  type ListOptions,
  type CreditlensClientOptions,
  type RecordProgress,
  type RecordUsageOptions,
  type RecordUsageSummary,
  type RetryNotice,
  type WorkspaceCampaigns,
  type WorkspacesPage,
} from './client';
export {
  CreditlensError,
  SERVER_ERROR_CODES,
  RecordUsageError,
  type ClientErrorCode,
  type ErrorCode,
  type InputProblem,
  type RecordedSoFar,
  type ServerErrorCode,
} from './errors';
export { MAX_BATCH_ENTRIES, MAX_REQUEST_BYTES, splitIntoBatches, type Batch, type BatchLimits } from './batches';
export type { RetryOptions } from './retry';
export {
  AccountPeriodsDocument,
  AccountUsageDocument,
  ListAccountsDocument,
  ListApiKeysDocument,
  ListWorkspacesDocument,
  RecordUsageDocument,
  WorkspaceCampaignsDocument,
  TypedDocumentString,
  type CreditKind,
  type UsageEntryInput,
  type UsageWindowInput,
} from './generated/graphql';
