import { MAX_WINDOW_DAYS, WindowError, containsInstant, validateWindow, type TimeWindow } from './window.js';

const at = (iso: string): Date => new Date(iso);
const windowOf = (from: string, to: string): TimeWindow => ({ from: at(from), to: at(to) });

function errorOf(window: TimeWindow): WindowError {
  try {
    validateWindow(window);
  } catch (error) {
    if (error instanceof WindowError) return error;
    throw error;
  }
  throw new Error('expected validateWindow to throw');
}

describe('validateWindow', () => {
  it('returns a good window unchanged', () => {
    const window = windowOf('2026-06-01T00:00:00Z', '2026-07-01T00:00:00Z');
    expect(validateWindow(window)).toBe(window);
  });

  it('accepts a window of a single millisecond', () => {
    expect(() => validateWindow(windowOf('2026-06-01T00:00:00.000Z', '2026-06-01T00:00:00.001Z'))).not.toThrow();
  });

  it('rejects an empty window whose from equals its to', () => {
    const error = errorOf(windowOf('2026-06-01T00:00:00Z', '2026-06-01T00:00:00Z'));
    expect(error.field).toBe('window');
    expect(error.message).toBe('window.from (2026-06-01T00:00:00.000Z) must be before window.to (2026-06-01T00:00:00.000Z)');
  });

  it('rejects a reversed window and says which way round it must be', () => {
    const error = errorOf(windowOf('2026-06-02T00:00:00Z', '2026-06-01T00:00:00Z'));
    expect(error.field).toBe('window');
    expect(error.message).toBe('window.from (2026-06-02T00:00:00.000Z) must be before window.to (2026-06-01T00:00:00.000Z)');
  });

  it('accepts exactly 366 days', () => {
    expect(MAX_WINDOW_DAYS).toBe(366);
    expect(() => validateWindow(windowOf('2028-01-01T00:00:00Z', '2029-01-01T00:00:00Z'))).not.toThrow();
  });

  it('rejects 366 days and one millisecond, naming the maximum and the length given', () => {
    const error = errorOf(windowOf('2028-01-01T00:00:00.000Z', '2029-01-01T00:00:00.001Z'));
    expect(error.field).toBe('window');
    expect(error.message).toMatch(/^window must span at most 366 days, but 2028-01-01T00:00:00\.000Z to 2029-01-01T00:00:00\.001Z spans 366\.0000000\d+ days$/);
  });

  it('states a much longer window in whole days', () => {
    expect(errorOf(windowOf('2020-01-01T00:00:00Z', '2030-01-01T00:00:00Z')).message).toContain('spans 3653 days');
  });

  it('blames from when from is not a valid instant', () => {
    const error = errorOf({ from: new Date(Number.NaN), to: at('2026-06-01T00:00:00Z') });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('WindowError');
    expect(error.field).toBe('from');
    expect(error.message).toBe('from is not a valid instant');
  });

  it('blames to when to is not a valid instant', () => {
    const error = errorOf({ from: at('2026-06-01T00:00:00Z'), to: new Date('not a date') });
    expect(error.field).toBe('to');
    expect(error.message).toBe('to is not a valid instant');
  });

  it('blames from first when both ends are invalid', () => {
    expect(errorOf({ from: new Date(Number.NaN), to: new Date(Number.NaN) }).field).toBe('from');
  });

  it('rejects ends that are not Dates at all', () => {
    const notDates = { from: '2026-06-01T00:00:00Z', to: 5 } as unknown as TimeWindow;
    expect(errorOf(notDates).field).toBe('from');
    expect(errorOf({ from: at('2026-06-01T00:00:00Z'), to: null } as unknown as TimeWindow).field).toBe('to');
  });
});

describe('containsInstant', () => {
  const june = windowOf('2026-06-01T00:00:00Z', '2026-07-01T00:00:00Z');

  it('includes the from instant', () => {
    expect(containsInstant(june, at('2026-06-01T00:00:00Z'))).toBe(true);
  });

  it('excludes the to instant', () => {
    expect(containsInstant(june, at('2026-07-01T00:00:00Z'))).toBe(false);
    expect(containsInstant(june, at('2026-06-30T23:59:59.999Z'))).toBe(true);
  });

  it('excludes instants before the window and invalid instants', () => {
    expect(containsInstant(june, at('2026-05-31T23:59:59.999Z'))).toBe(false);
    expect(containsInstant(june, new Date(Number.NaN))).toBe(false);
  });
});
