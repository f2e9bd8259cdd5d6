import type { ApolloClient } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { TokenSource } from './client/token-keeper';
import { useWidgetClient } from './client/use-widget-client';
import type { UsageWindow } from './data/usage-window';
import type { CreditlensWidgetError, TokenRenewalError } from './data/widget-error';
import { Breakdown } from './ui/breakdown';
import { WidgetErrorBoundary } from './ui/error-boundary';
import { useHostScheme } from './ui/host-scheme';
import { resolveLabels, type Labels } from './ui/labels';
import { useWidgetStyles } from './ui/styles';
import type { RenderRowActions } from './ui/tree-context';

interface CommonProps {
  /** The host platform's account id. */
  readonly accountId: string;
  /** The window to show, half-open [from, to) as ISO instants; default: the account's current billing period. */
  readonly window?: UsageWindow;
  /** BCP 47 locale for numbers and dates; default: the browser's. A malformed one falls back to en-US and is reported to onError. */
  readonly locale?: string;
  /** Called with every failure, typed (`code`, `message`, `cause`); the widget also shows it. */
  readonly onError?: (error: CreditlensWidgetError) => void;
  /** Added to the root element (which always has the class `clw`). */
  readonly className?: string;
  /** "auto" (default) follows the host page's `color-scheme`, and the OS when the host declares none. */
  readonly theme?: 'auto' | 'light' | 'dark';
  /** Nonce for the injected `<style>` under a strict Content-Security-Policy (`style-src 'nonce-…'`). */
  readonly nonce?: string;
  /** Default true; false when the host links `@creditlens/widget/styles.css` itself. */
  readonly injectStyles?: boolean;
  /** Translations of every visible string; English by default. */
  readonly labels?: Partial<Labels>;
  /** Host-owned controls in each row (e.g. "Pause campaign"), in a cell of their own after the share. */
  readonly renderRowActions?: RenderRowActions;
  /** Default true: each row has a "View entries" control opening the ledger entries behind its number. */
  readonly showEntries?: boolean;
}

/** The widget makes its own Apollo client for this GraphQL URL, with an embed token from the host's backend. */
interface OwnClientProps extends CommonProps {
  /** The Creditlens GraphQL URL, e.g. https://creditlens.example.com/graphql. */
  readonly endpoint: string;
  /**
   * An embed token (or API key) sent as `Authorization: Bearer <token>`, or a function the widget
   * calls for one: at start, when 80 % of the token's lifetime has passed, and once after an
   * UNAUTHENTICATED answer. Undefined until the host has one: the widget shows its loading state.
   */
  readonly token: TokenSource | undefined;
  /** Called when the token function fails (the request that needed it then fails too). */
  readonly onTokenError?: (error: TokenRenewalError) => void;
  readonly client?: never;
}

/** The widget uses the host's Apollo client: this prop, or the nearest ApolloProvider. */
interface HostClientProps extends CommonProps {
  readonly client?: ApolloClient;
  readonly endpoint?: never;
  readonly token?: never;
  readonly onTokenError?: never;
}

export type CreditUsageBreakdownProps = OwnClientProps | HostClientProps;

/** Credits by workspace for one account and window; expanding a workspace shows its campaigns. */
export function CreditUsageBreakdown(props: CreditUsageBreakdownProps) {
  const { className, theme = 'auto', nonce, injectStyles = true, onError } = props;
  const labels = useMemo(() => resolveLabels(props.labels), [props.labels]);
  useWidgetStyles(injectStyles, nonce);
  const root = useRef<HTMLElement>(null);
  const scheme = useHostScheme(root, theme === 'auto');

  // One stable reporter for every part, so a host passing a new onError each render re-runs nothing.
  const onErrorRef = useRef(onError);
  useEffect(() => {
    onErrorRef.current = onError;
  }, [onError]);
  const report = useCallback((error: CreditlensWidgetError) => onErrorRef.current?.(error), []);

  return (
    <section ref={root} className={className ? `clw ${className}` : 'clw'} data-theme={theme} data-scheme={scheme} aria-label={labels.region}>
      <WidgetErrorBoundary message={labels.renderFailed} onError={report}>
        <Connected {...props} labels={labels} report={report} />
      </WidgetErrorBoundary>
    </section>
  );
}

function Connected(props: CreditUsageBreakdownProps & { labels: Labels; report(error: CreditlensWidgetError): void }) {
  const { accountId, window, locale, labels, renderRowActions, showEntries = true, report, onTokenError } = props;
  const onTokenErrorRef = useRef(onTokenError);
  onTokenErrorRef.current = onTokenError;
  const tokenFailed = useCallback((error: TokenRenewalError) => onTokenErrorRef.current?.(error), []);
  const { client, own } = useWidgetClient({ client: props.client, endpoint: props.endpoint, token: props.token, onTokenError: tokenFailed });
  return (
    <ApolloProvider client={client}>
      <Breakdown accountId={accountId} window={window} locale={locale} labels={labels} renderRowActions={renderRowActions} showEntries={showEntries} report={report} own={own} />
    </ApolloProvider>
  );
}

