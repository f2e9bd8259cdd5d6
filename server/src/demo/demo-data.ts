import { lastBillingPeriods, type CreditKind, type TimeWindow } from '@creditlens/usage-math';
import type { UsageEntryInput } from '../usage';

/**
 * The demo account: an agency in Berlin with five client workspaces. Last month "Acme Robotics"
 * spent about 28,000 credits across eight campaigns plus No campaign work; this month two
 * workspaces have usage, with No campaign spend in the biggest. Deterministic (seeded PRNG),
 * relative to the month it is generated in.
 *
 * Month over month (the widget's changes and sparklines): in Acme, "Warehouse Automation Leads"
 * doubled — evenly spaced entries at the same offsets from each period's start, twice the credits
 * this month, so it reads +100 % against the elapsed part of last month whatever the day —,
 * "Humanoid Preview" is new this month and "Trade Fair Follow-up" stopped after last month.
 */
export const DEMO_ACCOUNT = { id: 'acct_demo', name: 'Northwind Outreach', timezone: 'Europe/Berlin' } as const;

export const DEMO_WORKSPACES = [
  { id: 'ws_acme', name: 'Acme Robotics' },
  { id: 'ws_globex', name: 'Globex Logistics' },
  { id: 'ws_initech', name: 'Initech Software' },
  { id: 'ws_umbrella', name: 'Umbrella Health' },
  { id: 'ws_hooli', name: 'Hooli Cloud' },
] as const;

const CAMPAIGN_NAMES: Record<string, string[]> = {
  ws_acme: ['Q3 Outbound – DACH', 'Warehouse Automation Leads', 'Trade Fair Follow-up', 'CFO Persona Test', 'Partner Referrals', 'Re-engagement 2025', 'Cobot Launch', 'Nordics Pilot', 'Humanoid Preview'],
  ws_globex: ['Freight Forwarders UK', 'Last-Mile Startups', 'Customs Brokers'],
  ws_initech: ['SaaS Founders', 'Dev Tools Beta'],
  ws_umbrella: ['Clinic Managers', 'Pharma Buyers'],
  ws_hooli: ['Enterprise Upsell'],
};

export interface DemoCampaign {
  readonly id: string;
  readonly workspaceId: string;
  readonly name: string;
  readonly archived: boolean;
}

export const DEMO_CAMPAIGNS: readonly DemoCampaign[] = Object.entries(CAMPAIGN_NAMES).flatMap(([workspaceId, names]) =>
  names.map((name, index) => ({ id: `${workspaceId.replace('ws_', 'cmp_')}_${index + 1}`, workspaceId, name, archived: name === 'Re-engagement 2025' })),
);

/** "Q3 Outbound – DACH": the campaign with a budget of its own. */
export const BUDGETED_CAMPAIGN = 'cmp_acme_1';
const BUDGETED_CAMPAIGN_BUDGET = 5_000;

/**
 * Budgets per billing period, set before the usage is recorded (so seeding stores the threshold
 * events it crosses). The budgeted campaign spends the same this month whatever the day
 * (BUDGETED_CAMPAIGN_CREDITS), so it sits at 91 % of its budget: past 80 %, below 100 %.
 */
export const DEMO_BUDGETS = [
  { accountId: DEMO_ACCOUNT.id, creditsPerPeriod: 50_000 },
  { accountId: DEMO_ACCOUNT.id, workspaceId: 'ws_acme', creditsPerPeriod: 20_000 },
  { accountId: DEMO_ACCOUNT.id, workspaceId: 'ws_globex', creditsPerPeriod: 12_000 },
  { accountId: DEMO_ACCOUNT.id, campaignId: BUDGETED_CAMPAIGN, creditsPerPeriod: BUDGETED_CAMPAIGN_BUDGET },
] as const;

/** Mulberry32: small, seeded, good enough to make demo numbers look lived-in. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Plan {
  readonly workspaceId: string;
  /** Approximate credits to spread over the period. */
  readonly credits: number;
  /** Fraction of them without a campaign. */
  readonly unattributed: number;
}

