import { compareBySpend, sortBySpend, type SpendRow } from './ranking.js';
import { NO_CAMPAIGN_LABEL } from './kinds.js';

const row = (id: string, name: string, credits: bigint): SpendRow => ({ id, name, credits });
const ids = (rows: readonly SpendRow[]): string[] => rows.map((r) => r.id);

describe('compareBySpend', () => {
  it('puts the larger spender first', () => {
    expect(compareBySpend(row('a', 'A', 10n), row('b', 'B', 9n))).toBeLessThan(0);
    expect(compareBySpend(row('a', 'A', 9n), row('b', 'B', 10n))).toBeGreaterThan(0);
  });

  it('treats equal rows as equal', () => {
    expect(compareBySpend(row('a', 'A', 1n), row('a', 'A', 1n))).toBe(0);
  });

  it('compares credits beyond 2^53 exactly', () => {
    const big = 2n ** 60n;
    expect(compareBySpend(row('a', 'A', big), row('b', 'B', big + 1n))).toBeGreaterThan(0);
  });
});

describe('sortBySpend', () => {
  it('sorts by credits descending, negative rows last', () => {
    const rows = [row('1', 'x', -5n), row('2', 'x', 0n), row('3', 'x', 7n), row('4', 'x', 3n)];
    expect(ids(sortBySpend(rows))).toEqual(['3', '4', '2', '1']);
  });

  it('breaks credit ties by name in code-unit order, so capitals come before lower case', () => {
    const rows = [row('1', 'apple', 5n), row('2', 'Zebra', 5n), row('3', 'Apple', 5n)];
    expect(sortBySpend(rows).map((r) => r.name)).toEqual(['Apple', 'Zebra', 'apple']);
  });

  it('puts accented letters after z, unlike a locale-aware sort', () => {
    const rows = [row('1', 'Émile', 5n), row('2', 'zeta', 5n), row('3', 'Eve', 5n)];
    expect(sortBySpend(rows).map((r) => r.name)).toEqual(['Eve', 'zeta', 'Émile']);
  });

  it('orders astral characters by their surrogate code units', () => {
    const rows = [row('1', '\u{1F600}', 5n), row('2', '\uFFFF', 5n)];
    expect(sortBySpend(rows).map((r) => r.id)).toEqual(['1', '2']);
  });

  it('breaks name ties by id in code-unit order', () => {
    const rows = [row('b', 'Same', 5n), row('B', 'Same', 5n), row('a', 'Same', 5n), row('10', 'Same', 5n), row('9', 'Same', 5n)];
    expect(ids(sortBySpend(rows))).toEqual(['10', '9', 'B', 'a', 'b']);
  });

  it('places the No campaign row by its credits and name like any other row', () => {
    const rows = [row('c1', 'Outbound', 3n), row('none', NO_CAMPAIGN_LABEL, 3n), row('c2', 'Alpha', 9n), row('c3', 'Zed', 3n)];
    expect(ids(sortBySpend(rows))).toEqual(['c2', 'none', 'c1', 'c3']);
  });

  it('returns a new array and leaves the input untouched', () => {
    const rows = [row('a', 'A', 1n), row('b', 'B', 2n)];
    const sorted = sortBySpend(rows);
    expect(sorted).not.toBe(rows);
    expect(ids(rows)).toEqual(['a', 'b']);
    expect(ids(sorted)).toEqual(['b', 'a']);
  });

  it('keeps fully equal rows in their given order', () => {
    const first = { ...row('a', 'A', 1n), tag: 'first' };
    const second = { ...row('a', 'A', 1n), tag: 'second' };
    expect(sortBySpend([first, second]).map((r) => r.tag)).toEqual(['first', 'second']);
    expect(sortBySpend([second, first]).map((r) => r.tag)).toEqual(['second', 'first']);
  });

  it('keeps the extra fields of the rows it sorts', () => {
    const rows = [{ ...row('a', 'A', 1n), workspaceId: 'w1' }];
    expect(sortBySpend(rows)[0]?.workspaceId).toBe('w1');
  });

  it('sorts an empty list to an empty list', () => {
    expect(sortBySpend([])).toEqual([]);
  });
});
