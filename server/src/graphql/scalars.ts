import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { GraphQLSafeInt } from 'graphql-scalars';
import { InvalidDateTimeError } from '../errors';

/** RFC 3339 instant with an explicit zone: 2026-06-01T00:00:00Z or 2026-06-01T02:00:00+02:00. */
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(?:Z|[+-](\d{2}):(\d{2}))$/i;

/**
 * The one parser of instants, for DateTime arguments and variables and for the CSV export's
 * parameters. Every field is checked against the calendar before the instant is built: Date
 * would silently roll 2026-02-30 over to March 2 and T24:00 to the next day.
 */
export function parseInstant(value: unknown): Date {
  const match = typeof value === 'string' ? INSTANT.exec(value) : null;
  if (!match) {
    throw new InvalidDateTimeError(
      `DateTime must be an ISO-8601 instant with a time zone, like 2026-06-01T00:00:00Z; got ${JSON.stringify(value)}`,
    );
  }
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const [offsetHours, offsetMinutes] = [Number(match[8] ?? 0), Number(match[9] ?? 0)];
  const real =
    month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) && hour <= 23 && minute <= 59 && second <= 59 && offsetHours <= 23 && offsetMinutes <= 59;
  const instant = new Date(value as string);
  if (!real || Number.isNaN(instant.getTime())) {
    throw new InvalidDateTimeError(`DateTime ${JSON.stringify(value)} is not a real date (month 01–12, a day of that month, hours 00–23, minutes and seconds 00–59)`);
  }
  return instant;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * The ISO strings of instants answered lately. A page's series repeat the same few bucket edges
 * on every row (200 rows × 31 days is 12,400 edges of 32 instants), and toISOString is the
 * dearest step of answering one; a number-keyed lookup is not.
 */
const recentInstants = new Map<number, string>();
const MAX_RECENT_INSTANTS = 4096;

function isoStringOf(time: number, value: Date): string {
  let text = recentInstants.get(time);
  if (text === undefined) {
    text = value.toISOString();
    if (recentInstants.size >= MAX_RECENT_INSTANTS) recentInstants.clear();
    recentInstants.set(time, text);
  }
  return text;
}

export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An instant as an ISO-8601 string with a time zone, e.g. 2026-06-01T00:00:00Z. Answers are always in UTC with milliseconds.',
  serialize(value) {
    const time = value instanceof Date ? value.getTime() : Number.NaN;
    if (Number.isNaN(time)) throw new GraphQLError('DateTime cannot represent a non-date value');
    return isoStringOf(time, value as Date);
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
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

export function toSafeInt(credits: bigint): number {
  if (credits > MAX_SAFE || credits < -MAX_SAFE) {
    throw new RangeError(`credit amount ${credits} is beyond ±(2^53−1) and cannot be sent as SafeInt`);
  }
  return Number(credits);
}
