import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BillingUsagePage } from './billing-usage-page';
import { readDemoConfig } from './demo-config';

const config = readDemoConfig(document);
const client = new ApolloClient({
  link: new HttpLink({ uri: config.endpoint, headers: { authorization: `Bearer ${config.token}` } }),
  cache: new InMemoryCache(),
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ApolloProvider client={client}>
      <BillingUsagePage accountId={config.accountId} endpoint={config.endpoint} token={config.token} />
    </ApolloProvider>
  </StrictMode>,
);
