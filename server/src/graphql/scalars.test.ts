import { GraphQLError } from 'graphql';
import { DateTimeScalar, parseInstant } from './scalars';

describe('parseInstant', () => {
  it.each([
    ['2026-02-30T00:00:00Z'],
    ['2026-02-29T00:00:00Z'],
    ['1900-02-29T00:00:00Z'],
    ['2026-04-31T00:00:00Z'],
    ['2026-13-01T00:00:00Z'],
    ['2026-00-10T00:00:00Z'],
    ['2026-06-00T00:00:00Z'],
    ['2026-06-01T24:00:00Z'],
    ['2026-06-01T23:60:00Z'],
    ['2026-06-01T23:59:60Z'],
    ['2026-06-01T00:00:00+24:00'],
    ['2026-06-01T00:00:00+01:60'],
  ])('refuses %s as not a real date instead of rolling it over', (text) => {
    expect(() => parseInstant(text)).toThrow(GraphQLError);
    expect(() => parseInstant(text)).toThrow(/is not a real date/);
  });

  it.each([
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
    ['2000-02-29T12:00:00Z', '2000-02-29T12:00:00.000Z'],
    ['2026-12-31T23:59:59.999Z', '2026-12-31T23:59:59.999Z'],
    ['2026-06-01T02:00:00+02:00', '2026-06-01T00:00:00.000Z'],
    ['2026-06-01T00:00:00-23:59', '2026-06-01T23:59:00.000Z'],
  ])('reads the real instant %s', (text, iso) => {
    expect(parseInstant(text).toISOString()).toBe(iso);
  });

  it('names the expected shape for text that is no instant at all', () => {
    expect(() => parseInstant('2026-06-01')).toThrow(/must be an ISO-8601 instant with a time zone/);
    expect(() => parseInstant(20260601)).toThrow(/must be an ISO-8601 instant with a time zone/);
  });
});

describe('DateTimeScalar.serialize', () => {
  it('answers every instant as its own UTC text, also after more instants than it keeps texts of', () => {
    const start = Date.UTC(2026, 0, 1);
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 5000; i += 1) {
        const instant = new Date(start + i * 3_600_000 + round);
        expect(DateTimeScalar.serialize(instant)).toBe(instant.toISOString());
      }
    }
  });

  it('refuses what is not a valid date', () => {
    expect(() => DateTimeScalar.serialize(new Date(Number.NaN))).toThrow(/cannot represent a non-date value/);
    expect(() => DateTimeScalar.serialize('2026-06-01T00:00:00Z')).toThrow(/cannot represent a non-date value/);
  });
});
