/** The contract's leaves: the DateTime and SafeInt scalars, the enums, and connections (cursors, PageInfo). Imports no domain. */
export { CreditKindEnum, enumOf, GranularityEnum, registerListEnum } from './enums';
export { connectionOf, connectionTypes, checkFirst, decodeAfter, DEFAULT_PAGE_SIZE, encodeCursor, MAX_PAGE_SIZE, PageArgs, PageInfo, pageOf, toConnection, type Connection, type CursorPosition, type Edge, type Listing, type Page } from './pagination';
export { DateTimeScalar, parseInstant, SafeIntScalar, toSafeInt } from './scalars';
export { argumentsBelow } from './lookahead';
export { asInstanceOf } from './instances';
