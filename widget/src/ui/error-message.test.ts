import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { describeFailure } from './error-message';

const expiredBody = JSON.stringify({
  errors: [{ message: 'the embed token has expired: ask the host for a new one', extensions: { code: 'UNAUTHENTICATED' } }],
});

describe('describeFailure', () => {
  it('recognises an expired token in GraphQL errors (application/graphql-response+json)', () => {
    const error = new CombinedGraphQLErrors(JSON.parse(expiredBody));
    expect(describeFailure(error).kind).toBe('expired');
  });

  it('recognises an expired token in a 401 ServerError body (application/json)', () => {
    const error = new ServerError('Response not successful: Received status code 401', {
      response: new Response(expiredBody, { status: 401 }),
      bodyText: expiredBody,
    });
    expect(describeFailure(error)).toEqual({ kind: 'expired', message: expect.stringContaining('expired') });
  });

  it('tells a rejected credential apart from an expired one', () => {
    const error = new CombinedGraphQLErrors({ errors: [{ message: 'the credential is not valid', extensions: { code: 'UNAUTHENTICATED' } }] });
    expect(describeFailure(error).kind).toBe('unauthenticated');
  });

  it('shows other failures without server internals', () => {
    expect(describeFailure(new Error('connect ECONNREFUSED 10.0.0.7:4000'))).toEqual({ kind: 'failed', message: 'Credit usage could not be loaded.' });
  });
});
