import { firstInstantAtOrAfterLocal, formatLocalMinute, isValidTimeZone, localDateTimeAt, localMsOf } from './time-zone.js';

const ms = (iso: string): number => Date.parse(iso);

describe('isValidTimeZone', () => {
  it.each(['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Kiritimati'])(
    'accepts %s',
    (zone) => {
      expect(isValidTimeZone(zone)).toBe(true);
    },
  );

  it.each(['', ' ', 'garbage', 'Europe/Atlantis', '+05:30', 'UTC+1', 'Europe/Berlin '])('rejects %j', (zone) => {
    expect(isValidTimeZone(zone)).toBe(false);
  });

  it('rejects a value that is not a string at all', () => {
    expect(isValidTimeZone(undefined as unknown as string)).toBe(false);
    expect(isValidTimeZone(42 as unknown as string)).toBe(false);
  });
});

describe('localDateTimeAt', () => {
  it('reads the calendar date and clock in the zone, midnight as hour 0', () => {
    expect(localDateTimeAt(ms('2026-03-31T22:00:00Z'), 'Europe/Berlin')).toEqual({
      year: 2026,
      month: 4,
      day: 1,
      hour: 0,
      minute: 0,
      second: 0,
    });
  });

  it('applies half-hour offsets', () => {
    expect(localDateTimeAt(ms('2026-05-31T18:30:00Z'), 'Asia/Kolkata')).toMatchObject({ month: 6, day: 1, hour: 0, minute: 0 });
  });

  it('numbers years before year 1 astronomically', () => {
    const instant = new Date(0);
    instant.setUTCFullYear(0, 5, 15);
    expect(localDateTimeAt(instant.getTime(), 'UTC')).toMatchObject({ year: 0, month: 6, day: 15 });
    instant.setUTCFullYear(-44, 2, 15);
    expect(localDateTimeAt(instant.getTime(), 'UTC')).toMatchObject({ year: -44, month: 3, day: 15 });
  });

  it('names the zone it does not know', () => {
    expect(() => localDateTimeAt(0, 'Mars/Olympus_Mons')).toThrow(RangeError);
    expect(() => localDateTimeAt(0, 'Mars/Olympus_Mons')).toThrow('expected an IANA time zone such as "Europe/Berlin", got "Mars/Olympus_Mons"');
  });
});

describe('localMsOf', () => {
  it('keeps years 0 to 99 as they are', () => {
    const fields = { year: 50, month: 2, day: 3, hour: 4, minute: 5, second: 6 };
    expect(localDateTimeAt(localMsOf(fields), 'UTC')).toEqual(fields);
  });

  it('is the UTC instant of the same date and clock reading', () => {
    expect(localMsOf({ year: 2026, month: 4, day: 1, hour: 0, minute: 0, second: 0 })).toBe(ms('2026-04-01T00:00:00Z'));
  });
});

describe('firstInstantAtOrAfterLocal', () => {
  it('finds the one instant of an ordinary local time', () => {
    expect(firstInstantAtOrAfterLocal(ms('2026-07-01T12:00:00Z'), 'Europe/Berlin')).toBe(ms('2026-07-01T10:00:00Z'));
  });

  it('takes the earlier instant of a local time that the clock shows twice', () => {
    expect(firstInstantAtOrAfterLocal(ms('2026-10-25T02:30:00Z'), 'Europe/Berlin')).toBe(ms('2026-10-25T00:30:00Z'));
  });

  it('takes the moment the clock jumps when the local time is skipped', () => {
    expect(firstInstantAtOrAfterLocal(ms('2026-03-29T02:30:00Z'), 'Europe/Berlin')).toBe(ms('2026-03-29T01:00:00Z'));
  });

  it('handles a skipped local time that is not on a whole hour', () => {
    // Lord Howe moves its clocks by half an hour: 02:00 becomes 02:30 on 2026-10-04.
    expect(firstInstantAtOrAfterLocal(ms('2026-10-04T02:10:00Z'), 'Australia/Lord_Howe')).toBe(ms('2026-10-03T15:30:00Z'));
  });

  it('crosses a whole skipped day', () => {
    // Samoa skipped 2011-12-30 when it moved across the date line.
    expect(firstInstantAtOrAfterLocal(ms('2011-12-30T12:00:00Z'), 'Pacific/Apia')).toBe(ms('2011-12-30T10:00:00Z'));
  });
});

describe('formatLocalMinute', () => {
  it('writes the local date and time to the minute, on both sides of a DST change', () => {
    expect(formatLocalMinute('2026-09-30T22:00:00.000Z', 'Europe/Berlin')).toBe('2026-10-01 00:00');
    expect(formatLocalMinute(new Date('2026-10-25T01:30:59Z'), 'Europe/Berlin')).toBe('2026-10-25 02:30');
    expect(formatLocalMinute('2026-06-01T04:00:00Z', 'America/New_York')).toBe('2026-06-01 00:00');
  });
});
