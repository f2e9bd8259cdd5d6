import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { GraphQLSafeInt } from 'graphql-scalars';

/** RFC 3339 instant with an explicit zone: 2026-06-01T00:00:00Z or 2026-06-01T02:00:00+02:00. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/i;

function parseInstant(value: unknown): Date {
  if (typeof value !== 'string' || !INSTANT.test(value)) {
    throw new GraphQLError(
      `DateTime must be an ISO-8601 instant with a time zone, like 2026-06-01T00:00:00Z; got ${JSON.stringify(value)}`,
    );
  }
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) throw new GraphQLError(`DateTime ${JSON.stringify(value)} is not a real date`);
  return instant;
}

export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An instant as an ISO-8601 string with a time zone, e.g. 2026-06-01T00:00:00Z. Answers are always in UTC with milliseconds.',
  serialize(value) {
    if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new GraphQLError('DateTime cannot represent a non-date value');
    return value.toISOString();
  },
  parseValue: parseInstant,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new GraphQLError(`DateTime must be a string, got a ${ast.kind}`);
    return parseInstant(ast.value);
  },
});

/** Credits: whole numbers within ±(2^53−1), sent as JSON numbers. */
export const SafeIntScalar = new GraphQLScalarType({
  ...GraphQLSafeInt.toConfig(),
  description:
    'A whole number within ±(2^53−1) (9,007,199,254,740,991), sent as a JSON number: exact in JavaScript. Credits are always SafeInt, never fractional; negative for refunds and corrections.',
});

/** A credit amount for the API: exact bigint inside, a safe JSON number outside. */
export function toSafeInt(credits: bigint): number {
  if (credits > BigInt(Number.MAX_SAFE_INTEGER) || credits < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`credit amount ${credits} is beyond ±(2^53−1) and cannot be sent as SafeInt`);
  }
  return Number(credits);
}
