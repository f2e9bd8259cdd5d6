/**
 * Errors the domain raises, independent of GraphQL. error-answers.ts turns them into the
 * contract's codes; anything else is an internal error and is masked in production.
 */

import { GraphQLError } from 'graphql';

/** Where a rejected value sits: a field path, and for batch entries the entry's index. */
export interface InputProblem {
  readonly field: string;
  readonly message: string;
  readonly index?: number;
}

/** The caller sent something invalid. Maps to BAD_USER_INPUT. */
export class InvalidInputError extends Error {
  readonly problems: readonly InputProblem[];

  constructor(problems: readonly InputProblem[], summary?: string) {
    super(summary ?? problems.map(describeProblem).join('; '));
    this.name = 'InvalidInputError';
    this.problems = problems;
  }

  static of(field: string, message: string): InvalidInputError {
    return new InvalidInputError([{ field, message }]);
  }
}

export function describeProblem(problem: InputProblem): string {
  const where = problem.index === undefined ? problem.field : `entries[${problem.index}].${problem.field}`;
  return `${where}: ${problem.message}`;
}

/** The credential is valid but does not allow this. Maps to FORBIDDEN. */
export class ForbiddenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ForbiddenError';
  }
}

/** No credential, or one that is not valid (unknown, revoked, expired, tampered). Maps to UNAUTHENTICATED. */
export class UnauthenticatedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnauthenticatedError';
  }
}

/**
 * The request's time ran out before (or while) the database worked for it: a statement was
 * cancelled by its statement timeout, or was not started because no time was left. Maps to
 * REQUEST_TIMEOUT (503, Retry-After), the answer of the request time limit itself.
 */
export class RequestTimeoutError extends Error {
  constructor(message = 'the request ran out of time and its database work was cancelled: ask for less (a shorter window, fewer fields) or retry') {
    super(message);
    this.name = 'RequestTimeoutError';
  }
}

/** PostgreSQL's query_canceled, and the words it uses when the cause is statement_timeout (not a user's cancel). */
const QUERY_CANCELED = '57014';

/** True when `error` (or the driver error TypeORM wraps) is a statement cancelled by its statement timeout, or a RequestTimeoutError. */
export function isRequestTimeout(error: unknown): boolean {
  if (error instanceof RequestTimeoutError) return true;
  const failed = error as { code?: unknown; message?: unknown; driverError?: unknown; originalError?: unknown } | null;
  if (failed === null || typeof failed !== 'object') return false;
  if (failed.code === QUERY_CANCELED && typeof failed.message === 'string' && /statement timeout/.test(failed.message)) return true;
  return isRequestTimeout(failed.driverError) || isRequestTimeout(failed.originalError);
}

/**
 * A DateTime that is no instant: BAD_USER_INPUT wherever it is met, also in a literal of the
 * document, which graphql-js otherwise reports as a validation failure (see error-answers.ts).
 */
export class InvalidDateTimeError extends GraphQLError {}
