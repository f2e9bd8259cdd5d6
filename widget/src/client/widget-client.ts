import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { authorizedFetch, type TokenKeeper } from './token-keeper';

/**
 * The client the widget makes for itself when the host passes `endpoint` + `token` instead of
 * its own Apollo client. Every request asks the keeper for the token, so a renewal keeps the
 * cache (and the expanded rows) instead of starting over.
 */
export function createWidgetClient(endpoint: string, keeper: TokenKeeper): ApolloClient {
  return new ApolloClient({
    link: new HttpLink({ uri: endpoint, fetch: authorizedFetch(keeper) }),
    // Default key fields (`__typename:id`) are what the widget relies on: WorkspaceUsage.id is
    // the server's stable cache key, so a host client with a default cache behaves the same.
    cache: new InMemoryCache(),
  });
}
