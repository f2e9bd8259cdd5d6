import type { ApolloClient } from '@apollo/client';
import { getApolloContext } from '@apollo/client/react';
import { useContext, useEffect, useMemo } from 'react';
import type { TokenRenewalError } from '../data/widget-error';
import { TokenKeeper, type TokenSource } from './token-keeper';
import { createWidgetClient } from './widget-client';

export interface ClientSource {
  readonly client?: ApolloClient | undefined;
  readonly endpoint?: string | undefined;
  readonly token?: TokenSource | undefined;
  readonly onTokenError?: ((error: TokenRenewalError) => void) | undefined;
}

/** How the widget reaches Creditlens; `own` only when it made its client (the CSV download needs the token). */
export interface WidgetConnection {
  readonly client: ApolloClient;
  readonly own?: { readonly endpoint: string; readonly keeper: TokenKeeper };
}

/** The client to query with: the `client` prop, else our own for `endpoint` + `token`, else the host's ApolloProvider. */
export function useWidgetClient({ client, endpoint, token, onTokenError }: ClientSource): WidgetConnection {
  const hostClient = useContext(getApolloContext()).client;
  const own = useMemo(() => {
    if (endpoint === undefined || client) return undefined;
    const keeper = new TokenKeeper();
    return { endpoint, keeper, client: createWidgetClient(endpoint, keeper) };
  }, [endpoint, client]);
  // Set during render, before any child's query asks for the token: a token that arrives later
  // (undefined → string) releases the waiting request, with no click.
  own?.keeper.setSource(token);
  if (own) own.keeper.onTokenError = onTokenError;
  useEffect(() => {
    own?.keeper.start();
    return () => own?.keeper.stop();
  }, [own]);

  if (own) return { client: own.client, own };
  const resolved = client ?? hostClient;
  if (!resolved) {
    throw new Error(
      'CreditUsageBreakdown needs a way to reach Creditlens: pass `endpoint` and `token`, a `client` prop, or render it inside an ApolloProvider; it received none of them.',
    );
  }
  return { client: resolved };
}
