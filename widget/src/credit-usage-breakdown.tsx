import type { ApolloClient } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { useWidgetClient } from './client/use-widget-client';
import type { UsageWindow } from './data/usage-window';
import { Breakdown } from './ui/breakdown';
import { useWidgetStyles } from './ui/styles';

interface CommonProps {
  /** The host platform's account id. */
  readonly accountId: string;
  /** The window to show, half-open [from, to) as ISO instants; default: the account's current billing period. */
  readonly window?: UsageWindow;
  /** BCP 47 locale for numbers (credits, percents); default: the browser's. */
  readonly locale?: string;
  /** Called with every failed query (the widget also shows it). */
  readonly onError?: (error: unknown) => void;
  /** Added to the root element (which always has the class `clw`). */
  readonly className?: string;
  /** "auto" (default) follows prefers-color-scheme. */
  readonly theme?: 'auto' | 'light' | 'dark';
}

/** The widget makes its own Apollo client for this GraphQL URL, with an embed token from the host's backend. */
interface OwnClientProps extends CommonProps {
  /** The Creditlens GraphQL URL, e.g. https://creditlens.example.com/graphql. */
  readonly endpoint: string;
  /** An embed token (or API key) sent as `Authorization: Bearer <token>`. */
  readonly token: string;
  readonly client?: never;
}

/** The widget uses the host's Apollo client: this prop, or the nearest ApolloProvider. */
interface HostClientProps extends CommonProps {
  readonly client?: ApolloClient;
  readonly endpoint?: never;
  readonly token?: never;
}

export type CreditUsageBreakdownProps = OwnClientProps | HostClientProps;

/** Credits by workspace for one account and window; expanding a workspace shows its campaigns. */
export function CreditUsageBreakdown(props: CreditUsageBreakdownProps) {
  const { accountId, window, locale, onError, className, theme = 'auto' } = props;
  const client = useWidgetClient(props);
  useWidgetStyles();
  return (
    <ApolloProvider client={client}>
      <section className={className ? `clw ${className}` : 'clw'} data-theme={theme} aria-label="Credit usage">
        <Breakdown accountId={accountId} window={window} locale={locale} onError={onError} />
      </section>
    </ApolloProvider>
  );
}
