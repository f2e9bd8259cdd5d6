import { CreditUsageBreakdown } from '@creditlens/widget';
import { useEffect, useState } from 'react';
import { fetchEmbedSession, type EmbedSession } from './embed-session';

type SessionState = { readonly status: 'loading' } | { readonly status: 'ready'; readonly session: EmbedSession } | { readonly status: 'failed'; readonly message: string };

/**
 * The host's Billing → Usage page. The widget makes its own Apollo client for the Creditlens
 * endpoint (another origin: the API lists this page's origin in CORS_ORIGINS) with the embed
 * token the host's backend minted; the host itself needs no GraphQL of its own.
 */
export function BillingUsagePage() {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  useEffect(() => {
    const abort = new AbortController();
    fetchEmbedSession(abort.signal).then(
      (session) => setState({ status: 'ready', session }),
      (error: unknown) => {
        if (!abort.signal.aborted) setState({ status: 'failed', message: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => abort.abort();
  }, []);

  return (
    <div className="host">
      <header className="host-bar">
        <span className="host-brand">Acme Outreach</span>
        <NavLinks label="Main" links={['Campaigns', 'Contacts', 'Billing']} current="Billing" />
      </header>
      <main className="host-main">
        <NavLinks label="Billing" links={['Plan', 'Invoices', 'Usage']} current="Usage" className="host-tabs" />
        <h1>Usage</h1>
        <p className="host-lede">Credits spent this billing period, by workspace. Open a workspace to see which campaigns spent them.</p>
        {state.status === 'loading' && <p className="host-status">Loading usage…</p>}
        {state.status === 'failed' && (
          <p className="host-status" role="alert">
            Usage could not be loaded: {state.message}
          </p>
        )}
        {state.status === 'ready' && (
          <CreditUsageBreakdown endpoint={state.session.endpoint} token={state.session.token} accountId={state.session.accountId} locale="en-US" />
        )}
      </main>
    </div>
  );
}

/** The host's own navigation (placeholders: this example has one page). */
function NavLinks({ label, links, current, className }: { label: string; links: readonly string[]; current: string; className?: string }) {
  return (
    <nav className={className} aria-label={label}>
      {links.map((link) => (
        <a key={link} href="#" aria-current={link === current ? 'page' : undefined}>
          {link}
        </a>
      ))}
    </nav>
  );
}