const BUDGETED_CAMPAIGN_CREDITS = (91 * BUDGETED_CAMPAIGN_BUDGET) / 100;

/** The month-over-month story's campaigns (see the top). */
export const DOUBLED_CAMPAIGN = 'cmp_acme_2';
export const NEW_CAMPAIGN = 'cmp_acme_9';
export const STOPPED_CAMPAIGN = 'cmp_acme_3';
const STORY_STEP_MS = 12 * 3_600_000;
/** Two a day for 28 days: the same in every month, however long. */
const STORY_ENTRIES = 56;
/**
 * Small enough that the story, which grows with the days elapsed, leaves Acme's plan room for
 * the budgeted campaign and the others on the month's last days too (56 × 85 = 4,760 at most).
 */
const DOUBLED_CREDITS_BEFORE = 30;
const NEW_CREDITS = 25;

const LAST_MONTH: readonly Plan[] = [
  // With the doubled campaign's 56 entries of 30 credits: about 28,000.
  { workspaceId: 'ws_acme', credits: 26_320, unattributed: 0.12 },
  { workspaceId: 'ws_globex', credits: 9_400, unattributed: 0.2 },
  { workspaceId: 'ws_initech', credits: 5_200, unattributed: 0.1 },
  { workspaceId: 'ws_umbrella', credits: 2_600, unattributed: 0.3 },
  { workspaceId: 'ws_hooli', credits: 900, unattributed: 0.5 },
];

const THIS_MONTH: readonly Plan[] = [
  { workspaceId: 'ws_acme', credits: 11_000, unattributed: 0.15 },
  { workspaceId: 'ws_globex', credits: 4_300, unattributed: 0.1 },
  { workspaceId: 'ws_umbrella', credits: 700, unattributed: 0.4 },
];

const ATTRIBUTED: readonly CreditKind[] = ['FIRST_EMAIL_DRAFT', 'LEAD_ENRICHMENT', 'REPLY'];
const UNATTRIBUTED: readonly CreditKind[] = ['LEAD_FINDING', 'SELF_LEARNING_AI', 'CONTACT_LIST_CLEANING'];

/** Usage entries for last month and this month (up to `now`), with stable idempotency keys. */
export function demoUsage(now: Date): UsageEntryInput[] {
  const [current, previous] = lastBillingPeriods(now, DEMO_ACCOUNT.timezone, 2) as [TimeWindow, TimeWindow];
  // This month's entries end a minute before now; in a month's first minute, all of them fall on its first millisecond (never after now).
  const soFar: TimeWindow = { from: current.from, to: new Date(Math.max(current.from.getTime() + 1, now.getTime() - 60_000)) };
  const story = [...evenly(soFar, 'curr-doubled', DOUBLED_CAMPAIGN, 2 * DOUBLED_CREDITS_BEFORE), ...evenly(soFar, 'curr-new', NEW_CAMPAIGN, NEW_CREDITS)];
  const budgeted = spread(soFar, 'curr-budgeted', BUDGETED_CAMPAIGN, BUDGETED_CAMPAIGN_CREDITS, 13);
  // The story grows with the days elapsed; Acme's other spend shrinks by as much, so this month's totals stay those of the plan.
  const storyCredits = story.reduce((sum, entry) => sum + entry.credits, 0);
  const thisMonth = THIS_MONTH.map((plan) => (plan.workspaceId === 'ws_acme' ? { ...plan, credits: plan.credits - storyCredits - BUDGETED_CAMPAIGN_CREDITS } : plan));
  return [
    ...entriesFor(previous, LAST_MONTH, 'prev', 7, new Set([DOUBLED_CAMPAIGN, NEW_CAMPAIGN])),
    ...entriesFor(soFar, thisMonth, 'curr', 11, new Set([DOUBLED_CAMPAIGN, STOPPED_CAMPAIGN, BUDGETED_CAMPAIGN])),
    ...evenly(previous, 'prev-doubled', DOUBLED_CAMPAIGN, DOUBLED_CREDITS_BEFORE),
    ...story,
    ...budgeted,
  ];
}

