import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';

/**
 * The server's error codes (`extensions.code`, server/src/errors/error-answers.ts). Defined
 * here until `@creditlens/client` exports its union; the lists must stay the same.
 */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'BAD_REQUEST'
  | 'INTERNAL_SERVER_ERROR'
  | 'NOT_FOUND'
  | 'PAYLOAD_TOO_LARGE'
  | 'RATE_LIMITED'
  | 'REQUEST_TIMEOUT'
  | 'DATABASE_UNAVAILABLE'
  | 'SERVER_BUSY'
  | 'SHUTTING_DOWN';

/** The server's codes plus what only a browser meets: no answer, a failed renewal, a bad prop, a render bug. */
export type WidgetErrorCode = ErrorCode | 'NETWORK_ERROR' | 'TOKEN_RENEWAL_FAILED' | 'INVALID_LOCALE' | 'RENDER_FAILED';

/** What `onError` receives. `cause` is the original error, for logging. */
export interface CreditlensWidgetError {
  readonly code: WidgetErrorCode;
  readonly message: string;
  readonly cause?: unknown;
}

/** The host's token function failed or returned no token; carries what it threw. */
export class TokenRenewalError extends Error {
  readonly code = 'TOKEN_RENEWAL_FAILED';
}

const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'RATE_LIMITED',
  503: 'DATABASE_UNAVAILABLE',
};

export function widgetError(code: WidgetErrorCode, message: string, cause?: unknown): CreditlensWidgetError {
  return cause === undefined ? { code, message } : { code, message, cause };
}

/** The typed error for anything a query, the token function or the CSV download threw. */
export function toWidgetError(error: unknown): CreditlensWidgetError {
  if (error instanceof TokenRenewalError) return widgetError('TOKEN_RENEWAL_FAILED', error.message, error);
  if (CombinedGraphQLErrors.is(error)) {
    const first = error.errors[0];
    return widgetError(codeOf(first?.extensions?.['code']) ?? 'INTERNAL_SERVER_ERROR', first?.message ?? error.message, error);
  }
  if (ServerError.is(error)) {
    const first = firstBodyError(error.bodyText);
    return widgetError(codeOf(first?.extensions?.code) ?? STATUS_CODES[error.statusCode] ?? 'INTERNAL_SERVER_ERROR', first?.message ?? error.message, error);
  }
  return widgetError('NETWORK_ERROR', error instanceof Error ? error.message : String(error), error);
}

function codeOf(value: unknown): ErrorCode | undefined {
  return typeof value === 'string' && (value in CODE_SET) ? (value as ErrorCode) : undefined;
}

const CODE_SET: Record<ErrorCode, true> = {
  UNAUTHENTICATED: true,
  FORBIDDEN: true,
  BAD_USER_INPUT: true,
  BAD_REQUEST: true,
  INTERNAL_SERVER_ERROR: true,
  NOT_FOUND: true,
  PAYLOAD_TOO_LARGE: true,
  RATE_LIMITED: true,
  REQUEST_TIMEOUT: true,
  DATABASE_UNAVAILABLE: true,
  SERVER_BUSY: true,
  SHUTTING_DOWN: true,
};

function firstBodyError(bodyText: string): { message?: string; extensions?: { code?: unknown } } | undefined {
  try {
    return (JSON.parse(bodyText) as { errors?: Array<{ message?: string; extensions?: { code?: unknown } }> }).errors?.[0];
  } catch {
    return undefined;
  }
}
