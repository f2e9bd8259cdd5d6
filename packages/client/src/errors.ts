/** Where the server says an input went wrong: a field, and for batch entries the entry's index. */
export interface InputProblem {
  /** Index of the entry in the input given to the client (for recordUsage, across all batches). */
  readonly index?: number;
  readonly field: string;
  readonly message: string;
}

/**
 * Every `extensions.code` the Creditlens server sends. The server's `ErrorCode` enum is the
 * source; a server test fails when this list and that enum differ.
 */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'INTERNAL_SERVER_ERROR',
  'NOT_FOUND',
  'RATE_LIMITED',
  'REQUEST_TIMEOUT',
  'DATABASE_UNAVAILABLE',
  'SERVER_BUSY',
  'SHUTTING_DOWN',
  'PAYLOAD_TOO_LARGE',
  'BAD_REQUEST',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
] as const;

/** A code the server answers with (`CreditlensError.code` is one of these, or NETWORK_ERROR / HTTP_<status>). */
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * An error the Creditlens API answered (or a transport failure that outlived the retries).
 * `code` is the server's `extensions.code` (UNAUTHENTICATED, FORBIDDEN, BAD_USER_INPUT,
 * PAYLOAD_TOO_LARGE, INTERNAL_SERVER_ERROR…), or NETWORK_ERROR / HTTP_<status> when no
 * GraphQL answer came back.
 */
export class CreditlensError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** The HTTP status of the last response, when there was one. */
    readonly status: number | undefined,
    readonly problems: readonly InputProblem[] = [],
  ) {
    super(message);
    this.name = 'CreditlensError';
  }
}

/** What recordUsage had done when a batch was rejected: the earlier batches are recorded, this one is not. */
export interface RecordedSoFar {
  readonly accepted: number;
  readonly duplicates: number;
  /** Entries (from the start of the input) in batches the server committed. */
  readonly entriesDone: number;
}

/**
 * A batch of recordUsage was rejected. Nothing of that batch was written (batches are atomic);
 * the batches before it were. `problems` carry indexes into the whole input, and so does the message.
 */
export class RecordUsageError extends CreditlensError {
  constructor(
    cause: CreditlensError,
    /** Index in the input of the rejected batch's first entry. */
    readonly batchStart: number,
    readonly recordedSoFar: RecordedSoFar,
  ) {
    const problems = cause.problems.map((p) => (p.index === undefined ? p : { ...p, index: p.index + batchStart }));
    const described = problems.some((p) => p.index !== undefined)
      ? problems.map((p) => (p.index === undefined ? `${p.field}: ${p.message}` : `entries[${p.index}].${p.field}: ${p.message}`)).join('; ')
      : cause.message;
    super(cause.code, described, cause.status, problems);
    this.name = 'RecordUsageError';
  }
}
