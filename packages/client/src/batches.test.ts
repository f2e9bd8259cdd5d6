import { splitIntoBatches } from './batches.js';

const sizes = (batches: Array<{ start: number; items: unknown[] }>) => batches.map((b) => [b.start, b.items.length]);

describe('splitIntoBatches', () => {
  it('makes no batch of an empty input', () => {
    expect(splitIntoBatches([], 10, { maxEntries: 3, maxBytes: 1000 })).toEqual([]);
  });

  it('cuts a batch at the entry limit', () => {
    const items = Array.from({ length: 7 }, (_, i) => i);
    expect(sizes(splitIntoBatches(items, 10, { maxEntries: 3, maxBytes: 1_000_000 }))).toEqual([
      [0, 3],
      [3, 3],
      [6, 1],
    ]);
  });

  it('cuts a batch where the exact JSON body would pass the byte limit', () => {
    // Each item is "xxxx" (6 bytes as JSON); with an envelope of 20 bytes and commas between items,
    // 3 items make 20 + 6*3 + 2 = 40 bytes, a 4th would make 47.
    const items = Array.from({ length: 5 }, () => 'xxxx');
    expect(sizes(splitIntoBatches(items, 20, { maxEntries: 100, maxBytes: 40 }))).toEqual([
      [0, 3],
      [3, 2],
    ]);
    expect(sizes(splitIntoBatches(items, 20, { maxEntries: 100, maxBytes: 39 }))).toEqual([
      [0, 2],
      [2, 2],
      [4, 1],
    ]);
  });

  it('counts bytes, not characters, of non-ASCII text', () => {
    const items = ['€€', '€€'];
    // "€€" is 8 bytes as JSON: both together need 2 + 8 + 1 + 8 = 19 bytes.
    expect(sizes(splitIntoBatches(items, 2, { maxEntries: 100, maxBytes: 18 }))).toEqual([
      [0, 1],
      [1, 1],
    ]);
    expect(sizes(splitIntoBatches(items, 2, { maxEntries: 100, maxBytes: 19 }))).toEqual([[0, 2]]);
  });

  it('refuses an entry that no request could carry, naming it', () => {
    expect(() => splitIntoBatches(['ok', 'x'.repeat(100)], 10, { maxEntries: 100, maxBytes: 50 })).toThrow(/entry 1 alone is 102 bytes/);
  });
});
