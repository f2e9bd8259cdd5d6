import { ERROR_CODES, type ErrorCode as ClientErrorCode } from '@creditlens/client';
import { ErrorCode } from './error-answers';

// Each direction fails to compile when one list has a code the other lacks.
const serverCodesAreClientCodes = (code: ErrorCode): ClientErrorCode => code;
const clientCodesAreServerCodes = (code: ClientErrorCode): `${ErrorCode}` => code;

describe('the error codes', () => {
  it('are the same list in the server enum and in the client union', () => {
    expect([...ERROR_CODES].sort()).toEqual(Object.values(ErrorCode).sort());
    expect(Object.values(ErrorCode).map(serverCodesAreClientCodes)).toHaveLength(ERROR_CODES.length);
    expect(ERROR_CODES.map(clientCodesAreServerCodes)).toHaveLength(Object.keys(ErrorCode).length);
  });
});
