/**
 * The HTTP and GraphQL error vocabulary: the contract's codes, and the answers (status, headers,
 * GraphQL-shaped body) that middlewares, routes and Apollo's formatError send for them.
 */
import { ApolloServerErrorCode, unwrapResolverError } from '@apollo/server/errors';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { DATABASE_RETRY_AFTER_SECONDS, DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from './database-unavailable';
import { ForbiddenError, InvalidDateTimeError, InvalidInputError, isRequestTimeout, RequestTimeoutError, UnauthenticatedError } from './domain-errors';

/** What the internal-errors plugin needs of a logger (pino's `error(object, message)`). */
export interface ErrorLogger {
  error(details: object, message: string): void;
}

/**
 * Every `extensions.code` the server sends (Apollo's names where Apollo has one). This is the
 * complete list: @creditlens/client's `ServerErrorCode` union is checked against it (error-codes.test.ts).
 */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  BAD_USER_INPUT: ApolloServerErrorCode.BAD_USER_INPUT,
  INTERNAL_SERVER_ERROR: ApolloServerErrorCode.INTERNAL_SERVER_ERROR,
  /** HTTP-level answers outside GraphQL execution. */
  NOT_FOUND: 'NOT_FOUND',
  RATE_LIMITED: 'RATE_LIMITED',
  REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
  /** 503 + Retry-After: the database is restarting or unreachable; retry the same request. */
  DATABASE_UNAVAILABLE: 'DATABASE_UNAVAILABLE',
  /** 503 + Retry-After: too many recordUsage entries in flight on this server; retry the same batch. */
  SERVER_BUSY: 'SERVER_BUSY',
  /** 503 + Retry-After: this server is stopping (SIGTERM) and takes no new requests; retry (another replica). */
  SHUTTING_DOWN: 'SHUTTING_DOWN',
  /** 413: the request body is larger than the server accepts. */
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  /** 400: the request body is not JSON (or not the JSON a GraphQL request is). */
  BAD_REQUEST: ApolloServerErrorCode.BAD_REQUEST,
  /** 400: the document does not parse. */
  GRAPHQL_PARSE_FAILED: ApolloServerErrorCode.GRAPHQL_PARSE_FAILED,
  /** 400: the document does not validate against the schema or exceeds a query limit. */
  GRAPHQL_VALIDATION_FAILED: ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED,
  /** 400: Apollo could not choose the operation to run (several in the document, none named). */
  OPERATION_RESOLUTION_FAILURE: ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE,
  /** Apollo's automatic persisted queries, which this server does not keep. */
  PERSISTED_QUERY_NOT_FOUND: ApolloServerErrorCode.PERSISTED_QUERY_NOT_FOUND,
  PERSISTED_QUERY_NOT_SUPPORTED: ApolloServerErrorCode.PERSISTED_QUERY_NOT_SUPPORTED,
} as const;

/** One of the codes above. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const HTTP_STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, BAD_USER_INPUT: 400, DATABASE_UNAVAILABLE: 503, REQUEST_TIMEOUT: 503 };

/** What a request that ran out of time is told to wait before retrying, s (the time limit's answer says the same). */
export const REQUEST_TIMEOUT_RETRY_AFTER_SECONDS = 1;

/** An answer that tells the client to come back: HTTP status, Retry-After seconds and the GraphQL-shaped body. */
export interface RetryLaterAnswer {
  readonly status: 503;
  readonly retryAfterSeconds: number;
  readonly body: ReturnType<typeof errorResponseBody>;
}

/** 503 + Retry-After when `error` means the database is away (database-unavailable.ts); null otherwise. */
export function databaseUnavailableAnswer(error: unknown): RetryLaterAnswer | null {
  if (!isDatabaseUnavailable(error)) return null;
  return {
    status: 503,
    retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
    body: errorResponseBody(ErrorCode.DATABASE_UNAVAILABLE, DATABASE_UNAVAILABLE_MESSAGE, { retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS }),
  };
}

/** An error answered outside GraphQL execution (middleware, CSV export), shaped like a GraphQL error response. */
export function errorResponseBody(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
  return { errors: [{ message, extensions: { code, ...extensions } }] };
}

/** A domain error as an HTTP status and body, for the surfaces beside GraphQL; null for anything else. */
export function toHttpError(error: unknown): { status: number; headers: Record<string, string>; body: ReturnType<typeof errorResponseBody> } | null {
  const unavailable = databaseUnavailableAnswer(error);
  if (unavailable) return { status: unavailable.status, headers: { 'retry-after': String(unavailable.retryAfterSeconds) }, body: unavailable.body };
  const mapped = toGraphQLError(error);
  if (!mapped) return null;
  const { code, http: _http, ...extensions } = mapped.extensions as Record<string, unknown> & { code: string };
  const headers: Record<string, string> = code === ErrorCode.REQUEST_TIMEOUT ? { 'retry-after': String(REQUEST_TIMEOUT_RETRY_AFTER_SECONDS) } : {};
  return { status: HTTP_STATUS[code] ?? 400, headers, body: errorResponseBody(code as ErrorCode, mapped.message, extensions) };
}

