import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { CreditUsageBreakdown, type CreditlensWidgetError } from '../../src';

/** The harness page's app: the widget from source, with host-owned row actions. */
export interface HarnessConfig {
  readonly endpoint: string;
  readonly accountId: string;
}

declare global {
  interface Window {
    harness: { errors: CreditlensWidgetError[] };
  }
}

const config = JSON.parse(document.getElementById('harness-config')!.textContent!) as HarnessConfig;
window.harness = { errors: [] };

/** The host's backend mints embed tokens; the page asks it, as a host app would. */
async function fetchToken(): Promise<string> {
  const response = await fetch('/token');
  if (!response.ok) throw new Error(`the harness token endpoint answered ${response.status}`);
  return response.text();
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <h1>Billing → Usage</h1>
    <CreditUsageBreakdown
      endpoint={config.endpoint}
      token={fetchToken}
      accountId={config.accountId}
      locale="en-US"
      onError={(error) => window.harness.errors.push(error)}
      renderRowActions={(row) =>
        row.campaignId ? (
          <button type="button" className="host-action" onClick={() => undefined}>
            Pause
          </button>
        ) : null
      }
    />
  </StrictMode>,
);
