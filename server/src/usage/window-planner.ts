/**
 * How a window is read: as a signed sum of ranges, each either whole buckets of one rollup grain
 * (UTC calendar months, UTC days, UTC hours) or a stretch of the ledger itself. A range may be
 * subtracted: a Berlin month is the UTC month plus two hours before it minus one hour after it,
 * four buckets instead of thirty days and twenty-five hours. Every instant of [from, to) is
 * counted exactly once and every instant outside it exactly zero times, which is what makes
 * rollup answers exact; the planner only chooses the cheapest such sum.
 */
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** A half-open range of epoch milliseconds. */
export interface MsRange {
  readonly from: number;
  readonly to: number;
}

export type GrainName = 'month' | 'day' | 'hour';

/** A bucket size of the rollups: where buckets start, and how many a range holds. */
export interface Grain {
  readonly name: GrainName;
  /** The start of the bucket holding `instant`. */
  floor(instant: number): number;
  /** The first bucket start at or after `instant`. */
  ceil(instant: number): number;
  /** How many buckets [from, to) holds; both ends are bucket starts. */
  count(from: number, to: number): number;
}

function fixedGrain(name: GrainName, size: number): Grain {
  return {
    name,
    floor: (instant) => Math.floor(instant / size) * size,
    ceil: (instant) => Math.ceil(instant / size) * size,
    count: (from, to) => (to - from) / size,
  };
}

export const HOUR: Grain = fixedGrain('hour', HOUR_MS);
export const DAY: Grain = fixedGrain('day', DAY_MS);
/** UTC calendar months: one grain for every account, whatever its zone (the edges are hours). */
export const MONTH: Grain = {
  name: 'month',
  floor(instant) {
    const date = new Date(instant);
    return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
  },
  ceil(instant) {
    const floor = MONTH.floor(instant);
    if (floor === instant) return instant;
    const date = new Date(floor);
    return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
  },
  count(from, to) {
    const monthIndex = (instant: number) => new Date(instant).getUTCFullYear() * 12 + new Date(instant).getUTCMonth();
    return monthIndex(to) - monthIndex(from);
  },
};

/** Coarsest first: each grain's bucket starts are bucket starts of the next. */
export const GRAINS: readonly Grain[] = [MONTH, DAY, HOUR];

/** One term of the sum: whole buckets of a grain, or the ledger, added (+1) or taken away (-1). */
export interface PlannedRange extends MsRange {
  readonly source: GrainName | 'ledger';
  readonly sign: 1 | -1;
}

export interface WindowPlan {
  readonly ranges: readonly PlannedRange[];
}

/**
 * Relative costs, from the bench at 10 M entries: a bucket of any grain holds at most one row per
 * key; an hour of the raw ledger holds dozens of entries per key. Every range is one more arm in
 * the statement, hence a small cost of its own (it also prefers adding to subtracting on a tie).
 */
const BUCKET_COST = 1;
const LEDGER_HOUR_COST = 30;
const RANGE_COST = 0.25;

interface Costed {
  readonly cost: number;
  readonly ranges: readonly PlannedRange[];
}

const NOTHING: Costed = { cost: 0, ranges: [] };

function negated(plan: Costed): Costed {
  return { cost: plan.cost, ranges: plan.ranges.map((range) => ({ ...range, sign: range.sign === 1 ? -1 : 1 })) };
}

/** The cheapest signed sum of whole buckets of `GRAINS[level]` and finer, and the ledger, equal to [from, to). */
function cheapest(from: number, to: number, level: number): Costed {
  if (from >= to) return NOTHING;
  if (level === GRAINS.length) {
    return { cost: ((to - from) / HOUR_MS) * LEDGER_HOUR_COST + RANGE_COST, ranges: [{ source: 'ledger', sign: 1, from, to }] };
  }
  const grain = GRAINS[level]!;
  let best = cheapest(from, to, level + 1);
  for (const start of new Set([grain.floor(from), grain.ceil(from)])) {
    for (const end of new Set([grain.floor(to), grain.ceil(to)])) {
      if (start >= end) continue;
      // Rounding an edge outwards takes the overshoot away again; inwards adds the gap.
      const before = start < from ? negated(cheapest(start, from, level + 1)) : cheapest(from, start, level + 1);
      const after = end > to ? negated(cheapest(to, end, level + 1)) : cheapest(end, to, level + 1);
      const cost = grain.count(start, end) * BUCKET_COST + RANGE_COST + before.cost + after.cost;
      if (cost < best.cost) best = { cost, ranges: [...before.ranges, { source: grain.name, sign: 1, from: start, to: end }, ...after.ranges] };
    }
  }
  return best;
}

export function planWindow(from: number, to: number): WindowPlan {
  return { ranges: cheapest(from, to, 0).ranges };
}
