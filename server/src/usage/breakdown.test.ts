import { buildAccountUsage, buildCampaignRows, byKindOf } from './breakdown';
import type { CampaignKindSum, PageSums } from './usage.repository';

const snapshot = { accountId: 'a', window: { from: new Date('2026-06-01T00:00:00Z'), to: new Date('2026-07-01T00:00:00Z') }, asOf: 1_780_000_000_000 };

const page = (workspaces: Array<[string, string, bigint]>, byKind: PageSums['byKind'] = []): PageSums => ({
  workspaces: workspaces.map(([workspaceId, workspaceName, credits]) => ({ workspaceId, workspaceName, credits })),
  byKind,
});
const cs = (campaignId: string | null, kind: CampaignKindSum['kind'], credits: bigint, name = campaignId): CampaignKindSum => ({
  workspaceId: 'w',
  campaignId,
  campaignName: name,
  archived: false,
  kind,
  credits,
});

describe('account usage assembly', () => {
  it('adds workspaces up to the total and lists kinds in contract order', () => {
    const usage = buildAccountUsage(snapshot, page([['w2', 'Two', 3n], ['w1', 'One', 12n]], [{ kind: 'LEAD_FINDING', credits: 7n }, { kind: 'REPLY', credits: 8n }]));
    expect(usage.totalCredits).toBe(15n);
    expect(usage.workspaces.map((row) => [row.workspace.id, row.credits])).toEqual([['w1', 12n], ['w2', 3n]]);
    expect(usage.byKind).toEqual([{ kind: 'REPLY', credits: 8n }, { kind: 'LEAD_FINDING', credits: 7n }]);
  });

  it('gives every row an id that changes with the window and the snapshot', () => {
    const a = buildAccountUsage(snapshot, page([['w1', 'One', 5n]])).workspaces[0]!.id;
    const b = buildAccountUsage({ ...snapshot, asOf: snapshot.asOf + 1 }, page([['w1', 'One', 5n]])).workspaces[0]!.id;
    expect(a).not.toBe(b);
    expect(a).toContain('w1');
  });

  it('answers null shares and percents when the total is not positive', () => {
    const usage = buildAccountUsage(snapshot, page([['w1', 'One', 5n], ['w2', 'Two', -5n]]));
    expect(usage.workspaces.map((row) => [row.share, row.percent])).toEqual([[null, null], [null, null]]);
  });
});

describe('campaign rows', () => {
  it('makes one No campaign row of all entries without a campaign, with its kinds', () => {
    const rows = buildCampaignRows([cs(null, 'LEAD_FINDING', 4n), cs(null, 'REPLY', 1n), cs('c1', 'REPLY', 10n, 'Alpha')]);
    expect(rows.map((row) => [row.label, row.credits, row.campaign?.id ?? null])).toEqual([['Alpha', 10n, 'c1'], ['No campaign', 5n, null]]);
    expect(rows[1]!.byKind).toEqual([{ kind: 'REPLY', credits: 1n }, { kind: 'LEAD_FINDING', credits: 4n }]);
  });

  it('sorts the No campaign row by its credits and its name among equals', () => {
    const rows = buildCampaignRows([cs(null, 'LEAD_FINDING', 5n), cs('c1', 'REPLY', 5n, 'Zulu'), cs('c2', 'REPLY', 5n, 'Alpha')]);
    expect(rows.map((row) => row.label)).toEqual(['Alpha', 'No campaign', 'Zulu']);
  });

  it('rounds percents so that siblings sum to exactly 100.0', () => {
    const rows = buildCampaignRows([cs('a', 'REPLY', 1n), cs('b', 'REPLY', 1n), cs('c', 'REPLY', 1n)]);
    expect(rows.map((row) => row.percent)).toEqual([33.4, 33.3, 33.3]);
  });
});

describe('byKind', () => {
  it('lists kinds in contract order and leaves out kinds without entries', () => {
    expect(byKindOf([{ kind: 'CONTACT_LIST_CLEANING', credits: 1n }, { kind: 'FIRST_EMAIL_DRAFT', credits: 2n }])).toEqual([
      { kind: 'FIRST_EMAIL_DRAFT', credits: 2n },
      { kind: 'CONTACT_LIST_CLEANING', credits: 1n },
    ]);
  });
});
