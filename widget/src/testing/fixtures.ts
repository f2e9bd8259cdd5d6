import type { Reply } from './fake-graphql';

/** June 2026 in Europe/Berlin, and a snapshot inside it: the page's window and asOf. */
export const JUNE = { from: '2026-05-31T22:00:00.000Z', to: '2026-06-30T22:00:00.000Z' };
export const AS_OF = '2026-06-20T10:00:00.000Z';
export const LAST_RECORDED_AT = '2026-06-20T09:57:31.000Z';

/** A row's budget in a reply: the status the server answers (null: the row has no budget). */
export interface BudgetSpec {
  readonly creditsPerPeriod: number;
  readonly thresholds?: readonly number[];
  readonly used: number | null;
  readonly crossed?: readonly number[];
  readonly projectedCredits?: number | null;
  readonly period?: { from: string; to: string };
}

function budgetReply(budget: BudgetSpec | null | undefined, id: string) {
  if (!budget) return null;
  return {
    __typename: 'BudgetStatus',
    budget: { __typename: 'Budget', id: `bud_${id}`, creditsPerPeriod: budget.creditsPerPeriod, thresholds: budget.thresholds ?? [50, 80, 100] },
    period: { __typename: 'UsageWindow', ...(budget.period ?? JUNE) },
    used: budget.used,
    crossed: budget.crossed ?? [],
    projectedCredits: budget.projectedCredits ?? null,
    projectedRunOutAt: null,
  };
}

interface WorkspaceSpec {
  readonly id: string;
  readonly name: string;
  readonly credits: number;
  readonly share: number | null;
  readonly percent: number | null;
  readonly budget?: BudgetSpec | null;
  /** Default: none (a new row). */
  readonly previousCredits?: number;
  /** Daily credits; default: all of them on the window's first day. */
  readonly daily?: readonly number[];
}

/** A row's series as the widget asks for it: each day's credits only (the days come with the account's series). */
function rowSeriesReply(credits: number, daily: readonly number[] | undefined, window: { from: string; to: string } = JUNE) {
  return seriesReply(credits, daily, window).map(({ __typename, credits: dayCredits }) => ({ __typename, credits: dayCredits }));
}

/** The days of a window, as UsageBucket replies: the credits on the first day unless `daily` says otherwise. */
export function seriesReply(credits: number, daily: readonly number[] | undefined, window: { from: string; to: string } = JUNE) {
  const DAY = 86_400_000;
  const days = Math.max(1, Math.round((Date.parse(window.to) - Date.parse(window.from)) / DAY));
  const values = daily ?? [credits];
  return Array.from({ length: days }, (_, i) => ({
    __typename: 'UsageBucket',
    from: new Date(Date.parse(window.from) + i * DAY).toISOString(),
    to: i === days - 1 ? window.to : new Date(Date.parse(window.from) + (i + 1) * DAY).toISOString(),
    credits: values[i] ?? 0,
  }));
}

/** previousCredits and change as the server computes them. */
export function changeOf(credits: number, previousCredits = 0) {
  return { previousCredits, change: previousCredits > 0 ? (credits - previousCredits) / previousCredits : null };
}

/** The comparison window of June: May. */
export const MAY = { from: '2026-04-30T22:00:00.000Z', to: '2026-05-31T22:00:00.000Z' };

export function rowId(workspaceId: string, window: { from: string; to: string } = JUNE, asOf = AS_OF): string {
  return `${workspaceId}|${window.from}|${window.to}|${asOf}`;
}

export interface PageOptions {
  readonly totalCredits?: number;
  readonly window?: { from: string; to: string };
  readonly asOf?: string;
  /** When usage last arrived; default a few minutes before asOf. */
  readonly lastRecordedAt?: string | null;
}

