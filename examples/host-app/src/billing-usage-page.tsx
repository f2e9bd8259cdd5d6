import { CreditUsageBreakdown } from '@creditlens/widget';
// The widget's stylesheet as a file of this build, for pages whose CSP allows only `style-src 'self'`.
import widgetStylesUrl from '@creditlens/widget/styles.css?url';
import { useEffect, useMemo, useState } from 'react';
import { embedTokenSource, fetchEmbedSession, type EmbedSession } from './embed-session';
import type { PageOptions } from './page-options';

type SessionState = { readonly status: 'loading' } | { readonly status: 'ready'; readonly session: EmbedSession } | { readonly status: 'failed'; readonly message: string };

/**
 * The host's Billing → Usage page. The widget makes its own Apollo client for the Creditlens
 * endpoint (another origin: the API lists this page's origin in CORS_ORIGINS) with embed tokens
 * the host's backend mints, renewed through the `token` function; the host itself needs no
 * GraphQL of its own.
 */
export function BillingUsagePage({ options }: { options: PageOptions }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  useEffect(() => {
    const abort = new AbortController();
    fetchEmbedSession({ signal: abort.signal, ttlSeconds: options.tokenTtlSeconds }).then(
      (session) => setState({ status: 'ready', session }),
      (error: unknown) => {
        if (!abort.signal.aborted) setState({ status: 'failed', message: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => abort.abort();
  }, [options.tokenTtlSeconds]);
  const token = useMemo(() => (state.status === 'ready' ? embedTokenSource(state.session, options.tokenTtlSeconds) : undefined), [state, options.tokenTtlSeconds]);

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
        {options.linkedStyles && <link rel="stylesheet" href={widgetStylesUrl} />}
        {state.status === 'ready' && token && (
          <CreditUsageBreakdown
            endpoint={state.session.endpoint}
            token={token}
            accountId={state.session.accountId}
            locale="en-US"
            nonce={options.nonce}
            injectStyles={!options.linkedStyles}
          />
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
