import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';

export type FailureKind = 'expired' | 'unauthenticated' | 'failed';

export interface Failure {
  readonly kind: FailureKind;
  /** What the user reads: no server internals, and a next step. */
  readonly message: string;
}

const MESSAGES: Record<FailureKind, string> = {
  expired: 'This usage view has expired. Reload the page to see current numbers.',
  unauthenticated: 'This usage view could not be authorised. Reload the page or ask your administrator.',
  failed: 'Credit usage could not be loaded.',
};

/**
 * The server answers HTTP 401 with `extensions.code: UNAUTHENTICATED`. Depending on the
 * response's content type, Apollo Client surfaces that as GraphQL errors or as a ServerError
 * carrying the body, so both are read.
 */
export function describeFailure(error: unknown): Failure {
  const auth = authErrorMessages(error);
  if (auth === null) return { kind: 'failed', message: MESSAGES.failed };
  const kind: FailureKind = auth.some((message) => /expired/i.test(message)) ? 'expired' : 'unauthenticated';
  return { kind, message: MESSAGES[kind] };
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
