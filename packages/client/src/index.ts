/**
 * @creditlens/client: a typed client for the Creditlens GraphQL API.
 */

export {
  CreditlensClient,
  type AccountPeriods,
  type AccountWithUsage,
  type CreditlensClientOptions,
  type RecordProgress,
  type RecordUsageOptions,
  type RecordUsageSummary,
  type RetryNotice,
  type WorkspaceCampaigns,
} from './client.js';
export { CreditlensError, RecordUsageError, type InputProblem, type RecordedSoFar } from './errors.js';
export { MAX_BATCH_ENTRIES, MAX_REQUEST_BYTES, splitIntoBatches, type Batch, type BatchLimits } from './batches.js';
export type { RetryOptions } from './retry.js';
export {
  AccountPeriodsDocument,
  AccountUsageDocument,
  RecordUsageDocument,
  WorkspaceCampaignsDocument,
  TypedDocumentString,
  type CreditKind,
  type UsageEntryInput,
  type UsageWindowInput,
} from './generated/graphql.js';