/** One entry every twelve hours from an hour after the window's start, at most 56: the same offsets and credits in every month. */
function evenly(window: TimeWindow, tag: string, campaignId: string, credits: number): UsageEntryInput[] {
  const entries: UsageEntryInput[] = [];
  for (let at = window.from.getTime() + 3_600_000, serial = 0; at < window.to.getTime() && serial < STORY_ENTRIES; at += STORY_STEP_MS, serial++) {
    entries.push({ idempotencyKey: `demo-${tag}-${serial}`, accountId: DEMO_ACCOUNT.id, workspaceId: 'ws_acme', campaignId, kind: 'LEAD_ENRICHMENT', credits, occurredAt: new Date(at) });
  }
  return entries;
}

/** One entry's credits: 20–199, never more than what is left to spend. */
function entryCredits(next: () => number, remaining: number): number {
  return Math.min(remaining, 20 + Math.floor(next() * 180));
}

/** Exactly `credits` for one Acme campaign, in entries of 20–199 credits at random instants of the window. */
function spread(window: TimeWindow, tag: string, campaignId: string, credits: number, seed: number): UsageEntryInput[] {
  const next = random(seed);
  const span = window.to.getTime() - window.from.getTime();
  const entries: UsageEntryInput[] = [];
  for (let remaining = credits, serial = 0; remaining > 0; serial++) {
    const size = entryCredits(next, remaining);
    remaining -= size;
    const kind = ATTRIBUTED[Math.floor(next() * ATTRIBUTED.length)]!;
    entries.push({ idempotencyKey: `demo-${tag}-${serial}`, accountId: DEMO_ACCOUNT.id, workspaceId: 'ws_acme', campaignId, kind, credits: size, occurredAt: new Date(window.from.getTime() + Math.floor(next() * span)) });
  }
  return entries;
}

function entriesFor(window: TimeWindow, plans: readonly Plan[], tag: string, seed: number, skipped: ReadonlySet<string>): UsageEntryInput[] {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const span = window.to.getTime() - window.from.getTime();
  const entries: UsageEntryInput[] = [];
  for (const plan of plans) {
    const campaigns = DEMO_CAMPAIGNS.filter((campaign) => campaign.workspaceId === plan.workspaceId && !skipped.has(campaign.id));
    // Heavier campaigns first: weights 1, 1/2, 1/3, … make a believable long tail.
    const weights = campaigns.map((_, index) => 1 / (index + 1));
    const weightSum = weights.reduce((a, b) => a + b, 0);
    let remaining = plan.credits;
    let serial = 0;
    while (remaining > 0) {
      const credits = entryCredits(next, remaining);
      remaining -= credits;
      const unattributed = next() < plan.unattributed;
      let campaignId: string | null = null;
      let kind: CreditKind;
      if (unattributed) {
        // Mostly never-attributed kinds, sometimes attributable work recorded without a campaign.
        kind = next() < 0.8 ? pick(UNATTRIBUTED) : pick(ATTRIBUTED);
      } else {
        kind = pick(ATTRIBUTED);
        let target = next() * weightSum;
        const index = weights.findIndex((weight) => (target -= weight) < 0);
        campaignId = campaigns[index === -1 ? campaigns.length - 1 : index]!.id;
      }
      entries.push({
        idempotencyKey: `demo-${tag}-${plan.workspaceId}-${serial++}`,
        accountId: DEMO_ACCOUNT.id,
        workspaceId: plan.workspaceId,
        campaignId,
        kind,
        credits,
        occurredAt: new Date(window.from.getTime() + Math.floor(next() * span)),
      });
    }
    // One refund, so the demo shows that negative entries net out.
    entries.push({
      idempotencyKey: `demo-${tag}-${plan.workspaceId}-refund`,
      accountId: DEMO_ACCOUNT.id,
      workspaceId: plan.workspaceId,
      campaignId: campaigns[0]?.id ?? null,
      kind: 'REPLY',
      credits: -25,
      occurredAt: new Date(window.from.getTime() + Math.floor(span / 2)),
    });
  }
  return entries;
}
