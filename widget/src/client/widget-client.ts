import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';

/**
 * The client the widget makes for itself when the host passes `endpoint` + `token` instead of
 * its own Apollo client. The token is read per request, so a host that renews it keeps the
 * cache (and the expanded rows) instead of starting over.
 */
export function createWidgetClient(endpoint: string, currentToken: () => string): ApolloClient {
  const authorization = new ApolloLink((operation, forward) => {
    operation.setContext(({ headers }: { headers?: Record<string, string> }) => ({
      headers: { ...headers, authorization: `Bearer ${currentToken()}` },
    }));
    return forward(operation);
  });
  return new ApolloClient({
    link: ApolloLink.from([authorization, new HttpLink({ uri: endpoint })]),
    // Default key fields (`__typename:id`) are what the widget relies on: WorkspaceUsage.id is
    // the server's stable cache key, so a host client with a default cache behaves the same.
    cache: new InMemoryCache(),
  });
}
