/**
 * Every string the widget shows or announces. Hosts pass a partial record (`labels`) to
 * translate; `{name}`-style placeholders are filled in by `fill`. English is the default; a
 * German set is in demo/german-labels.ts and the README.
 */
export const ENGLISH_LABELS = {
  region: 'Credit usage',
  grid: 'Credit usage by workspace',
  nameColumn: 'Workspace / campaign',
  creditsColumn: 'Credits',
  shareColumn: 'Share',
  actionsColumn: 'Actions',
  loading: 'Loading credit usage…',
  loadingCampaigns: 'Loading campaigns of {name}…',
  noCampaignUsage: 'No campaign usage in this period.',
  empty: 'No credits were used in this period.',
  notVisible: 'No usage is available for this account with the current access.',
  accountTotal: 'Account total',
  visibleTotal: 'Total of {count} visible workspaces',
  ofTotal: '{percent} of total',
  ofWorkspace: '{percent} of workspace',
  moreWorkspaces: '{count} more workspaces · {credits} credits',
  filter: 'Filter workspaces by name',
  noMatch: 'No workspace matches “{text}”.',
  asOf: 'as of {time}',
  refresh: 'Refresh',
  downloadCsv: 'Download CSV',
  downloadFailed: 'The CSV could not be downloaded.',
  retry: 'Retry',
  archived: 'archived',
  noCampaign: 'No campaign',
  expired: 'This usage view has expired. Reload the page to see current numbers.',
  unauthenticated: 'This usage view could not be authorised. Reload the page or ask your administrator.',
  failed: 'Credit usage could not be loaded.',
  renderFailed: 'Credit usage could not be shown.',
  reasonLeadFinding: 'finding leads for lists',
  reasonSelfLearning: 'Self Learning AI',
  reasonListCleaning: 'contact-list cleaning',
  reasonWithoutCampaign: 'work recorded without a campaign',
  reasonNone: 'Spend without a campaign',
  trendColumn: 'Trend',
  changeUp: '▲ {percent} %',
  changeDown: '▼ {percent} %',
  changeSame: '0 %',
  changeNew: 'new',
  changeNone: '–',
  changeUpName: '{percent} % more than in {window}',
  changeDownName: '{percent} % less than in {window}',
  changeSameName: 'the same as in {window}',
  changeNewName: 'new: no credits in {window}',
  changeNoneName: 'not comparable with {window}',
  nothingToCompare: 'nothing to compare with yet',
  sortBy: 'Sort by',
  sortCredits: 'Credits',
  sortRise: 'Largest rise',
  chart: 'Daily credits',
  chartHint: 'Point at a day, or focus the chart and use the arrow keys.',
  chartBucket: '{date}: {credits} credits',
  chartTable: 'Daily credits as a table',
  chartDate: 'Day',
  chartTotal: 'Total',
  chartOther: 'Other',
};

export type Labels = { readonly [K in keyof typeof ENGLISH_LABELS]: string };

export function resolveLabels(labels: Partial<Labels> | undefined): Labels {
  return labels ? { ...ENGLISH_LABELS, ...labels } : ENGLISH_LABELS;
}

/** "{count} more workspaces" with `{ count: '190' }` → "190 more workspaces". */
export function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
