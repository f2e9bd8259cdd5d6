import { DAY_MS, HOUR_MS, planWindow, type MsRange, type WindowPlan } from './rollup-buckets';

const at = (iso: string) => Date.parse(iso);

function covered(plan: WindowPlan): MsRange[] {
  return [...plan.days, ...plan.hours, ...plan.ledger].sort((a, b) => a.from - b.from);
}

describe('window plans', () => {
  it('reads a Berlin month from days, the hours at its edges and no ledger', () => {
    const plan = planWindow(at('2026-05-31T22:00:00Z'), at('2026-06-30T22:00:00Z'));
    expect(plan.days).toEqual([{ from: at('2026-06-01T00:00:00Z'), to: at('2026-06-30T00:00:00Z') }]);
    expect(plan.hours).toEqual([
      { from: at('2026-05-31T22:00:00Z'), to: at('2026-06-01T00:00:00Z') },
      { from: at('2026-06-30T00:00:00Z'), to: at('2026-06-30T22:00:00Z') },
    ]);
    expect(plan.ledger).toEqual([]);
  });

  it('reads the unaligned minutes of a Kolkata month (+05:30) from the ledger', () => {
    const plan = planWindow(at('2026-05-31T18:30:00Z'), at('2026-06-30T18:30:00Z'));
    expect(plan.ledger).toEqual([
      { from: at('2026-05-31T18:30:00Z'), to: at('2026-05-31T19:00:00Z') },
      { from: at('2026-06-30T18:00:00Z'), to: at('2026-06-30T18:30:00Z') },
    ]);
  });

  it('reads a window inside one hour from the ledger alone', () => {
    const plan = planWindow(at('2026-06-01T10:05:00Z'), at('2026-06-01T10:55:00Z'));
    expect(plan).toEqual({ days: [], hours: [], ledger: [{ from: at('2026-06-01T10:05:00Z'), to: at('2026-06-01T10:55:00Z') }] });
  });

  it('covers every instant of random windows exactly once, with aligned buckets', () => {
    let seed = 42;
    const next = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 2000; i++) {
      const from = at('2026-01-01T00:00:00Z') + Math.floor(next() * 90 * DAY_MS);
      const to = from + 1 + Math.floor(next() * (next() < 0.5 ? 3 * HOUR_MS : 40 * DAY_MS));
      const plan = planWindow(from, to);
      const ranges = covered(plan);
      expect(ranges[0]!.from).toBe(from);
      expect(ranges[ranges.length - 1]!.to).toBe(to);
      ranges.slice(1).forEach((range, index) => expect(range.from).toBe(ranges[index]!.to));
      plan.days.forEach((range) => expect([range.from % DAY_MS, range.to % DAY_MS]).toEqual([0, 0]));
      plan.hours.forEach((range) => expect([range.from % HOUR_MS, range.to % HOUR_MS]).toEqual([0, 0]));
      plan.ledger.forEach((range) => expect(range.to - range.from).toBeLessThan(HOUR_MS));
    }
  });
});
