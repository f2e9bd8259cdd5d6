import { ApolloServerErrorCode, unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ForbiddenError, InvalidInputError, UnauthenticatedError } from '../errors/domain-errors';

/** The contract's error codes (Apollo's names), with the HTTP status each maps to where it decides one. */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  BAD_USER_INPUT: ApolloServerErrorCode.BAD_USER_INPUT,
  INTERNAL_SERVER_ERROR: ApolloServerErrorCode.INTERNAL_SERVER_ERROR,
} as const;

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
