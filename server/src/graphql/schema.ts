import { buildSchemaSync } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import { CredentialsResolver } from '../auth/credentials.resolver';
import { CatalogResolver } from '../catalog/catalog.resolver';
import { AccountUsageResolver, WorkspaceUsageResolver } from '../usage/usage.resolver';
import { DateTimeScalar } from './scalars';

let schema: GraphQLSchema | undefined;

/** The executable schema, built once from the resolvers (it holds no per-request state). */
export function creditlensSchema(): GraphQLSchema {
  schema ??= buildSchemaSync({
    resolvers: [CatalogResolver, AccountUsageResolver, WorkspaceUsageResolver, CredentialsResolver],
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    validate: false,
    emitSchemaFile: false,
  });
  return schema;
}
