/** Checks of ids, names and time zones given as input: each failure names the field it rejects. */
import { isValidTimeZone } from '@creditlens/usage-math';
import { InvalidInputError } from './domain-errors';

export const MAX_ID_LENGTH = 255;
export const MAX_NAME_LENGTH = 500;

/** Ids and names: non-blank, bounded; the message names the field. */
export function checkText(value: string, field: string, max: number): string {
  if (value.trim().length === 0) throw InvalidInputError.of(field, 'must not be empty');
  if (value.length > max) throw InvalidInputError.of(field, `must be at most ${max} characters, got ${value.length}`);
  return value;
}

export function checkTimeZone(value: string, field: string): string {
  if (!isValidTimeZone(value)) {
    throw InvalidInputError.of(field, `"${value}" is not an IANA time zone (e.g. Europe/Berlin, America/New_York, UTC)`);
  }
  return value;
}
