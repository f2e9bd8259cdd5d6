/**
 * Local wall-clock time in an IANA time zone, through Intl alone (no tz database of our own).
 *
 * A wall-clock time is represented as "local milliseconds": the epoch milliseconds
 * that the same calendar date and clock reading would have in UTC. The zone's offset
 * at an instant is then simply local milliseconds minus epoch milliseconds.
 */

const MS_PER_DAY = 86_400_000;

// Billing code asks for the same few zones on every request; building a formatter costs far more than using one.
const formatters = new Map<string, Intl.DateTimeFormat>();
// Zone names are case-insensitive, so a hostile caller could mint endless valid spellings; bound the cache.
const MAX_CACHED_FORMATTERS = 1000;

export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** Whether Intl knows this IANA zone name ('UTC', 'Europe/Berlin', …); offsets such as '+05:30' are not zones. */
export function isValidTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== 'string' || timeZone === '') return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** An instant as the local date and time in the zone, to the minute: "2026-10-01 00:00". */
export function formatLocalMinute(instant: Date | string, timeZone: string): string {
  const at = localDateTimeAt(new Date(instant).getTime(), timeZone);
  return `${pad(at.year, 4)}-${pad(at.month)}-${pad(at.day)} ${pad(at.hour)}:${pad(at.minute)}`;
}

/** The calendar date and clock reading at an instant in the zone (seconds resolution). */
export function localDateTimeAt(epochMs: number, timeZone: string): LocalDateTime {
  const fields: LocalDateTime = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  let beforeCommonEra = false;
  for (const part of formatterFor(timeZone).formatToParts(epochMs)) {
    switch (part.type) {
      case 'era':
        beforeCommonEra = part.value === 'BC';
        break;
      case 'year':
      case 'month':
      case 'day':
      case 'hour':
      case 'minute':
      case 'second':
        fields[part.type] = Number(part.value);
        break;
      default:
        break;
    }
  }
  // Intl numbers years before year 1 by era (1 BC, 2 BC, …); proleptic Gregorian has year 0, -1, ….
  if (beforeCommonEra) fields.year = 1 - fields.year;
  return fields;
}

/** Local milliseconds of a calendar date and clock reading, for any year (Date.UTC maps years 0–99 to 1900–1999). */
export function localMsOf(fields: LocalDateTime): number {
  const date = new Date(0);
  date.setUTCFullYear(fields.year, fields.month - 1, fields.day);
  date.setUTCHours(fields.hour, fields.minute, fields.second, 0);
  return date.getTime();
}

/**
 * The first instant whose local time in the zone is at or after `localMs`.
 * That is the instant of `localMs` itself when it exists (the earlier one when the clock
 * reads it twice), and the moment the clock jumps past it when it falls in a DST gap.
 */
export function firstInstantAtOrAfterLocal(localMs: number, timeZone: string): number {
  // Offsets are under a day, so these instants bracket any instant reading localMs; zones change offset at most once in two days.
  const offsetBefore = offsetAt(localMs - MS_PER_DAY, timeZone);
  const offsetAfter = offsetAt(localMs + MS_PER_DAY, timeZone);
  const candidates = [localMs - offsetAfter, localMs - offsetBefore]
    .filter((epochMs) => localMsAt(epochMs, timeZone) === localMs)
    .sort((a, b) => a - b);
  if (candidates.length > 0) return candidates[0] as number;
  return firstInstantPastGap(localMs - offsetAfter, localMs - offsetBefore, localMs, timeZone);
}

function firstInstantPastGap(before: number, atOrAfter: number, localMs: number, timeZone: string): number {
  // Invariant: localMsAt(before) < localMs <= localMsAt(atOrAfter), and local time only moves forward in between.
  let low = before;
  let high = atOrAfter;
  while (high - low > 1) {
    const middle = low + Math.floor((high - low) / 2);
    if (localMsAt(middle, timeZone) < localMs) low = middle;
    else high = middle;
  }
  return high;
}

function offsetAt(epochMs: number, timeZone: string): number {
  return localMsAt(epochMs, timeZone) - epochMs;
}

function localMsAt(epochMs: number, timeZone: string): number {
  const milliseconds = ((epochMs % 1000) + 1000) % 1000;
  return localMsOf(localDateTimeAt(epochMs, timeZone)) + milliseconds;
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  const cached = formatters.get(timeZone);
  if (cached !== undefined) return cached;
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  } catch {
    throw new RangeError(`expected an IANA time zone such as "Europe/Berlin", got ${JSON.stringify(timeZone)}`);
  }
  if (formatters.size >= MAX_CACHED_FORMATTERS) formatters.clear();
  formatters.set(timeZone, formatter);
  return formatter;
}
