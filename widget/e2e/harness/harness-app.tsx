import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { CreditUsageBreakdown, type CreditlensWidgetError } from '../../src';

/** The host page of the browser tests: what a host app on another origin does with the widget. */
export interface HarnessConfig {
  readonly endpoint: string;
  readonly accountId: string;
  readonly ttlSeconds: number;
  readonly nonce?: string;
  readonly injectStyles: boolean;
}

declare global {
  interface Window {
    harness: { tokensAsked: number; errors: CreditlensWidgetError[]; tokenErrors: unknown[] };
  }
}

const config = JSON.parse(document.getElementById('harness-config')!.textContent!) as HarnessConfig;
window.harness = { tokensAsked: 0, errors: [], tokenErrors: [] };

/** The host's backend mints embed tokens; the page asks it, as a host app would. */
async function fetchToken(): Promise<string> {
  window.harness.tokensAsked += 1;
  const response = await fetch(`/token?ttl=${config.ttlSeconds}`);
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
      {...(config.nonce ? { nonce: config.nonce } : {})}
      injectStyles={config.injectStyles}
      onError={(error) => window.harness.errors.push(error)}
      onTokenError={(error) => window.harness.tokenErrors.push(error)}
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
