/**
 * @creditlens/usage-math: the pure arithmetic of usage pages, shared by server and widget.
 */

export { CREDIT_KINDS, NO_CAMPAIGN_LABEL, isAttributableKind, isCreditKind, type CreditKind } from './kinds.js';
export { compareBySpend, sortBySpend, type SpendRow } from './ranking.js';
export { largestRemainderPercents, shareOf, sumCredits, withShares, type SharedRow } from './shares.js';
export { MAX_WINDOW_DAYS, WindowError, containsInstant, validateWindow, type TimeWindow } from './window.js';
export { formatLocalMinute, isValidTimeZone } from './time-zone.js';
export {
  billingPeriodContaining,
  billingPeriodOf,
  isBillingPeriod,
  lastBillingPeriods,
  localYearMonth,
  startOfLocalDay,
  startOfLocalMonth,
} from './billing-periods.js';
export { GRANULARITIES, MAX_HOUR_SERIES_DAYS, comparisonWindow, isGranularity, seriesEdges, type Granularity } from './series.js';
