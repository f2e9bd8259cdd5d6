/** GraphQL's ApiScope, built from access/'s API_SCOPES: the contract's values are that list. */
import { API_SCOPES, type ApiScope } from '../access';
import { registerListEnum } from '../graphql';

export const ApiScopeEnum = registerListEnum<ApiScope>(API_SCOPES, 'ApiScope', 'What an account API key may do, within its one account.', {
  USAGE_READ: 'Read usage, invoices and billing periods of the account.',
  USAGE_WRITE: 'Record usage entries for the account.',
});
