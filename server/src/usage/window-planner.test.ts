import { DAY, DAY_MS, HOUR, HOUR_MS, MONTH, planWindow, type PlannedRange } from './window-planner';

const at = (iso: string) => Date.parse(iso);
const GRAIN = { month: MONTH, day: DAY, hour: HOUR };

/** How many times the plan counts `instant`: the sum of the signs of the ranges holding it. */
function timesCounted(ranges: readonly PlannedRange[], instant: number): number {
  return ranges.reduce((sum, range) => sum + (range.from <= instant && instant < range.to ? range.sign : 0), 0);
}

const summary = (ranges: readonly PlannedRange[]) =>
  ranges.map((range) => `${range.sign === 1 ? '+' : '-'}${range.source} ${new Date(range.from).toISOString()}..${new Date(range.to).toISOString()}`);

describe('window plans', () => {
  it('reads a Berlin month as the UTC month, plus two hours before it, minus one hour after it', () => {
    const plan = planWindow(at('2026-09-30T22:00:00Z'), at('2026-10-31T23:00:00Z'));
    expect(summary(plan.ranges).sort()).toEqual(
      [
        '+hour 2026-09-30T22:00:00.000Z..2026-10-01T00:00:00.000Z',
        '+month 2026-10-01T00:00:00.000Z..2026-11-01T00:00:00.000Z',
        '-hour 2026-10-31T23:00:00.000Z..2026-11-01T00:00:00.000Z',
      ].sort(),
    );
  });

  it('reads a UTC month as one month bucket', () => {
    expect(summary(planWindow(at('2026-06-01T00:00:00Z'), at('2026-07-01T00:00:00Z')).ranges)).toEqual(['+month 2026-06-01T00:00:00.000Z..2026-07-01T00:00:00.000Z']);
  });

  it('reads at most half an hour of ledger at each unaligned edge of a Kolkata month (+05:30)', () => {
    const plan = planWindow(at('2026-05-31T18:30:00Z'), at('2026-06-30T18:30:00Z'));
    const ledger = plan.ranges.filter((range) => range.source === 'ledger');
    expect(ledger).toHaveLength(2);
    ledger.forEach((range) => expect(range.to - range.from).toBe(30 * 60_000));
    expect(plan.ranges.some((range) => range.source === 'month')).toBe(true);
  });

  it('reads a window inside one hour from the ledger alone when that is cheaper than the hour minus its rest', () => {
    expect(summary(planWindow(at('2026-06-01T10:05:00Z'), at('2026-06-01T10:20:00Z')).ranges)).toEqual(['+ledger 2026-06-01T10:05:00.000Z..2026-06-01T10:20:00.000Z']);
  });

  it('counts every instant of random windows exactly once and nothing outside them, from aligned buckets', () => {
    let seed = 42;
    const next = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 2000; i++) {
      const from = at('2025-11-01T00:00:00Z') + Math.floor(next() * 200 * DAY_MS);
      const to = from + 1 + Math.floor(next() * (next() < 0.5 ? 3 * HOUR_MS : 100 * DAY_MS));
      const { ranges } = planWindow(from, to);
      for (const range of ranges) {
        expect(range.from).toBeLessThan(range.to);
        if (range.source !== 'ledger') {
          const grain = GRAIN[range.source];
          expect([grain.floor(range.from), grain.floor(range.to)]).toEqual([range.from, range.to]);
        } else expect(range.to - range.from).toBeLessThan(HOUR_MS);
      }
      // Counting changes only at range ends: probing each end and the instant before it checks every stretch.
      const probes = new Set([from - 1, from, to - 1, to, ...ranges.flatMap((range) => [range.from - 1, range.from, range.to - 1, range.to])]);
      for (const instant of probes) expect([instant, timesCounted(ranges, instant)]).toEqual([instant, from <= instant && instant < to ? 1 : 0]);
    }
  });

  it('finds month starts in UTC, also across years and before 1970', () => {
    expect(MONTH.floor(at('2026-12-31T23:59:59.999Z'))).toBe(at('2026-12-01T00:00:00Z'));
    expect(MONTH.ceil(at('2026-12-31T23:59:59.999Z'))).toBe(at('2027-01-01T00:00:00Z'));
    expect(MONTH.ceil(at('2026-12-01T00:00:00Z'))).toBe(at('2026-12-01T00:00:00Z'));
    expect(MONTH.floor(-1)).toBe(at('1969-12-01T00:00:00Z'));
    expect(MONTH.count(at('2025-11-01T00:00:00Z'), at('2027-02-01T00:00:00Z'))).toBe(15);
  });
});
