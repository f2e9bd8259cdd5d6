import { rollupDeltas, type DeltaSource } from './rollup-deltas';
import { CAMPAIGN_HOURS, KIND_MONTHS, ROLLUP_TABLES, WORKSPACE_DAYS } from './rollups';

const line = (over: Partial<DeltaSource>): DeltaSource => ({
  accountId: 'a',
  workspaceId: 'w1',
  campaignId: 'c1',
  kind: 'REPLY',
  credits: 10n,
  occurredAt: new Date('2026-06-30T23:30:00Z'),
  ...over,
});

describe('rollup deltas', () => {
  const lines = [
    line({}),
    line({ credits: 5n, occurredAt: new Date('2026-06-30T23:59:59.999Z') }),
    line({ credits: 7n, occurredAt: new Date('2026-07-01T00:00:00Z') }),
    line({ campaignId: null, kind: 'LEAD_FINDING', credits: -2n }),
    line({ workspaceId: 'w2', campaignId: 'c9', credits: 2n ** 60n }),
  ];
  const deltas = rollupDeltas(lines);

  it('sums the lines of one bucket and key into one row, with their count', () => {
    expect(deltas.get(WORKSPACE_DAYS)).toEqual(
      expect.arrayContaining([
        ['a', Date.parse('2026-06-30T00:00:00Z'), 'w1', '13', 3],
        ['a', Date.parse('2026-07-01T00:00:00Z'), 'w1', '7', 1],
        ['a', Date.parse('2026-06-30T00:00:00Z'), 'w2', (2n ** 60n).toString(), 1],
      ]),
    );
    expect(deltas.get(WORKSPACE_DAYS)).toHaveLength(3);
  });

  it('keys the no-campaign lines by the empty campaign key and kinds by kind', () => {
    expect(deltas.get(CAMPAIGN_HOURS)).toContainEqual(['a', Date.parse('2026-06-30T23:00:00Z'), 'w1', '', 'LEAD_FINDING', '-2', 1]);
    expect(deltas.get(KIND_MONTHS)).toEqual(
      expect.arrayContaining([
        ['a', Date.parse('2026-06-01T00:00:00Z'), 'REPLY', (15n + 2n ** 60n).toString(), 3],
        ['a', Date.parse('2026-07-01T00:00:00Z'), 'REPLY', '7', 1],
        ['a', Date.parse('2026-06-01T00:00:00Z'), 'LEAD_FINDING', '-2', 1],
      ]),
    );
  });

  it('gives every rollup the same total credits and count as the lines', () => {
    const total = lines.reduce((sum, l) => sum + l.credits, 0n);
    for (const table of ROLLUP_TABLES) {
      const rows = deltas.get(table)!;
      expect([table.name, rows.reduce((sum, row) => sum + BigInt(row[row.length - 2]!), 0n)]).toEqual([table.name, total]);
      expect([table.name, rows.reduce((sum, row) => sum + Number(row[row.length - 1]), 0)]).toEqual([table.name, lines.length]);
    }
  });
});
