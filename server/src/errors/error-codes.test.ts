import { SERVER_ERROR_CODES, type ServerErrorCode } from '@creditlens/client';
import { ErrorCode } from './error-answers';

// Each direction fails to compile when one list has a code the other lacks.
const serverCodesAreClientCodes = (code: ErrorCode): ServerErrorCode => code;
const clientCodesAreServerCodes = (code: ServerErrorCode): `${ErrorCode}` => code;

describe('the error codes', () => {
  it('are the same list in the server enum and in the client union', () => {
    expect([...SERVER_ERROR_CODES].sort()).toEqual(Object.values(ErrorCode).sort());
    expect(Object.values(ErrorCode).map(serverCodesAreClientCodes)).toHaveLength(SERVER_ERROR_CODES.length);
    expect(SERVER_ERROR_CODES.map(clientCodesAreServerCodes)).toHaveLength(Object.keys(ErrorCode).length);
  });
});
