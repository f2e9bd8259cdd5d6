import { paceSpan, PACE_SPAN_MS, project, reachedThresholds, thresholdProblems } from './budget-math';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// October 2026 in UTC: 31 days.
const OCTOBER = { from: Date.UTC(2026, 9, 1), to: Date.UTC(2026, 10, 1) };

describe('thresholds', () => {
  it('accepts whole percents from 1 to 1,000 without repeats', () => {
    expect(thresholdProblems([1, 50, 80, 100, 1000])).toEqual([]);
  });

  it('names each threshold outside 1–1,000 or not whole by its index', () => {
    expect(thresholdProblems([0, 1001, 50.5, -3]).map((problem) => problem.field)).toEqual([
      'input.thresholds[0]',
      'input.thresholds[1]',
      'input.thresholds[2]',
      'input.thresholds[3]',
    ]);
  });

  it('names a repeated threshold and the index it repeats', () => {
    expect(thresholdProblems([80, 50, 80])).toEqual([{ field: 'input.thresholds[2]', message: '80 is already input.thresholds[0]: thresholds must not repeat' }]);
  });

  it('counts a threshold as reached exactly at its share, not a credit before', () => {
    expect(reachedThresholds(499n, 1000n, [100, 50, 80])).toEqual([]);
    expect(reachedThresholds(500n, 1000n, [100, 50, 80])).toEqual([50]);
    expect(reachedThresholds(1000n, 1000n, [100, 50, 80])).toEqual([50, 80, 100]);
  });

  it('compares exactly where a float would round: 1/3 of a budget of 3 credits is 33.33… %', () => {
    expect(reachedThresholds(1n, 3n, [33, 34])).toEqual([33]);
    expect(reachedThresholds(9_007_199_254_740_990n, 9_007_199_254_740_991n, [100])).toEqual([]);
  });

  it('reaches thresholds above 100 % and none with credits at or below zero', () => {
    expect(reachedThresholds(2500n, 1000n, [100, 250, 1000])).toEqual([100, 250]);
    expect(reachedThresholds(-10n, 1000n, [1])).toEqual([]);
  });
});

describe('the projection of the current period', () => {
  it('reads the pace over the last 168 hours, or the period so far when it began less than 168 hours ago', () => {
    expect(paceSpan(OCTOBER.from, OCTOBER.from + 20 * DAY)).toEqual({ from: OCTOBER.from + 13 * DAY, to: OCTOBER.from + 20 * DAY });
    expect(paceSpan(OCTOBER.from, OCTOBER.from + 2 * DAY)).toEqual({ from: OCTOBER.from, to: OCTOBER.from + 2 * DAY });
    expect(PACE_SPAN_MS).toBe(7 * DAY);
  });

  it('adds the pace per 24-hour day times the days left to the credits so far, rounded down', () => {
    // 20 days in: 700 credits in the last 7 days = 100 a day; 11 days left.
    const asOf = OCTOBER.from + 20 * DAY;
    expect(project({ period: OCTOBER, asOf, creditsSoFar: 2000n, paceCredits: 700n, creditsPerPeriod: 5000n })?.projectedCredits).toBe(3100n);
    // 10 credits over 7 days = 10/7 a day, × 11 days = 15.71…: rounded down to 15.
    expect(project({ period: OCTOBER, asOf, creditsSoFar: 0n, paceCredits: 10n, creditsPerPeriod: 5000n })?.projectedCredits).toBe(15n);
  });

  it('rounds a negative pace down too (refunds outpacing spend)', () => {
    const asOf = OCTOBER.from + 20 * DAY;
    // −10/7 a day × 11 days = −15.71…: down is −16.
    expect(project({ period: OCTOBER, asOf, creditsSoFar: 100n, paceCredits: -10n, creditsPerPeriod: 5000n })).toEqual({ projectedCredits: 84n, projectedRunOutAt: null });
  });

  it('reaches the budget at the first millisecond the pace line meets it', () => {
    // 3000 of 5000 used, 100 a day: 20 more days, past the 11 left → no run-out; at 400 a day, 5 days.
    const asOf = OCTOBER.from + 20 * DAY;
    expect(project({ period: OCTOBER, asOf, creditsSoFar: 3000n, paceCredits: 700n, creditsPerPeriod: 5000n })?.projectedRunOutAt).toBeNull();
    expect(project({ period: OCTOBER, asOf, creditsSoFar: 3000n, paceCredits: 2800n, creditsPerPeriod: 5000n })?.projectedRunOutAt).toBe(asOf + 5 * DAY);
    // 1 credit over the 7-day span: 2 credits short take 14 days — past the period's end.
    expect(project({ period: OCTOBER, asOf, creditsSoFar: 4998n, paceCredits: 1n, creditsPerPeriod: 5000n })?.projectedRunOutAt).toBeNull();
    // 3 credits over 7 days, 1 short: 7/3 days = 201,600,000 ms exactly… and 1 ms more when it does not divide.
    expect(project({ period: OCTOBER, asOf, creditsSoFar: 4999n, paceCredits: 3n, creditsPerPeriod: 5000n })?.projectedRunOutAt).toBe(asOf + 201_600_000);
    expect(project({ period: OCTOBER, asOf, creditsSoFar: 4999n, paceCredits: 7n * 24n * 3600n * 1000n - 1n, creditsPerPeriod: 5000n })?.projectedRunOutAt).toBe(asOf + 2);
  });

  it('has no run-out when the budget is used up already or the pace is not positive', () => {
    const asOf = OCTOBER.from + 20 * DAY;
    expect(project({ period: OCTOBER, asOf, creditsSoFar: 5000n, paceCredits: 700n, creditsPerPeriod: 5000n })?.projectedRunOutAt).toBeNull();
    expect(project({ period: OCTOBER, asOf, creditsSoFar: 10n, paceCredits: 0n, creditsPerPeriod: 5000n })).toEqual({ projectedCredits: 10n, projectedRunOutAt: null });
  });

  it('is the credits so far at the first instant of the period, where no pace can be read yet', () => {
    expect(project({ period: OCTOBER, asOf: OCTOBER.from, creditsSoFar: 0n, paceCredits: 0n, creditsPerPeriod: 5000n })).toEqual({ projectedCredits: 0n, projectedRunOutAt: null });
  });

  it('exists only for the period that contains asOf', () => {
    expect(project({ period: OCTOBER, asOf: OCTOBER.to, creditsSoFar: 1n, paceCredits: 1n, creditsPerPeriod: 5n })).toBeNull();
    expect(project({ period: OCTOBER, asOf: OCTOBER.from - 1, creditsSoFar: 1n, paceCredits: 1n, creditsPerPeriod: 5n })).toBeNull();
  });

  it('stays exact for credits far past 2^53 in the intermediate product', () => {
    const asOf = OCTOBER.from + 20 * DAY;
    const pace = 9_007_199_254_740_991n;
    expect(project({ period: OCTOBER, asOf, creditsSoFar: 0n, paceCredits: pace, creditsPerPeriod: pace })?.projectedCredits).toBe((pace * 11n) / 7n);
  });
});
