import type * as Generated from './generated/graphql.js';
import type * as Results from './results.js';

/** True when A and B are assignable to each other; the record below only compiles when every pair is. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Account<Q extends { account: unknown }> = NonNullable<Q['account']>;

describe('the documented result types', () => {
  it('have exactly the fields the operations select (ts-jest fails this file on a difference)', () => {
    const same: Record<string, true> = {
      page: true satisfies Same<Results.AccountWithUsage, Account<Generated.AccountUsageQuery>>,
      breakdown: true satisfies Same<Results.AccountBreakdown, Account<Generated.AccountBreakdownQuery>>,
      expand: true satisfies Same<Results.WorkspaceCampaigns, NonNullable<Generated.WorkspaceCampaignsQuery['workspaceUsage']>>,
      periods: true satisfies Same<Results.AccountPeriods, Account<Generated.AccountPeriodsQuery>>,
      billingPeriods: true satisfies Same<Results.BillingPeriods, Account<Generated.BillingPeriodsQuery>>,
      invoice: true satisfies Same<Results.Invoice, Account<Generated.AccountInvoiceQuery>['invoice']>,
      closedInvoice: true satisfies Same<Results.Invoice, Generated.CloseBillingPeriodMutation['closeBillingPeriod']>,
      entries: true satisfies Same<Results.EntriesPage, NonNullable<Generated.UsageEntriesQuery['usageEntries']>>,
    };
    expect(Object.values(same).every(Boolean)).toBe(true);
  });
});
