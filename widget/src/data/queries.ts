import { gql, type TypedDocumentNode } from '@apollo/client';
import {
  CreditUsageEntriesDocument,
  CreditUsagePageDocument,
  CreditUsageWorkspaceDocument,
  type CreditUsageEntriesQuery,
  type CreditUsageEntriesQueryVariables,
  type CreditUsagePageQuery,
  type CreditUsagePageQueryVariables,
  type CreditUsageWorkspaceQuery,
  type CreditUsageWorkspaceQueryVariables,
  type TypedDocumentString,
} from './generated/graphql';

/**
 * The widget's operations, written in `operations/*.graphql` and typed by GraphQL Code
 * Generator (codegen.ts). The generated documents are strings; Apollo's cache needs a parsed
 * document, so each is parsed once here by the host's copy of `gql`.
 */
function parsed<Result, Variables>(document: TypedDocumentString<Result, Variables>): TypedDocumentNode<Result, Variables> {
  return gql(document.toString()) as TypedDocumentNode<Result, Variables>;
}

export const PAGE_QUERY = parsed<CreditUsagePageQuery, CreditUsagePageQueryVariables>(CreditUsagePageDocument);
export const WORKSPACE_CAMPAIGNS_QUERY = parsed<CreditUsageWorkspaceQuery, CreditUsageWorkspaceQueryVariables>(CreditUsageWorkspaceDocument);
export const ENTRIES_QUERY = parsed<CreditUsageEntriesQuery, CreditUsageEntriesQueryVariables>(CreditUsageEntriesDocument);
