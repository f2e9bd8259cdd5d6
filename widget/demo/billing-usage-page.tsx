import { gql, type TypedDocumentNode } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { CreditUsageBreakdown, type UsageWindow } from '../src';

interface PeriodsData {
  readonly account: { readonly id: string; readonly name: string; readonly timezone: string; readonly billingPeriods: readonly UsageWindow[] } | null;
}

/** The host's own query: its billing periods feed the period picker; the widget gets the chosen one. */
const BILLING_PERIODS: TypedDocumentNode<PeriodsData, { accountId: string }> = gql`
  query DemoBillingPeriods($accountId: ID!) {
    account(id: $accountId) {
      id
      name
      timezone
      billingPeriods(last: 6) { from to }
    }
  }
`;

/**
 * A host app's Billing → Usage page. Its own Apollo client (for the billing periods) is the
 * host's; the widget gets the endpoint and the embed token and makes its own, which is what
 * lets it renew the token and download the CSV export with it.
 */
export function BillingUsagePage({ accountId, endpoint, token }: { accountId: string; endpoint: string; token: string }) {
  const { data, error } = useQuery(BILLING_PERIODS, { variables: { accountId } });
  const [chosen, setChosen] = useState<string>('');
  const account = data?.account;
  const periods = account?.billingPeriods ?? [];
  const period = periods.find((p) => p.from === chosen) ?? periods[0];
  // The current period is the widget's default window: leaving it out lets the widget query in
  // parallel with the billing periods instead of waiting for them.
  const window = period && period !== periods[0] ? { from: period.from, to: period.to } : undefined;

  return (
    <div className="host">
      <nav className="host-nav" aria-label="Main">
        <div className="host-brand">{account?.name ?? 'Northwind Outreach'}</div>
        <a href="#">Campaigns</a>
        <a href="#">Contacts</a>
        <a href="#" aria-current="page">
          Billing
        </a>
      </nav>
      <main className="host-main">
        <p className="host-crumbs">Billing → Usage</p>
        <header className="host-header">
          <h1>Usage</h1>
          <label className="host-period">
            Billing period{' '}
            <select value={period?.from ?? ''} onChange={(event) => setChosen(event.target.value)} disabled={!period}>
              {periods.map((p, index) => (
                <option key={p.from} value={p.from}>
                  {monthOf(p, account!.timezone)}
                  {index === 0 ? ' (current)' : ''}
                </option>
              ))}
            </select>
          </label>
        </header>
        <p className="host-lede">Which campaigns are spending our credits? Click a workspace to see its campaigns.</p>
        {error && <p role="alert">The billing periods could not be loaded.</p>}
        <CreditUsageBreakdown endpoint={endpoint} token={token} accountId={accountId} window={window} locale="en-US" />
      </main>
    </div>
  );
}

function monthOf(period: UsageWindow, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone }).format(new Date(period.from));
}
