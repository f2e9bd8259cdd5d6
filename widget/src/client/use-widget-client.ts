import type { ApolloClient } from '@apollo/client';
import { getApolloContext } from '@apollo/client/react';
import { useContext, useEffect, useMemo, useRef } from 'react';
import { createWidgetClient } from './widget-client';

export interface ClientSource {
  readonly client?: ApolloClient;
  readonly endpoint?: string;
  readonly token?: string;
}

/** The client to query with: the `client` prop, else our own for `endpoint` + `token`, else the host's ApolloProvider. */
export function useWidgetClient({ client, endpoint, token }: ClientSource): ApolloClient {
  const hostClient = useContext(getApolloContext()).client;
  const tokenRef = useRef(token ?? '');
  useEffect(() => {
    tokenRef.current = token ?? '';
  }, [token]);

  const ownClient = useMemo(
    () => (endpoint === undefined || client ? undefined : createWidgetClient(endpoint, () => tokenRef.current)),
    [endpoint, client],
  );
  const resolved = client ?? ownClient ?? hostClient;
  if (!resolved) {
    throw new Error(
      'CreditUsageBreakdown needs a way to reach Creditlens: pass `endpoint` and `token`, a `client` prop, or render it inside an ApolloProvider; it received none of them.',
    );
  }
  return resolved;
}
