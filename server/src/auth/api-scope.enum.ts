/** GraphQL's ApiScope, built from access/'s API_SCOPES: the contract's values are that list. */
import { registerEnumType } from 'type-graphql';
import type { ApiScope } from '../access';
import { API_SCOPES } from '../access';
import { enumOf } from '../graphql';

export const ApiScopeEnum = enumOf(API_SCOPES);

const apiScopeDescriptions: Record<ApiScope, { description: string }> = {
  USAGE_READ: { description: 'Read usage, invoices and billing periods of the account.' },
  USAGE_WRITE: { description: 'Record usage entries for the account.' },
};

registerEnumType(ApiScopeEnum, {
  name: 'ApiScope',
  description: 'What an account API key may do, within its one account.',
  valuesConfig: apiScopeDescriptions,
});
