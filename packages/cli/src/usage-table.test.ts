import type { AccountWithUsage, WorkspaceCampaigns } from '@creditlens/client';
import { formatChange, formatCredits, formatPercent, usageTable } from './usage-table';

const account: AccountWithUsage = {
  id: 'acct_1',
  name: 'Northwind',
  timezone: 'Europe/Berlin',
  usage: {
    window: { from: '2026-05-31T22:00:00.000Z', to: '2026-06-30T22:00:00.000Z' },
    asOf: '2026-06-15T08:00:00.000Z',
    lastRecordedAt: '2026-06-15T07:58:12.345Z',
    totalCredits: 1_234_567,
    byKind: [],
    workspaces: [
      { id: 'r1', workspace: { id: 'ws_a', name: 'Acme' }, credits: 1_200_000, share: 0.972, percent: 97.2, budget: null },
      { id: 'r2', workspace: { id: 'ws_b', name: 'Globex Logistics' }, credits: 34_567, share: 0.028, percent: 2.8, budget: null },
    ],
  },
};

const acmeCampaigns: WorkspaceCampaigns = {
  id: 'r1',
  workspace: { id: 'ws_a', name: 'Acme' },
  credits: 1_200_000,
  share: 0.972,
  percent: 97.2,
  budget: null,
  campaigns: [
    { campaign: { id: 'c1', name: 'Q3', archived: false }, label: 'Q3', credits: 1_000_000, share: 0.833, percent: 83.3, byKind: [], budget: null },
    { campaign: null, label: 'No campaign', credits: 150_000, share: 0.125, percent: 12.5, byKind: [], budget: null },
    { campaign: { id: 'c2', name: 'Old', archived: true }, label: 'Old', credits: 50_000, share: 0.042, percent: 4.2, byKind: [], budget: null },
  ],
};

describe('usageTable', () => {
  it('aligns workspace rows and the total, grouping thousands', () => {
    expect(usageTable(account, null).split('\n').slice(2)).toEqual([
      'Workspace           Credits    Share',
      '------------------------------------',
      'Acme              1,200,000   97.2 %',
      'Globex Logistics     34,567    2.8 %',
      '------------------------------------',
      'Total             1,234,567  100.0 %',
      '',
    ]);
  });

  it('puts the expanded workspace campaign rows, No campaign among them, beneath their workspace', () => {
    const lines = usageTable(account, acmeCampaigns).split('\n');
    expect(lines.slice(4, 9)).toEqual([
      'Acme              1,200,000   97.2 %',
      '  Q3              1,000,000   83.3 %',
      '  No campaign       150,000   12.5 %',
      '  Old (archived)     50,000    4.2 %',
      'Globex Logistics     34,567    2.8 %',
    ]);
    expect(lines).toContain('Campaign rows of Acme show their share of the workspace.');
  });

  it('heads the table with the account, the window in its time zone, the snapshot and when usage last arrived', () => {
    expect(usageTable(account, null).split('\n')[0]).toBe(
      'Northwind (acct_1): 2026-06-01 00:00 to 2026-07-01 00:00 Europe/Berlin, as of 2026-06-15T08:00:00.000Z, usage last recorded 2026-06-15T07:58:12.345Z',
    );
    const empty = { ...account, usage: { ...account.usage, lastRecordedAt: null } };
    expect(usageTable(empty, null).split('\n')[0]).toMatch(/, as of 2026-06-15T08:00:00.000Z, no usage recorded yet$/);
  });
});

describe('formatting', () => {
  it('groups credits by thousands, negatives included', () => {
    expect([0, 999, 1000, -12345, 9_007_199_254_740_991].map(formatCredits)).toEqual(['0', '999', '1,000', '-12,345', '9,007,199,254,740,991']);
  });

  it('shows a missing percent as a dash', () => {
    expect([formatPercent(12.34), formatPercent(null)]).toEqual(['12.3 %', '–']);
  });
});

describe('formatChange', () => {
  it('shows whole percents with their sign, "new" for a row without previous credits, "–" against negative ones', () => {
    expect(formatChange({ previousCredits: 100, change: 0.424 })).toBe('+42 %');
    expect(formatChange({ previousCredits: 100, change: -0.08 })).toBe('-8 %');
    expect(formatChange({ previousCredits: 100, change: -0.001 })).toBe('0 %');
    expect(formatChange({ previousCredits: 0, change: null })).toBe('new');
    expect(formatChange({ previousCredits: -5, change: null })).toBe('–');
  });
});
