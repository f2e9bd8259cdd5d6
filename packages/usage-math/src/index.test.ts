import * as usageMath from './index.js';

describe('the package entry point', () => {
  it('exports exactly the public API', () => {
    expect(Object.keys(usageMath).sort()).toEqual(
      [
        'CREDIT_KINDS',
        'MAX_WINDOW_DAYS',
        'NO_CAMPAIGN_LABEL',
        'WindowError',
        'billingPeriodContaining',
        'billingPeriodOf',
        'compareBySpend',
        'containsInstant',
        'formatLocalMinute',
        'isAttributableKind',
        'isBillingPeriod',
        'isCreditKind',
        'isValidTimeZone',
        'largestRemainderPercents',
        'lastBillingPeriods',
        'localYearMonth',
        'shareOf',
        'sortBySpend',
        'startOfLocalDay',
        'startOfLocalMonth',
        'sumCredits',
        'validateWindow',
        'withShares',
      ].sort(),
    );
  });
});
