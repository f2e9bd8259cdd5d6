import { ApolloServerErrorCode, unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ForbiddenError, InvalidInputError, UnauthenticatedError } from '../errors/domain-errors';

/** The contract's error codes (Apollo's names), with the HTTP status each maps to where it decides one. */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  BAD_USER_INPUT: ApolloServerErrorCode.BAD_USER_INPUT,
  INTERNAL_SERVER_ERROR: ApolloServerErrorCode.INTERNAL_SERVER_ERROR,
  /** HTTP-level answers outside GraphQL execution. */
  NOT_FOUND: 'NOT_FOUND',
  RATE_LIMITED: 'RATE_LIMITED',
  REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
} as const;

const HTTP_STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, BAD_USER_INPUT: 400 };

/** An error answered outside GraphQL execution (middleware, CSV export), shaped like a GraphQL error response. */
export function errorResponseBody(code: string, message: string, extensions: Record<string, unknown> = {}) {
  return { errors: [{ message, extensions: { code, ...extensions } }] };
}

/** A domain error as an HTTP status and body, for the surfaces beside GraphQL; null for anything else. */
export function toHttpError(error: unknown): { status: number; body: ReturnType<typeof errorResponseBody> } | null {
  const mapped = toGraphQLError(error);
  if (!mapped) return null;
  const { code, http: _http, ...extensions } = mapped.extensions as Record<string, unknown> & { code: string };
  return { status: HTTP_STATUS[code] ?? 400, body: errorResponseBody(code, mapped.message, extensions) };
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
  return null;
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
    const code = formatted.extensions?.code;
    const known = typeof code === 'string' && code !== ErrorCode.INTERNAL_SERVER_ERROR;
    if (known || !production) return formatted;
    return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
  };
}
