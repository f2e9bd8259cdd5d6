import * as usageMath from './index.js';

describe('the package entry point', () => {
  it('exports exactly the public API', () => {
    expect(Object.keys(usageMath).sort()).toEqual(
      [
        'CREDIT_KINDS',
        'GRANULARITIES',
        'MAX_HOUR_SERIES_DAYS',
        'MAX_WINDOW_DAYS',
        'NO_CAMPAIGN_LABEL',
        'WindowError',
        'billingPeriodContaining',
        'billingPeriodOf',
        'compareBySpend',
        'comparisonWindow',
        'containsInstant',
        'formatLocalMinute',
        'isAttributableKind',
        'isBillingPeriod',
        'isCreditKind',
        'isGranularity',
        'isValidTimeZone',
        'largestRemainderPercents',
        'lastBillingPeriods',
        'localYearMonth',
        'seriesEdges',
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