/** The one place domain errors become GraphQL errors. */
export function toGraphQLError(error: unknown): GraphQLError | null {
  if (error instanceof InvalidInputError) {
    const [first] = error.problems;
    return new GraphQLError(error.message, {
      extensions: {
        code: ErrorCode.BAD_USER_INPUT,
        ...(error.problems.length === 1 && first?.index === undefined ? { field: first?.field } : {}),
        problems: error.problems.map((p) => ({ ...(p.index === undefined ? {} : { index: p.index }), field: p.field, message: p.message })),
      },
    });
  }
  if (error instanceof ForbiddenError) return new GraphQLError(error.message, { extensions: { code: ErrorCode.FORBIDDEN } });
  if (error instanceof UnauthenticatedError) {
    return new GraphQLError(error.message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
  }
  if (isRequestTimeout(error)) {
    return new GraphQLError(error instanceof RequestTimeoutError ? error.message : new RequestTimeoutError().message, {
      extensions: { code: ErrorCode.REQUEST_TIMEOUT, retryAfterSeconds: REQUEST_TIMEOUT_RETRY_AFTER_SECONDS },
    });
  }
  if (isDatabaseUnavailable(error)) {
    return new GraphQLError(DATABASE_UNAVAILABLE_MESSAGE, {
      extensions: { code: ErrorCode.DATABASE_UNAVAILABLE, retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS },
    });
  }
  return null;
}

/**
 * Apollo decides a response's HTTP status before formatError sees a resolver's failure, so an
 * operation that failed because the database is away would answer 200. This plugin makes it
 * 503 with Retry-After — the status every HTTP client and load balancer reads as "try again" —
 * whenever any error of the response is DATABASE_UNAVAILABLE or REQUEST_TIMEOUT (a statement
 * cancelled by the request's statement timeout).
 */
export function retryLaterStatusPlugin<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const errors = response.body.singleResult.errors ?? [];
          const unavailable = errors.find((error) => error.extensions?.code === ErrorCode.DATABASE_UNAVAILABLE);
          const timedOut = errors.find((error) => error.extensions?.code === ErrorCode.REQUEST_TIMEOUT);
          if (!unavailable && !timedOut) return;
          response.http.status = 503;
          response.http.headers.set('retry-after', String(unavailable ? DATABASE_RETRY_AFTER_SECONDS : REQUEST_TIMEOUT_RETRY_AFTER_SECONDS));
        },
      };
    },
  };
}

/** A DateTime literal that is no instant: graphql-js wraps the scalar's error in a validation error. */
function isInvalidDateTime(error: unknown): boolean {
  for (let cause = error; cause instanceof Error; cause = (cause as GraphQLError).originalError) {
    if (cause instanceof InvalidDateTimeError) return true;
    if (!(cause instanceof GraphQLError)) return false;
  }
  return false;
}

/**
 * An error no code of the contract explains: a bug or a failure of something underneath. It is
 * logged with its request id and masked in production (formatError).
 */
export function isInternalError(error: unknown): boolean {
  if (toGraphQLError(unwrapResolverError(error)) || isInvalidDateTime(error)) return false;
  const code = error instanceof GraphQLError ? error.extensions?.code : undefined;
  return typeof code !== 'string' || code === ErrorCode.INTERNAL_SERVER_ERROR;
}

/**
 * Internal errors of a GraphQL operation: each logged (message, stack, path, operation) under the
 * request's id. Every error answered carries the id as `extensions.requestId` — for an internal
 * error the one thing the client may quote, since production masks everything else.
 */
export function internalErrorsPlugin<TContext extends { requestId: string }>(logger: ErrorLogger): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operationName }) {
          for (const error of errors) {
            if (!isInternalError(error)) continue;
            logger.error({ requestId: contextValue.requestId, err: unwrapResolverError(error), path: error.path, operationName }, 'internal error');
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
          response.body.singleResult.errors = response.body.singleResult.errors.map((error) => ({ ...error, extensions: { ...error.extensions, requestId: contextValue.requestId } }));
        },
      };
    },
  };
}

/**
 * Apollo's formatError: domain errors get their codes; anything unexpected is masked in
 * production (no stack, no SQL text), and keeps its detail in development.
 */
export function formatError(production: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const mapped = toGraphQLError(original);
    if (mapped) {
      const { http: _http, ...extensions } = mapped.extensions as Record<string, unknown>;
      return { message: mapped.message, locations: formatted.locations, path: formatted.path, extensions };
    }
    if (isInvalidDateTime(error)) return { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.BAD_USER_INPUT } };
    if (!isInternalError(error) || !production) return formatted;
    return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
  };
}
