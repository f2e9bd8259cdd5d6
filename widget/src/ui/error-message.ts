import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { ENGLISH_LABELS, type Labels } from './labels';

export type FailureKind = 'expired' | 'unauthenticated' | 'failed';

export interface Failure {
  readonly kind: FailureKind;
  /** What the user reads: no server internals, and a next step. */
  readonly message: string;
}

/**
 * The server answers HTTP 401 with `extensions.code: UNAUTHENTICATED`. Depending on the
 * response's content type, Apollo Client surfaces that as GraphQL errors or as a ServerError
 * carrying the body, so both are read.
 */
export function describeFailure(error: unknown, labels: Labels = ENGLISH_LABELS): Failure {
  const auth = authErrorMessages(error);
  if (auth === null) return { kind: 'failed', message: labels.failed };
  const kind: FailureKind = auth.some((message) => /expired/i.test(message)) ? 'expired' : 'unauthenticated';
  return { kind, message: labels[kind] };
}

/** The messages of UNAUTHENTICATED errors in `error`, or null when it is not an authentication failure. */
function authErrorMessages(error: unknown): string[] | null {
  if (CombinedGraphQLErrors.is(error)) {
    const messages = error.errors.filter((e) => e.extensions?.['code'] === 'UNAUTHENTICATED').map((e) => e.message);
    return messages.length ? messages : null;
  }
  if (ServerError.is(error) && error.statusCode === 401) {
    try {
      const body = JSON.parse(error.bodyText) as { errors?: Array<{ message?: string }> };
      return (body.errors ?? []).map((e) => e.message ?? '');
    } catch {
      return [];
    }
  }
  return null;
}
