/** The executable schema: the one list of every domain's resolvers. */
import { buildSchemaSync } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import { AccountApiKeysResolver, CredentialsResolver } from '../auth';
import { AccountBudgetsResolver, AccountUsageBudgetResolver, BudgetsResolver, CampaignUsageBudgetResolver, WorkspaceUsageBudgetResolver } from '../budgets';
import { CatalogResolver, WorkspaceCatalogResolver } from '../catalog';
import { AccountUsageOverTimeResolver, AccountUsageResolver, BillingPeriodResolver, CampaignUsageOverTimeResolver, FreshnessResolver, InvoicesResolver, RecordUsageResolver, UsageEntriesResolver, WorkspaceUsageOverTimeResolver, WorkspaceUsageResolver } from '../usage';
import { DateTimeScalar } from '../graphql';
import { WebhookResolver } from '../webhooks';

let schema: GraphQLSchema | undefined;

/** The executable schema, built once from the resolvers (it holds no per-request state). */
export function creditlensSchema(): GraphQLSchema {
  schema ??= describeRootTypes(
    buildSchemaSync({
      resolvers: [
        CatalogResolver,
        WorkspaceCatalogResolver,
        AccountApiKeysResolver,
        CredentialsResolver,
        BillingPeriodResolver,
        AccountUsageResolver,
        WorkspaceUsageResolver,
        AccountUsageOverTimeResolver,
        WorkspaceUsageOverTimeResolver,
        CampaignUsageOverTimeResolver,
        RecordUsageResolver,
        BudgetsResolver,
        AccountBudgetsResolver,
        AccountUsageBudgetResolver,
        WorkspaceUsageBudgetResolver,
        CampaignUsageBudgetResolver,
        WebhookResolver,
        UsageEntriesResolver,
        FreshnessResolver,
        InvoicesResolver,
      ],
      scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
      validate: false,
      emitSchemaFile: false,
    }),
  );
  return schema;
}

/** type-graphql has no option for describing Query and Mutation, so they are described once on the built schema. */
function describeRootTypes(built: GraphQLSchema): GraphQLSchema {
  built.getQueryType()!.description =
    'Reads. Every request carries "Authorization: Bearer <credential>"; ids the credential may not see answer null, exactly like ids that do not exist.';
  built.getMutationType()!.description =
    'Writes: the catalog (accounts, workspaces, campaigns), credentials and webhook endpoints with the admin key; usage with the admin key or an account API key with USAGE_WRITE.';
  return built;
}
