/**
 * The errors leaf: the domain's errors, the input checks that raise them, which failures mean
 * "the database is away", and the HTTP/GraphQL answers for all of them. It imports nothing else
 * of the server, so every module may import it.
 */
export { describeProblem, ForbiddenError, InvalidDateTimeError, InvalidInputError, isRequestTimeout, RequestTimeoutError, UnauthenticatedError, type InputProblem } from './domain-errors';
export { checkText, checkTimeZone, MAX_ID_LENGTH, MAX_NAME_LENGTH } from './input-checks';
export { DATABASE_RETRY_AFTER_SECONDS, DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from './database-unavailable';
export {
  databaseUnavailableAnswer,
  ErrorCode,
  errorResponseBody,
  formatError,
  internalErrorsPlugin,
  isInternalError,
  REQUEST_TIMEOUT_RETRY_AFTER_SECONDS,
  retryLaterStatusPlugin,
  toGraphQLError,
  toHttpError,
  type ErrorLogger,
  type RetryLaterAnswer,
} from './error-answers';
