import { billingPeriodContaining } from '@creditlens/usage-math';

/**
 * The tabs the explorer opens with: the example operations of docs/api.md, ready to run against the
 * demo account once a credential is filled in.
 */
export interface ExplorerTab {
  readonly query: string;
  readonly variables?: string;
}

const PAGE = `# The page query: usage by workspace in a window (default: the current billing period).
# Keep usage.asOf: the expand query passes it so its campaign rows add up to these rows.
query Page($accountId: ID!, $window: UsageWindowInput) {
  account(id: $accountId) {
    name
    timezone
    currentPeriod { from to }
    usage(window: $window) {
      window { from to }
      asOf
      totalCredits
      workspaces { id workspace { id name } credits share percent }
    }
  }
}
`;

const EXPAND = `# The expand query: one workspace's campaign rows with the No campaign row.
# Add "asOf" with the page's usage.asOf to the variables: the rows then sum to exactly the
# workspace row the page showed, even while new usage arrives.
query Expand($workspaceId: ID!, $window: UsageWindowInput!, $asOf: DateTime) {
  workspaceUsage(workspaceId: $workspaceId, window: $window, asOf: $asOf) {
    id credits percent
    campaigns { campaign { id name archived } label credits share percent byKind { kind credits } }
  }
}
`;

const RECORD = `# Record usage: atomic (all or nothing) and idempotent per (account, idempotencyKey).
# Run it twice: the second time both entries count as duplicates.
mutation Record($entries: [UsageEntryInput!]!) {
  recordUsage(entries: $entries) { accepted duplicates }
}
`;

const json = (value: unknown) => JSON.stringify(value, null, 2);

/** The demo account's tabs; the expand tab's window is the demo account's current billing period. */
export function explorerTabs(now: Date): ExplorerTab[] {
  const day = now.toISOString().slice(0, 10);
  // The key names the UTC day, so the content must be a function of the day too: a second visit
  // the same day resends the same entries (duplicates), not a changed entry under the same key.
  // UTC midnight is 01:00 or 02:00 in Berlin, inside the same day and billing period there.
  const occurredAt = `${day}T00:00:00.000Z`;
  const period = billingPeriodContaining(now, 'Europe/Berlin');
  return [
    { query: PAGE, variables: json({ accountId: 'acct_demo' }) },
    {
      query: EXPAND,
      variables: json({ workspaceId: 'ws_acme', window: { from: period.from.toISOString(), to: period.to.toISOString() } }),
    },
    {
      query: RECORD,
      variables: json({
        entries: [
          { idempotencyKey: `explorer-${day}-1`, accountId: 'acct_demo', workspaceId: 'ws_acme', campaignId: 'cmp_acme_1', kind: 'FIRST_EMAIL_DRAFT', credits: 12, occurredAt },
          { idempotencyKey: `explorer-${day}-2`, accountId: 'acct_demo', workspaceId: 'ws_acme', kind: 'LEAD_FINDING', credits: 40, occurredAt },
        ],
      }),
    },
  ];
}
