import { ApolloServerErrorCode } from '@apollo/server/errors';
import { ErrorCode as ServerErrorCodes } from '../../../server/src/graphql/error-mapping';
import { SERVER_ERROR_CODES } from './errors.js';

describe('ErrorCode', () => {
  it('lists every code the server sends: its own codes, the raw HTTP ones and Apollo Server codes', () => {
    // app.ts answers body-parser failures with these two as raw strings.
    const sent = new Set<string>([...Object.values(ServerErrorCodes), ...Object.values(ApolloServerErrorCode), 'PAYLOAD_TOO_LARGE', 'BAD_REQUEST']);
    expect([...sent].filter((code) => !(SERVER_ERROR_CODES as readonly string[]).includes(code))).toEqual([]);
    expect(SERVER_ERROR_CODES.filter((code) => !sent.has(code))).toEqual([]);
  });
});
