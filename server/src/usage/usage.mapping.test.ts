import { toAccountUsage, toCampaignUsage } from './usage.mapping';
import { AccountUsage, CampaignUsage, PageReads, WorkspaceUsage } from './usage.types';

const snapshot = { accountId: 'acct', window: { from: new Date('2026-10-01T00:00:00Z'), to: new Date('2026-11-01T00:00:00Z') }, asOf: Date.parse('2026-10-15T00:00:00Z') };

// type-graphql copies a root that is not an instance of its class on every field resolver call
// (graphql/instances.test.ts); as instances, the rows built here are the ones the resolvers see.
describe('usage rows for the contract', () => {
  it('are instances of their GraphQL classes, so field resolvers get the row itself', () => {
    const page = toAccountUsage(
      {
        snapshot,
        totalCredits: 30n,
        byKind: [{ kind: 'REPLY', credits: 30n }],
        workspaces: [{ id: 'ws1|key', snapshot, workspace: { id: 'ws1', name: 'One' }, credits: 30n, share: 1, percent: 100 }],
      },
      null,
      'Europe/Berlin',
      new Set(),
      new PageReads(),
    );
    expect(page).toBeInstanceOf(AccountUsage);
    expect(page.workspaces[0]).toBeInstanceOf(WorkspaceUsage);
    expect(page.workspaces[0]).toMatchObject({ id: 'ws1|key', credits: 30, placement: { share: 1, percent: 100 }, timeZone: 'Europe/Berlin', workspace: { id: 'ws1', name: 'One', accountId: 'acct' } });

    const campaign = toCampaignUsage(
      { campaign: null, label: 'No campaign', credits: 30n, share: 1, percent: 100, byKind: [{ kind: 'REPLY', credits: 30n }] },
      { workspaceId: 'ws1', snapshot, timeZone: 'Europe/Berlin' },
    );
    expect(campaign).toBeInstanceOf(CampaignUsage);
    expect(campaign).toMatchObject({ label: 'No campaign', credits: 30, byKind: [{ kind: 'REPLY', credits: 30 }], origin: { workspaceId: 'ws1', campaignId: null } });
  });
});
