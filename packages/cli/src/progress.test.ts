import { progressReporter } from './progress';

const stream = (isTTY: boolean) => {
  const written: string[] = [];
  return { isTTY, written, write: (text: string) => written.push(text) };
};

const batch = (n: number, of: number, done: number, total: number) => ({ batch: n, batches: of, entriesDone: done, entriesTotal: total, accepted: done, duplicates: 0 });

describe('progressReporter', () => {
  it('writes one plain line per batch when not on a terminal', () => {
    const out = stream(false);
    const progress = progressReporter(out);
    progress.batch(batch(1, 2, 10_000, 15_000));
    progress.batch(batch(2, 2, 15_000, 15_000));
    expect(out.written).toEqual(['batch 1/2: 10,000/15,000 entries, 10,000 new, 0 duplicates\n', 'batch 2/2: 15,000/15,000 entries, 15,000 new, 0 duplicates\n']);
  });

  it('redraws one bar in place on a terminal and ends it with a newline', () => {
    const out = stream(true);
    const progress = progressReporter(out);
    progress.batch(batch(1, 2, 5, 10));
    progress.batch(batch(2, 2, 10, 10));
    expect(out.written[0]).toMatch(/^\r\[#{15}\.{15}\]  50%  5\/10 entries/);
    expect(out.written[1]).toMatch(/^\r\[#{30}\] 100%  10\/10 entries/);
    expect(out.written[2]).toBe('\n');
    expect(out.written.join('')).not.toMatch(/\n.*\n/);
  });

  it('breaks the bar before a retry notice', () => {
    const out = stream(true);
    const progress = progressReporter(out);
    progress.batch(batch(1, 3, 1, 3));
    progress.retry({ retry: 1, retries: 5, delayMs: 1500, reason: 'HTTP 429' });
    expect(out.written.slice(1)).toEqual(['\n', 'HTTP 429: retry 1/5 in 1.5 s with the same idempotency keys\n']);
  });
});
