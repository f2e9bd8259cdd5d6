/** Where the server says an input went wrong: a field, and for batch entries the entry's index. */
export interface InputProblem {
  /** Index of the entry in the input given to the client (for recordUsage, across all batches). */
  readonly index?: number;
  readonly field: string;
  readonly message: string;
}

/**
 * Every `extensions.code` the Creditlens server sends: the contract's codes, the HTTP-level answers
 * outside GraphQL execution (413, 429, 503, timeouts, unknown paths) and Apollo Server's own codes
 * for requests that never reach a resolver (unparsable documents, failed validation — the query
 * depth and cost limits among them —, malformed requests).
 */
export const SERVER_ERROR_CODES = [
  /** No credential, or one that is unknown, revoked, expired or badly signed (HTTP 401). */
  'UNAUTHENTICATED',
  /** A valid credential that may not do this (e.g. a key of another account, a missing scope). */
  'FORBIDDEN',
  /** Input that breaks a rule; `problems` name the field and, for batches, the entry index. */
  'BAD_USER_INPUT',
  'INTERNAL_SERVER_ERROR',
  /** A path the server does not serve. */
  'NOT_FOUND',
  /** HTTP 429: the credential's rate limit; the client waits for Retry-After and retries. */
  'RATE_LIMITED',
  /** The request ran past the server's time limit. */
  'REQUEST_TIMEOUT',
  /** HTTP 503 + Retry-After: the database is restarting or unreachable. */
  'DATABASE_UNAVAILABLE',
  /** HTTP 503 + Retry-After: too many entries in flight on that server. */
  'SERVER_BUSY',
  /** HTTP 503 + Retry-After: that server is stopping; another replica takes the retry. */
  'SHUTTING_DOWN',
  /** HTTP 413: a request body over 8 MiB (the client splits batches so this does not happen). */
  'PAYLOAD_TOO_LARGE',
  /** A request body that is not JSON, or a request that is not a GraphQL request. */
  'BAD_REQUEST',
  'GRAPHQL_PARSE_FAILED',
  /** The document does not fit the schema, or breaks the depth, cost or root-field limits. */
  'GRAPHQL_VALIDATION_FAILED',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
] as const;

export type ServerErrorCode = (typeof SERVER_ERROR_CODES)[number];

/**
 * Codes the client itself gives when no GraphQL answer came back: NETWORK_ERROR (no answer after
 * the retries), NOT_GRAPHQL_ENDPOINT (the URL answers, but not as a Creditlens GraphQL endpoint:
 * HTML, a 404, something that is not JSON), HTTP_<status> (a non-GraphQL answer with that status).
 */
export type ClientErrorCode = 'NETWORK_ERROR' | 'NOT_GRAPHQL_ENDPOINT' | `HTTP_${number}`;

/** What CreditlensError.code can be. A code a newer server adds arrives as it was sent. */
export type ErrorCode = ServerErrorCode | ClientErrorCode;

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
