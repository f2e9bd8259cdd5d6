import { seriesEdges } from '@creditlens/usage-math';
import { planWindow } from './window-planner';
import { parseSeriesParts, sharedRanges } from './series-sql';

const BERLIN_OCTOBER = { from: new Date('2026-09-30T22:00:00Z'), to: new Date('2026-10-31T23:00:00Z') };

describe('sharedRanges', () => {
  const edges = seriesEdges(BERLIN_OCTOBER, 'DAY', 'Europe/Berlin');

  it('reads the hours two neighbouring local days share once, for both of them', () => {
    const hours = sharedRanges(edges).get('hour')!;
    const planned = edges.slice(0, -1).flatMap((edge, bucket) => planWindow(edge, edges[bucket + 1]!).ranges.filter((range) => range.source === 'hour'));
    expect(planned.length).toBe(62);
    expect(hours.length).toBe(32);
    const shared = hours.filter((range) => range.tags.length === 2);
    expect(shared.length).toBe(30);
    for (const range of shared) {
      const [[first, firstSign], [second, secondSign]] = range.tags as [[number, number], [number, number]];
      expect([second - first, firstSign, secondSign]).toEqual([1, -1, 1]);
    }
  });

  it.each([
    ['DAY', 'Europe/Berlin'],
    ['HOUR', 'Asia/Kolkata'],
    ['WEEK', 'Australia/Sydney'],
  ] as const)('keeps every planned term of every %s bucket in %s, with its sign', (granularity, zone) => {
    const zoned = seriesEdges(BERLIN_OCTOBER, granularity, zone);
    const terms = [...sharedRanges(zoned)].flatMap(([source, list]) => list.flatMap((range) => range.tags.map(([bucket, sign]) => `${bucket} ${source} ${sign} ${range.from} ${range.to}`)));
    const planned = zoned
      .slice(0, -1)
      .flatMap((edge, bucket) => planWindow(edge, zoned[bucket + 1]!).ranges.map((range) => `${bucket} ${range.source} ${range.sign} ${range.from} ${range.to}`));
    expect(terms.sort()).toEqual(planned.sort());
  });
});

describe('parseSeriesParts', () => {
  it('reads "bucket:credits" parts into every bucket, negative ones and 2^53 − 1 included, a bucket\'s parts added up', () => {
    expect(parseSeriesParts('0:12,3:-4,3:9007199254740987,1:9007199254740991', 5)).toEqual([12, Number.MAX_SAFE_INTEGER, 0, 9007199254740983, 0]);
  });

  it('reads all zeros from an empty aggregate (the account row of a window without entries)', () => {
    expect(parseSeriesParts(null, 3)).toEqual([0, 0, 0]);
    expect(parseSeriesParts('', 2)).toEqual([0, 0]);
  });

  it('answers null for the row that says the local-day rollups were not in the zone', () => {
    expect(parseSeriesParts('2:5,-1:0', 3)).toBeNull();
  });

  it('reads parts in another form than integers as Number does', () => {
    expect(parseSeriesParts('0:1e3,1:2,0:7.0,1:-0', 2)).toEqual([1007, 2]);
    expect(parseSeriesParts('1:3, 0:4', 2)).toEqual([4, 3]);
  });
});
