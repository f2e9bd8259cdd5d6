/**
 * @creditlens/usage-math: the pure arithmetic of usage pages, shared by server and widget.
 */

export { CREDIT_KINDS, NO_CAMPAIGN_LABEL, isAttributableKind, isCreditKind, type CreditKind } from './kinds';
export { compareBySpend, sortBySpend, type SpendRow } from './ranking';
export { largestRemainderPercents, shareOf, sumCredits, withShares, type SharedRow } from './shares';
export { MAX_WINDOW_DAYS, WindowError, containsInstant, validateWindow, type TimeWindow } from './window';
export { isValidTimeZone } from './time-zone';
export {
  billingPeriodContaining,
  billingPeriodOf,
  isBillingPeriod,
  lastBillingPeriods,
  localYearMonth,
  startOfLocalMonth,
} from './billing-periods';
