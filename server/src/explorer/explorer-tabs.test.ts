import { explorerTabs } from './explorer-tabs';

const recordEntries = (now: Date) => JSON.parse(explorerTabs(now)[2]!.variables!).entries as Array<Record<string, unknown>>;

describe('the explorer Record tab', () => {
  it('sends the same entries for the same idempotency keys on every visit of one day', () => {
    const morning = recordEntries(new Date('2026-10-14T06:01:02.345Z'));
    const evening = recordEntries(new Date('2026-10-14T23:59:59.999Z'));
    expect(evening).toEqual(morning);
    expect(morning.map((entry) => entry.idempotencyKey)).toEqual(['explorer-2026-10-14-1', 'explorer-2026-10-14-2']);
  });

  it('gives the next day new keys, and entries inside that day in the demo account zone', () => {
    const entries = recordEntries(new Date('2026-10-31T23:30:00Z'));
    expect(entries.map((entry) => entry.idempotencyKey)).toEqual(['explorer-2026-10-31-1', 'explorer-2026-10-31-2']);
    expect(entries.every((entry) => entry.occurredAt === '2026-10-31T00:00:00.000Z')).toBe(true);
    expect(recordEntries(new Date('2026-11-01T00:10:00Z'))[0]!.idempotencyKey).toBe('explorer-2026-11-01-1');
  });
});
