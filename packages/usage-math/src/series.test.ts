import { comparisonWindow, seriesEdges } from './series.js';

const HOUR = 3_600_000;
const window = (from: string, to: string) => ({ from: new Date(from), to: new Date(to) });
const lengths = (edges: number[]) => edges.slice(1).map((edge, i) => (edge - edges[i]!) / HOUR);
const iso = (edges: number[]) => edges.map((edge) => new Date(edge).toISOString());

describe('seriesEdges', () => {
  it('splits a Berlin month into local days, the spring-forward day 23 hours long', () => {
    const edges = seriesEdges(window('2026-02-28T23:00:00Z', '2026-03-31T22:00:00Z'), 'DAY', 'Europe/Berlin');
    expect(edges).toHaveLength(32);
    const hours = lengths(edges);
    expect(hours[28]).toBe(23); // 29 March 2026
    expect(hours.filter((h) => h !== 24)).toEqual([23]);
    expect(new Date(edges[29]!).toISOString()).toBe('2026-03-29T22:00:00.000Z');
  });

  it('gives the fall-back day 25 hourly buckets, the repeated hour included', () => {
    const edges = seriesEdges(window('2026-10-24T22:00:00Z', '2026-10-25T23:00:00Z'), 'HOUR', 'Europe/Berlin');
    expect(edges).toHaveLength(26);
    expect(lengths(edges).every((h) => h === 1)).toBe(true);
  });

  it('cuts the first and last buckets at the window edges', () => {
    const edges = seriesEdges(window('2026-06-10T10:15:00Z', '2026-06-12T03:00:00Z'), 'DAY', 'UTC');
    expect(iso(edges)).toEqual(['2026-06-10T10:15:00.000Z', '2026-06-11T00:00:00.000Z', '2026-06-12T00:00:00.000Z', '2026-06-12T03:00:00.000Z']);
  });

  it('puts Kolkata hours at half past UTC hours', () => {
    const edges = seriesEdges(window('2026-06-01T00:00:00Z', '2026-06-01T03:00:00Z'), 'HOUR', 'Asia/Kolkata');
    expect(iso(edges)).toEqual(['2026-06-01T00:00:00.000Z', '2026-06-01T00:30:00.000Z', '2026-06-01T01:30:00.000Z', '2026-06-01T02:30:00.000Z', '2026-06-01T03:00:00.000Z']);
  });

  it('starts a Santiago day at 01:00 when the clocks skip midnight', () => {
    // Chile springs forward at 24:00 on Saturday 5 September 2026: Sunday begins at 01:00 (-03).
    const edges = seriesEdges(window('2026-09-05T04:00:00Z', '2026-09-07T03:00:00Z'), 'DAY', 'America/Santiago');
    expect(iso(edges)).toEqual(['2026-09-05T04:00:00.000Z', '2026-09-06T04:00:00.000Z', '2026-09-07T03:00:00.000Z']);
    expect(lengths(edges)).toEqual([24, 23]);
  });

  it('starts weeks on Monday local midnight and months on the 1st', () => {
    const weeks = seriesEdges(window('2026-06-01T00:00:00Z', '2026-06-20T00:00:00Z'), 'WEEK', 'UTC');
    expect(iso(weeks)).toEqual(['2026-06-01T00:00:00.000Z', '2026-06-08T00:00:00.000Z', '2026-06-15T00:00:00.000Z', '2026-06-20T00:00:00.000Z']);
    const months = seriesEdges(window('2026-03-15T00:00:00Z', '2026-05-02T00:00:00Z'), 'MONTH', 'Australia/Sydney');
    expect(iso(months)).toEqual(['2026-03-15T00:00:00.000Z', '2026-03-31T13:00:00.000Z', '2026-04-30T14:00:00.000Z', '2026-05-02T00:00:00.000Z']);
  });
});

describe('comparisonWindow', () => {
  const june = window('2026-05-31T22:00:00Z', '2026-06-30T22:00:00Z');

  it('compares a past billing period with the one before it', () => {
    const previous = comparisonWindow(june, Date.parse('2026-08-01T00:00:00Z'), 'Europe/Berlin');
    expect(iso([previous.from.getTime(), previous.to.getTime()])).toEqual(['2026-04-30T22:00:00.000Z', '2026-05-31T22:00:00.000Z']);
  });

  it('compares any other window with the same length just before it', () => {
    const previous = comparisonWindow(window('2026-06-10T00:00:00Z', '2026-06-17T00:00:00Z'), Date.parse('2026-07-01T00:00:00Z'), 'Europe/Berlin');
    expect(iso([previous.from.getTime(), previous.to.getTime()])).toEqual(['2026-06-03T00:00:00.000Z', '2026-06-10T00:00:00.000Z']);
  });

  it('cuts a running window to its elapsed part, from the start of the previous period', () => {
    const previous = comparisonWindow(june, Date.parse('2026-06-10T22:00:00Z'), 'Europe/Berlin');
    expect(iso([previous.from.getTime(), previous.to.getTime()])).toEqual(['2026-04-30T22:00:00.000Z', '2026-05-10T22:00:00.000Z']);
  });

  it('never runs past the end of a shorter previous period', () => {
    const march = window('2026-02-28T23:00:00Z', '2026-03-31T22:00:00Z');
    const previous = comparisonWindow(march, Date.parse('2026-03-30T22:00:00Z'), 'Europe/Berlin');
    expect(previous.to.toISOString()).toBe('2026-02-28T23:00:00.000Z');
  });

  it('is empty when asOf is at or before the window start', () => {
    const previous = comparisonWindow(june, Date.parse('2026-05-01T00:00:00Z'), 'Europe/Berlin');
    expect(previous.from.getTime()).toBe(previous.to.getTime());
    expect(previous.from.toISOString()).toBe('2026-04-30T22:00:00.000Z');
  });
});
