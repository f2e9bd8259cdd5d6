import {
  billingPeriodContaining,
  billingPeriodOf,
  isBillingPeriod,
  lastBillingPeriods,
  localYearMonth,
  startOfLocalDay,
  startOfLocalMonth,
} from './billing-periods.js';
import type { TimeWindow } from './window.js';

const at = (iso: string): Date => new Date(iso);
const iso = (window: TimeWindow): [string, string] => [window.from.toISOString(), window.to.toISOString()];
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('startOfLocalMonth', () => {
  it.each([
    ['UTC', 2026, 1, '2026-01-01T00:00:00.000Z'],
    ['Europe/Berlin', 2026, 1, '2025-12-31T23:00:00.000Z'],
    ['Europe/Berlin', 2026, 3, '2026-02-28T23:00:00.000Z'],
    ['Europe/Berlin', 2026, 4, '2026-03-31T22:00:00.000Z'],
    ['Europe/Berlin', 2026, 10, '2026-09-30T22:00:00.000Z'],
    ['Europe/Berlin', 2026, 11, '2026-10-31T23:00:00.000Z'],
    ['America/New_York', 2026, 3, '2026-03-01T05:00:00.000Z'],
    ['America/New_York', 2026, 4, '2026-04-01T04:00:00.000Z'],
    // New York leaves DST at 02:00 on 2026-11-01, two hours after the month began.
    ['America/New_York', 2026, 11, '2026-11-01T04:00:00.000Z'],
    ['America/New_York', 2026, 12, '2026-12-01T05:00:00.000Z'],
    ['Asia/Kolkata', 2026, 6, '2026-05-31T18:30:00.000Z'],
    ['Australia/Lord_Howe', 2026, 4, '2026-03-31T13:00:00.000Z'],
    ['Australia/Lord_Howe', 2026, 5, '2026-04-30T13:30:00.000Z'],
    ['Pacific/Kiritimati', 2026, 1, '2025-12-31T10:00:00.000Z'],
    ['Pacific/Apia', 2026, 1, '2025-12-31T11:00:00.000Z'],
  ])('starts %s %i-%i at %s', (zone, year, month, expected) => {
    expect(startOfLocalMonth(year, month, zone).toISOString()).toBe(expected);
  });

  it('starts a month whose midnight is skipped at the first instant of the day that exists', () => {
    // Paraguay jumped from 00:00 to 01:00 on 2023-10-01.
    expect(startOfLocalMonth(2023, 10, 'America/Asuncion').toISOString()).toBe('2023-10-01T04:00:00.000Z');
    // Cuba did the same on 2012-04-01.
    expect(startOfLocalMonth(2012, 4, 'America/Havana').toISOString()).toBe('2012-04-01T05:00:00.000Z');
    // Lord Howe's half-hour jump once fell at midnight: 1981-03-01 began at 00:30.
    expect(startOfLocalMonth(1981, 3, 'Australia/Lord_Howe').toISOString()).toBe('1981-02-28T14:00:00.000Z');
  });

  it('starts each month at the first instant whose local month is that month, across many zones and years', () => {
    const zones = ['UTC', 'Europe/Berlin', 'America/New_York', 'America/Santiago', 'America/Asuncion', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Apia', 'Pacific/Kiritimati', 'Africa/Casablanca'];
    for (const zone of zones) {
      for (let year = 2008; year <= 2027; year += 1) {
        for (let month = 1; month <= 12; month += 1) {
          const start = startOfLocalMonth(year, month, zone);
          const previous = month === 1 ? { year: year - 1, month: 12 } : { year, month: month - 1 };
          expect([zone, localYearMonth(start, zone)]).toEqual([zone, { year, month }]);
          expect([zone, localYearMonth(new Date(start.getTime() - 1), zone)]).toEqual([zone, previous]);
        }
      }
    }
  });

  it.each([
    [2026, 0],
    [2026, 13],
    [2026, 1.5],
    [2026, Number.NaN],
  ])('rejects year %p month %p', (year, month) => {
    expect(() => startOfLocalMonth(year, month, 'UTC')).toThrow(`expected a month from 1 to 12, got ${month}`);
  });

  it('rejects a year that is not an integer', () => {
    expect(() => startOfLocalMonth(2026.5, 1, 'UTC')).toThrow(RangeError);
    expect(() => startOfLocalMonth(Number.POSITIVE_INFINITY, 1, 'UTC')).toThrow(RangeError);
  });

  it('rejects a year beyond the range of dates', () => {
    expect(() => startOfLocalMonth(300_000, 1, 'UTC')).toThrow(RangeError);
  });

  it('rejects an unknown zone', () => {
    expect(() => startOfLocalMonth(2026, 1, 'Europe/Atlantis')).toThrow(RangeError);
  });
});

describe('localYearMonth', () => {
  it('reads the month in the zone, not in UTC', () => {
    const newYearInBerlin = at('2026-12-31T23:30:00Z');
    expect(localYearMonth(newYearInBerlin, 'UTC')).toEqual({ year: 2026, month: 12 });
    expect(localYearMonth(newYearInBerlin, 'Europe/Berlin')).toEqual({ year: 2027, month: 1 });
    expect(localYearMonth(at('2026-01-01T03:00:00Z'), 'America/New_York')).toEqual({ year: 2025, month: 12 });
    expect(localYearMonth(at('2025-12-31T10:00:00Z'), 'Pacific/Kiritimati')).toEqual({ year: 2026, month: 1 });
  });

  it('rejects an invalid instant', () => {
    expect(() => localYearMonth(new Date(Number.NaN), 'UTC')).toThrow('expected a valid instant, got an invalid Date');
  });
});

describe('billingPeriodContaining', () => {
  it('is the local calendar month around the instant', () => {
    expect(iso(billingPeriodContaining(at('2026-06-15T12:00:00Z'), 'UTC'))).toEqual(['2026-06-01T00:00:00.000Z', '2026-07-01T00:00:00.000Z']);
  });

  it('is an hour short across the March change in Berlin', () => {
    const march = billingPeriodContaining(at('2026-03-15T12:00:00Z'), 'Europe/Berlin');
    expect(iso(march)).toEqual(['2026-02-28T23:00:00.000Z', '2026-03-31T22:00:00.000Z']);
    expect(march.to.getTime() - march.from.getTime()).toBe(31 * DAY - HOUR);
  });

  it('is an hour long across the October change in Berlin', () => {
    const october = billingPeriodContaining(at('2026-10-25T12:00:00Z'), 'Europe/Berlin');
    expect(iso(october)).toEqual(['2026-09-30T22:00:00.000Z', '2026-10-31T23:00:00.000Z']);
    expect(october.to.getTime() - october.from.getTime()).toBe(31 * DAY + HOUR);
  });

  it('moves by half an hour across the Lord Howe changes', () => {
    const april = billingPeriodContaining(at('2026-04-15T00:00:00Z'), 'Australia/Lord_Howe');
    expect(iso(april)).toEqual(['2026-03-31T13:00:00.000Z', '2026-04-30T13:30:00.000Z']);
    expect(april.to.getTime() - april.from.getTime()).toBe(30 * DAY + HOUR / 2);
  });

  it('puts the first instant of a month in that month and the last one in the month before', () => {
    const start = at('2026-03-31T22:00:00Z');
    expect(billingPeriodContaining(start, 'Europe/Berlin').from).toEqual(start);
    expect(billingPeriodContaining(new Date(start.getTime() - 1), 'Europe/Berlin').to).toEqual(start);
  });

  it('crosses the year boundary from December to January', () => {
    expect(iso(billingPeriodContaining(at('2026-12-31T22:59:59.999Z'), 'Europe/Berlin'))).toEqual([
      '2026-11-30T23:00:00.000Z',
      '2026-12-31T23:00:00.000Z',
    ]);
    expect(iso(billingPeriodContaining(at('2026-12-31T23:00:00Z'), 'Europe/Berlin'))).toEqual([
      '2026-12-31T23:00:00.000Z',
      '2027-01-31T23:00:00.000Z',
    ]);
  });

  it('uses the +05:30 offset of Kolkata', () => {
    expect(iso(billingPeriodContaining(at('2026-06-10T00:00:00Z'), 'Asia/Kolkata'))).toEqual([
      '2026-05-31T18:30:00.000Z',
      '2026-06-30T18:30:00.000Z',
    ]);
  });

  it('uses the +14 offset of Kiritimati, where the month starts on the previous UTC day', () => {
    expect(iso(billingPeriodContaining(at('2025-12-31T10:00:00Z'), 'Pacific/Kiritimati'))).toEqual([
      '2025-12-31T10:00:00.000Z',
      '2026-01-31T10:00:00.000Z',
    ]);
  });

  it('shortens a month when the zone skips a whole day', () => {
    const december = billingPeriodContaining(at('2011-12-15T00:00:00Z'), 'Pacific/Apia');
    expect(iso(december)).toEqual(['2011-12-01T10:00:00.000Z', '2011-12-31T10:00:00.000Z']);
    expect(december.to.getTime() - december.from.getTime()).toBe(30 * DAY);
  });

  it('ends a month at the start of the next one when its midnight is skipped', () => {
    expect(iso(billingPeriodContaining(at('2023-09-15T00:00:00Z'), 'America/Asuncion'))).toEqual([
      '2023-09-01T04:00:00.000Z',
      '2023-10-01T04:00:00.000Z',
    ]);
  });
});

describe('lastBillingPeriods', () => {
  const now = at('2026-02-10T12:00:00Z');

  it('lists twelve contiguous periods, newest first, starting with the one containing now', () => {
    const periods = lastBillingPeriods(now, 'Europe/Berlin', 12);
    expect(periods).toHaveLength(12);
    expect(iso(periods[0] as TimeWindow)).toEqual(['2026-01-31T23:00:00.000Z', '2026-02-28T23:00:00.000Z']);
    expect(iso(periods[11] as TimeWindow)).toEqual(['2025-02-28T23:00:00.000Z', '2025-03-31T22:00:00.000Z']);
    for (let i = 1; i < periods.length; i += 1) {
      expect((periods[i] as TimeWindow).to).toEqual((periods[i - 1] as TimeWindow).from);
    }
    for (const period of periods) expect(isBillingPeriod(period, 'Europe/Berlin')).toBe(true);
  });

  it('gives neighbouring periods their own Date objects at the shared boundary', () => {
    const [newer, older] = lastBillingPeriods(now, 'UTC', 2) as [TimeWindow, TimeWindow];
    expect(older.to).toEqual(newer.from);
    expect(older.to).not.toBe(newer.from);
  });

  it('lists just the current period for a count of one', () => {
    expect(lastBillingPeriods(now, 'America/New_York', 1).map(iso)).toEqual([['2026-02-01T05:00:00.000Z', '2026-03-01T05:00:00.000Z']]);
  });

  it('takes the current month from the zone, not from UTC', () => {
    const [current] = lastBillingPeriods(at('2026-12-31T23:30:00Z'), 'Europe/Berlin', 2);
    expect(iso(current as TimeWindow)).toEqual(['2026-12-31T23:00:00.000Z', '2027-01-31T23:00:00.000Z']);
  });

  it('goes back as far as ten years', () => {
    const periods = lastBillingPeriods(now, 'UTC', 120);
    expect(periods).toHaveLength(120);
    expect(iso(periods[119] as TimeWindow)).toEqual(['2016-03-01T00:00:00.000Z', '2016-04-01T00:00:00.000Z']);
  });

  it.each([0, 121, -1, 1.5, Number.NaN])('rejects a count of %p', (count) => {
    expect(() => lastBillingPeriods(now, 'UTC', count)).toThrow(`expected a period count from 1 to 120, got ${count}`);
  });
});

describe('isBillingPeriod', () => {
  it('accepts a calendar month of the zone, past, current or future', () => {
    for (const month of ['1999-12', '2026-03', '2026-10', '2031-02']) {
      expect(isBillingPeriod(billingPeriodOf(month, 'Europe/Berlin'), 'Europe/Berlin')).toBe(true);
    }
  });

  it('refuses a UTC calendar month for a Berlin account', () => {
    const utcMarch = { from: at('2026-03-01T00:00:00Z'), to: at('2026-04-01T00:00:00Z') };
    expect(isBillingPeriod(utcMarch, 'UTC')).toBe(true);
    expect(isBillingPeriod(utcMarch, 'Europe/Berlin')).toBe(false);
  });

  it('refuses a window that is a millisecond off at either end', () => {
    const { from, to } = billingPeriodOf('2026-03', 'Europe/Berlin');
    expect(isBillingPeriod({ from: new Date(from.getTime() + 1), to }, 'Europe/Berlin')).toBe(false);
    expect(isBillingPeriod({ from, to: new Date(to.getTime() - 1) }, 'Europe/Berlin')).toBe(false);
  });

  it('refuses two months, and a reversed month', () => {
    const march = billingPeriodOf('2026-03', 'Europe/Berlin');
    const april = billingPeriodOf('2026-04', 'Europe/Berlin');
    expect(isBillingPeriod({ from: march.from, to: april.to }, 'Europe/Berlin')).toBe(false);
    expect(isBillingPeriod({ from: march.to, to: march.from }, 'Europe/Berlin')).toBe(false);
  });

  it('accepts a month whose midnight was skipped', () => {
    expect(isBillingPeriod({ from: at('2023-10-01T04:00:00Z'), to: at('2023-11-01T03:00:00Z') }, 'America/Asuncion')).toBe(true);
  });

  it('refuses a window with an invalid end', () => {
    const { from } = billingPeriodOf('2026-03', 'UTC');
    expect(isBillingPeriod({ from, to: new Date(Number.NaN) }, 'UTC')).toBe(false);
    expect(isBillingPeriod({ from: new Date(Number.NaN), to: from }, 'UTC')).toBe(false);
  });
});

describe('billingPeriodOf', () => {
  it('is the period of a YYYY-MM month in the zone', () => {
    expect(iso(billingPeriodOf('2026-03', 'Europe/Berlin'))).toEqual(['2026-02-28T23:00:00.000Z', '2026-03-31T22:00:00.000Z']);
    expect(iso(billingPeriodOf('2026-12', 'UTC'))).toEqual(['2026-12-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z']);
    expect(iso(billingPeriodOf('2026-06', 'Asia/Kolkata'))).toEqual(['2026-05-31T18:30:00.000Z', '2026-06-30T18:30:00.000Z']);
  });

  it.each(['', '2026-3', '2026-13', '2026-00', '26-03', '2026-03-01', ' 2026-03', '2026/03', '２０２６-03'])('rejects %j', (text) => {
    expect(() => billingPeriodOf(text, 'UTC')).toThrow(`expected a month as 'YYYY-MM' (for example '2026-03'), got ${JSON.stringify(text)}`);
  });
});

describe('startOfLocalDay', () => {
  it('is local midnight of the date in the zone, on either side of a DST change', () => {
    expect(startOfLocalDay('2026-10-01', 'Europe/Berlin').toISOString()).toBe('2026-09-30T22:00:00.000Z');
    expect(startOfLocalDay('2026-10-26', 'Europe/Berlin').toISOString()).toBe('2026-10-25T23:00:00.000Z');
    expect(startOfLocalDay('2026-03-01', 'America/New_York').toISOString()).toBe('2026-03-01T05:00:00.000Z');
  });

  it('is the first instant of a day whose midnight a DST change skips', () => {
    // Santiago springs forward at 00:00 local on 6 September 2026: the day starts at 01:00.
    expect(startOfLocalDay('2026-09-06', 'America/Santiago').toISOString()).toBe('2026-09-06T04:00:00.000Z');
  });

  it('refuses other shapes and dates that do not exist, saying what it expected', () => {
    for (const bad of ['2026-02-30', '2026-13-01', '2026-10-1', '01.10.2026', '2026-10-01T00:00:00Z']) {
      expect(() => startOfLocalDay(bad, 'Europe/Berlin')).toThrow(`expected a date as 'YYYY-MM-DD' (for example '2026-10-01'), got ${JSON.stringify(bad)}`);
    }
  });
});