export function pageReply(workspaces: readonly WorkspaceSpec[], options: number | PageOptions = {}): Reply {
  const { totalCredits = workspaces.reduce((sum, w) => sum + w.credits, 0), window = JUNE, asOf = AS_OF, lastRecordedAt = LAST_RECORDED_AT } =
    typeof options === 'number' ? { totalCredits: options } : options;
  return {
    body: {
      data: {
        account: {
          __typename: 'Account',
          id: 'acct_demo',
          timezone: 'Europe/Berlin',
          usage: {
            __typename: 'AccountUsage',
            window: { __typename: 'UsageWindow', ...window },
            asOf,
            lastRecordedAt,
            totalCredits,
            comparison: {
              __typename: 'UsageComparison',
              window: { __typename: 'UsageWindow', ...MAY },
              totalCredits: workspaces.reduce((sum, w) => sum + (w.previousCredits ?? 0), 0),
            },
            series: seriesReply(totalCredits, undefined, window).map(({ __typename, from }) => ({ __typename, from })),
            workspaces: workspaces.map((w) => ({
              __typename: 'WorkspaceUsage',
              id: rowId(w.id, window, asOf),
              workspace: { __typename: 'Workspace', id: w.id, name: w.name },
              credits: w.credits,
              share: w.share,
              percent: w.percent,
              budget: budgetReply(w.budget, w.id),
              ...changeOf(w.credits, w.previousCredits),
              series: rowSeriesReply(w.credits, w.daily, window),
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
  /** Default: credits / the workspace total. */
  readonly share?: number | null;
  readonly byKind: ReadonlyArray<{ kind: string; credits: number }>;
  readonly budget?: BudgetSpec | null;
  readonly previousCredits?: number;
}

export function campaignsReply(workspaceId: string, campaigns: readonly CampaignSpec[], asOf = AS_OF, window = JUNE): Reply {
  const total = campaigns.reduce((sum, c) => sum + c.credits, 0);
  return {
    body: {
      data: {
        workspaceUsage: {
          __typename: 'WorkspaceUsage',
          id: rowId(workspaceId, window, asOf),
          campaigns: campaigns.map((c) => ({
            __typename: 'CampaignUsage',
            campaign: c.id === null ? null : { __typename: 'Campaign', id: c.id, name: c.name, archived: c.archived ?? false },
            label: c.id === null ? 'No campaign' : c.name,
            credits: c.credits,
            share: c.share !== undefined ? c.share : c.credits / total,
            percent: c.percent,
            byKind: c.byKind.map((k) => ({ __typename: 'KindUsage', ...k })),
            budget: budgetReply(c.budget, c.id ?? 'none'),
            ...changeOf(c.credits, c.previousCredits),
            series: rowSeriesReply(c.credits, undefined, window),
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

/** July 2026 in Europe/Berlin: the period a host switches to. */
export const JULY = { from: '2026-06-30T22:00:00.000Z', to: '2026-07-31T22:00:00.000Z' };

/** `count` workspaces, largest first, named "Workspace 01"…: more than the ten rows shown at first. */
export function manyWorkspaces(count: number): WorkspaceSpec[] {
  return Array.from({ length: count }, (_, index) => {
    const number = String(index + 1).padStart(2, '0');
    return { id: `ws_${number}`, name: `Workspace ${number}`, credits: (count - index) * 10, share: null, percent: null };
  });
}

/** A JWT-shaped token with these claims (unsigned: the widget reads claims, the server verifies). */
export function fakeJwt(claims: { iat: number; exp: number; ws?: string[] | null; n?: number }): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub: 'acct_demo', ...claims })}.c2ln`;
}

/** One page of a row's entries: `count` entries from `first` (0-based) of `total`, newest first. */
export function entriesReply(options: { total: number; first: number; count: number; workspaceId?: string; campaignId?: string | null; asOf?: string }): Reply {
  const { total, first, count, workspaceId = 'ws_acme', campaignId = null, asOf = AS_OF } = options;
  const edges = Array.from({ length: count }, (_, offset) => {
    const index = first + offset;
    return {
      __typename: 'UsageEntryEdge',
      cursor: `cursor-${index}`,
      node: {
        __typename: 'UsageEntry',
        idempotencyKey: `entry-${String(index).padStart(3, '0')}`,
        occurredAt: new Date(Date.parse('2026-06-19T12:00:00.000Z') - index * 60_000).toISOString(),
        recordedAt: '2026-06-19T12:00:05.000Z',
        kind: campaignId ? 'REPLY' : 'LEAD_FINDING',
        credits: 10 + index,
        workspace: { __typename: 'Workspace', id: workspaceId, name: 'Acme Robotics' },
        campaign: campaignId ? { __typename: 'Campaign', id: campaignId, name: 'Q3 Outbound – DACH', archived: false } : null,
      },
    };
  });
  const credits = Array.from({ length: total }, (_, index) => 10 + index).reduce((sum, value) => sum + value, 0);
  return {
    body: {
      data: {
        usageEntries: {
          __typename: 'UsageEntryConnection',
          totalCount: total,
          totalCredits: credits,
          asOf,
          pageInfo: { __typename: 'PageInfo', hasNextPage: first + count < total, endCursor: edges.at(-1)?.cursor ?? null },
          edges,
        },
      },
    },
  };
}
