import { pathOfNul } from './text-input.plugin';

describe('pathOfNul', () => {
  it('names where the first NUL character sits in the variables', () => {
    expect(pathOfNul({ entries: [{ idempotencyKey: 'ok' }, { idempotencyKey: 'a\u0000b' }] }, '')).toBe('entries[1].idempotencyKey');
    expect(pathOfNul({ id: '\u0000' }, '')).toBe('id');
  });

  it('finds nothing in ordinary text, numbers and nulls', () => {
    expect(pathOfNul({ id: 'acct_1', n: 3, none: null, list: ['x'] }, '')).toBeNull();
  });
});
