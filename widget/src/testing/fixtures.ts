import type { Reply } from './fake-graphql';

/** June 2026 in Europe/Berlin, and a snapshot inside it: the page's window and asOf. */
export const JUNE = { from: '2026-05-31T22:00:00.000Z', to: '2026-06-30T22:00:00.000Z' };
export const AS_OF = '2026-06-20T10:00:00.000Z';

interface WorkspaceSpec {
  readonly id: string;
  readonly name: string;
  readonly credits: number;
  readonly share: number | null;
  readonly percent: number | null;
}

export function rowId(workspaceId: string): string {
  return `${workspaceId}|${JUNE.from}|${JUNE.to}|${AS_OF}`;
}

export function pageReply(workspaces: readonly WorkspaceSpec[], totalCredits = workspaces.reduce((sum, w) => sum + w.credits, 0)): Reply {
  return {
    body: {
      data: {
        account: {
          __typename: 'Account',
          id: 'acct_demo',
          usage: {
            __typename: 'AccountUsage',
            window: { __typename: 'UsageWindow', ...JUNE },
            asOf: AS_OF,
            totalCredits,
            workspaces: workspaces.map((w) => ({
              __typename: 'WorkspaceUsage',
              id: rowId(w.id),
              workspace: { __typename: 'Workspace', id: w.id, name: w.name },
              credits: w.credits,
              share: w.share,
              percent: w.percent,
            })),
          },
        },
      },
    },
  };
}

/** Three workspaces of 1,000 credits: exact thirds, so the percents only add up with largest-remainder rounding. */
export const THIRDS = [
  { id: 'ws_acme', name: 'Acme Robotics', credits: 1000, share: 1 / 3, percent: 33.4 },
  { id: 'ws_globex', name: 'Globex Logistics', credits: 1000, share: 1 / 3, percent: 33.3 },
  { id: 'ws_initech', name: 'Initech Software', credits: 1000, share: 1 / 3, percent: 33.3 },
] as const;

interface CampaignSpec {
  readonly id: string | null;
  readonly name: string;
  readonly credits: number;
  readonly percent: number;
  readonly archived?: boolean;
  readonly byKind: ReadonlyArray<{ kind: string; credits: number }>;
}

export function campaignsReply(workspaceId: string, campaigns: readonly CampaignSpec[]): Reply {
  const total = campaigns.reduce((sum, c) => sum + c.credits, 0);
  return {
    body: {
      data: {
        workspaceUsage: {
          __typename: 'WorkspaceUsage',
          id: rowId(workspaceId),
          campaigns: campaigns.map((c) => ({
            __typename: 'CampaignUsage',
            campaign: c.id === null ? null : { __typename: 'Campaign', id: c.id, name: c.name, archived: c.archived ?? false },
            label: c.id === null ? 'No campaign' : c.name,
            credits: c.credits,
            share: c.credits / total,
            percent: c.percent,
            byKind: c.byKind.map((k) => ({ __typename: 'KindUsage', ...k })),
          })),
        },
      },
    },
  };
}

export const ACME_CAMPAIGNS: readonly CampaignSpec[] = [
  { id: 'cmp_q3', name: 'Q3 Outbound – DACH', credits: 600, percent: 60, byKind: [{ kind: 'FIRST_EMAIL_DRAFT', credits: 600 }] },
  {
    id: null,
    name: 'No campaign',
    credits: 300,
    percent: 30,
    byKind: [
      { kind: 'REPLY', credits: 40 },
      { kind: 'LEAD_FINDING', credits: 200 },
      { kind: 'SELF_LEARNING_AI', credits: 60 },
    ],
  },
  { id: 'cmp_cobot', name: 'Cobot Launch', credits: 100, percent: 10, archived: true, byKind: [{ kind: 'REPLY', credits: 100 }] },
];

export const UNAUTHENTICATED_EXPIRED: Reply = {
  status: 401,
  body: { errors: [{ message: 'the embed token has expired: ask the host for a new one', extensions: { code: 'UNAUTHENTICATED' } }] },
};
