import { lastBillingPeriods, type TimeWindow } from '@creditlens/usage-math';
import { BUDGETED_CAMPAIGN, DEMO_ACCOUNT, DEMO_BUDGETS, DOUBLED_CAMPAIGN, NEW_CAMPAIGN, demoUsage } from './demo-data';

/**
 * Instants through a 31-day month and a 28-day one: its first second, minute and hour (Berlin's
 * month starts at 23:00 UTC), its first hours, a few days in, its middle, its last evening.
 */
const DAYS = ['2026-11-30T23:00:00Z', '2026-11-30T23:00:30Z', '2026-11-30T23:40:00Z', '2026-12-01T02:00:00Z', '2026-12-04T21:00:00Z', '2026-12-16T12:00:00Z', '2026-12-31T21:30:00Z', '2027-02-28T20:00:00Z'].map((at) => new Date(at));

function creditsIn(window: TimeWindow, entries: ReturnType<typeof demoUsage>, where: (entry: ReturnType<typeof demoUsage>[number]) => boolean): number {
  return entries.filter((entry) => entry.occurredAt >= window.from && entry.occurredAt < window.to && where(entry)).reduce((sum, entry) => sum + entry.credits, 0);
}

describe('the demo usage', () => {
  it.each(DAYS)('puts the budgeted campaign at 91 %% of its budget and Acme at the same total this month on %s', (now) => {
    const [current] = lastBillingPeriods(now, DEMO_ACCOUNT.timezone, 1) as [TimeWindow];
    const entries = demoUsage(now);
    const budget = DEMO_BUDGETS.find((b) => 'campaignId' in b && b.campaignId === BUDGETED_CAMPAIGN)!;
    expect(creditsIn(current, entries, (entry) => entry.campaignId === BUDGETED_CAMPAIGN) / budget.creditsPerPeriod).toBe(0.91);
    expect(creditsIn(current, entries, (entry) => entry.workspaceId === 'ws_acme')).toBe(10_975);
    // The story grows with the days and the rest shrinks by as much; even on the last day the rest keeps spending.
    const rest = creditsIn(current, entries, (entry) => entry.workspaceId === 'ws_acme' && entry.campaignId !== BUDGETED_CAMPAIGN && entry.campaignId !== DOUBLED_CAMPAIGN && entry.campaignId !== NEW_CAMPAIGN && entry.credits > 0);
    expect(rest).toBeGreaterThan(1_000);
  });

  it.each(DAYS)('puts no entry after the moment it is seeded, %s', (now) => {
    expect(demoUsage(now).filter((entry) => entry.occurredAt > now)).toEqual([]);
  });

  it('gives every entry its own idempotency key', () => {
    for (const now of DAYS) {
      const keys = demoUsage(now).map((entry) => entry.idempotencyKey);
      expect(new Set(keys).size).toBe(keys.length);
    }
  });
});
