import { largestRemainderPercents, shareOf, sumCredits, withShares } from './shares.js';

const tenthsOf = (percents: ReadonlyArray<number | null>): number =>
  percents.reduce<number>((acc, p) => acc + Math.round((p as number) * 10), 0);

/** A small deterministic generator (mulberry32), so failures reproduce. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('shareOf', () => {
  it('divides the part by the total', () => {
    expect(shareOf(1n, 4n)).toBe(0.25);
    expect(shareOf(1n, 3n)).toBe(1 / 3);
    expect(shareOf(7n, 7n)).toBe(1);
    expect(shareOf(0n, 7n)).toBe(0);
  });

  it('gives negative rows a negative share and lets a row exceed the whole', () => {
    expect(shareOf(-50n, 100n)).toBe(-0.5);
    expect(shareOf(150n, 100n)).toBe(1.5);
  });

  it('has no share when the total is zero or negative', () => {
    expect(shareOf(5n, 0n)).toBeNull();
    expect(shareOf(0n, 0n)).toBeNull();
    expect(shareOf(5n, -3n)).toBeNull();
  });

  it('stays exact for credits beyond 2^60', () => {
    const total = 3n * 2n ** 62n;
    expect(shareOf(2n ** 62n, total)).toBe(1 / 3);
    expect(shareOf(2n * 2n ** 62n, total)).toBe(2 / 3);
    expect(shareOf(total - 1n, total)).toBe(1);
    expect(shareOf(1n, total)).toBe(1 / (3 * 2 ** 62));
  });

  it('rounds correctly where converting each bigint to a number first would not', () => {
    const part = 2n ** 61n + 2n ** 8n + 1n;
    const total = 2n ** 61n + 2n ** 8n - 1n;
    expect(shareOf(part, total)).toBe(1);
  });

  it('is finite for totals far beyond the range of a double', () => {
    const total = 10n ** 400n;
    expect(shareOf(total / 4n, total)).toBe(0.25);
  });
});

describe('largestRemainderPercents', () => {
  it('gives the missing tenths to the largest remainders', () => {
    expect(largestRemainderPercents([1n, 1n, 1n], 3n)).toEqual([33.4, 33.3, 33.3]);
    expect(largestRemainderPercents([1n, 2n], 3n)).toEqual([33.3, 66.7]);
    expect(largestRemainderPercents([2n, 1n, 1n, 1n, 1n, 1n, 1n], 8n)).toEqual([25, 12.5, 12.5, 12.5, 12.5, 12.5, 12.5]);
    expect(largestRemainderPercents([2n, 1n, 1n, 1n, 1n, 1n, 1n, 1n, 1n], 10n)).toEqual([20, 10, 10, 10, 10, 10, 10, 10, 10]);
    expect(largestRemainderPercents([2n, 1n, 1n, 1n, 1n, 1n, 1n, 1n, 1n, 1n, 1n, 1n], 13n)).toEqual([
      15.3, 7.7, 7.7, 7.7, 7.7, 7.7, 7.7, 7.7, 7.7, 7.7, 7.7, 7.7,
    ]);
  });

  it('prefers the larger remainder over the earlier row', () => {
    // 1000 × [5, 1] / 6 = [833.33, 166.67]: the later row has the larger remainder and gets the tenth.
    expect(largestRemainderPercents([5n, 1n], 6n)).toEqual([83.3, 16.7]);
    expect(largestRemainderPercents([1n, 5n], 6n)).toEqual([16.7, 83.3]);
  });

  it('breaks remainder ties by row order when all rows are equal', () => {
    expect(largestRemainderPercents([1n, 1n, 1n, 1n, 1n, 1n], 6n)).toEqual([16.7, 16.7, 16.7, 16.7, 16.6, 16.6]);
    expect(largestRemainderPercents(Array<bigint>(7).fill(1n), 7n)).toEqual([14.3, 14.3, 14.3, 14.3, 14.3, 14.3, 14.2]);
  });

  it('breaks remainder ties by the given order, not by credits', () => {
    // 1000 × [1, 1, 4] / 6 = [166.67, 166.67, 666.67]: three equal remainders compete for two tenths.
    expect(largestRemainderPercents([1n, 1n, 4n], 6n)).toEqual([16.7, 16.7, 66.6]);
    expect(largestRemainderPercents([4n, 1n, 1n], 6n)).toEqual([66.7, 16.7, 16.6]);
  });

  it('gives a single row 100', () => {
    expect(largestRemainderPercents([42n], 42n)).toEqual([100]);
    expect(largestRemainderPercents([2n ** 70n], 2n ** 70n)).toEqual([100]);
  });

  it('gives a zero row 0', () => {
    expect(largestRemainderPercents([0n, 3n], 3n)).toEqual([0, 100]);
    expect(largestRemainderPercents([1n, 0n, 1n, 1n], 3n)).toEqual([33.4, 0, 33.3, 33.3]);
  });

  it('lets negative rows take part like the others', () => {
    expect(largestRemainderPercents([150n, -50n], 100n)).toEqual([150, -50]);
    // 1000 × [5, -2] / 3 = [1666.67, -666.67]: floored to [1666, -667], the missing tenth goes to the larger remainder.
    expect(largestRemainderPercents([5n, -2n], 3n)).toEqual([166.7, -66.7]);
    expect(largestRemainderPercents([-1n, 2n, 2n], 3n)).toEqual([-33.3, 66.7, 66.6]);
  });

  it('has no percents when the total is zero or negative', () => {
    expect(largestRemainderPercents([0n, 0n], 0n)).toEqual([null, null]);
    expect(largestRemainderPercents([5n, -5n], 0n)).toEqual([null, null]);
    expect(largestRemainderPercents([-3n, 1n], -2n)).toEqual([null, null]);
    expect(largestRemainderPercents([], 0n)).toEqual([]);
  });

  it('refuses rows that do not sum to the total', () => {
    expect(() => largestRemainderPercents([1n, 1n], 3n)).toThrow(RangeError);
    expect(() => largestRemainderPercents([1n, 1n], 3n)).toThrow("expected the 2 rows' credits to sum to the total 3, but they sum to 2");
    expect(() => largestRemainderPercents([], 1n)).toThrow(RangeError);
    expect(() => largestRemainderPercents([1n], 0n)).toThrow(RangeError);
  });

  it('returns numbers with at most one decimal', () => {
    for (const p of largestRemainderPercents([1n, 2n, 3n, 4n, 5n, 6n, 7n], 28n)) {
      expect(Number((p as number).toFixed(1))).toBe(p);
    }
  });

  it('stays exact for credits beyond 2^60', () => {
    const third = 2n ** 62n + 1n;
    expect(largestRemainderPercents([third, third, third], 3n * third)).toEqual([33.4, 33.3, 33.3]);
    expect(largestRemainderPercents([2n ** 64n - 1n, 1n], 2n ** 64n)).toEqual([100, 0]);
  });

  it('sums to exactly 100.0 in tenths on many random cases', () => {
    const next = seeded(424242);
    for (let i = 0; i < 3000; i += 1) {
      const count = 1 + Math.floor(next() * 30);
      const scale = [10, 1_000, 1e9, 1e15][Math.floor(next() * 4)] as number;
      const credits = Array.from({ length: count }, () => {
        const value = BigInt(Math.floor(next() * scale));
        return next() < 0.1 ? -value : value;
      });
      const total = credits.reduce((acc, c) => acc + c, 0n);
      if (total <= 0n) continue;
      const percents = largestRemainderPercents(credits, total);
      expect(tenthsOf(percents)).toBe(1000);
      percents.forEach((p, index) => {
        const exactTenths = Number((credits[index] as bigint) * 1000n) / Number(total);
        expect(Math.abs((p as number) * 10 - exactTenths)).toBeLessThan(1 + 1e-6);
      });
    }
  });
});

describe('withShares', () => {
  it('pairs each row with its share and percent, keeping the given order', () => {
    const rows = [
      { id: 'a', credits: 1n },
      { id: 'b', credits: 2n },
      { id: 'c', credits: 0n },
    ];
    expect(withShares(rows, 3n)).toEqual([
      { row: rows[0], share: 1 / 3, percent: 33.3 },
      { row: rows[1], share: 2 / 3, percent: 66.7 },
      { row: rows[2], share: 0, percent: 0 },
    ]);
  });

  it('gives nulls for a total that is not positive', () => {
    const rows = [
      { id: 'a', credits: 5n },
      { id: 'b', credits: -5n },
    ];
    expect(withShares(rows, 0n).map(({ share, percent }) => [share, percent])).toEqual([
      [null, null],
      [null, null],
    ]);
  });

  it('refuses rows that are not the whole of the total', () => {
    expect(() => withShares([{ credits: 1n }], 2n)).toThrow(RangeError);
  });

  it('returns nothing for no rows', () => {
    expect(withShares([], 0n)).toEqual([]);
  });
});

describe('sumCredits', () => {
  it('adds credits exactly, refunds included', () => {
    expect(sumCredits([{ credits: 2n ** 60n }, { credits: 2n ** 60n }, { credits: -1n }])).toBe(2n ** 61n - 1n);
  });

  it('sums no rows to zero', () => {
    expect(sumCredits([])).toBe(0n);
  });
});
