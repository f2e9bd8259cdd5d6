import { effectiveAsOf } from './snapshot';

describe('effective asOf', () => {
  it('is the committed clock when none is asked for', () => {
    expect(effectiveAsOf(undefined, 1000)).toBe(1000);
    expect(effectiveAsOf(null, 1000)).toBe(1000);
  });

  it('keeps an asOf in the past', () => {
    expect(effectiveAsOf(new Date(400), 1000)).toBe(400);
  });

  it('clamps an asOf past the committed clock to the clock', () => {
    expect(effectiveAsOf(new Date(5000), 1000)).toBe(1000);
  });
});
