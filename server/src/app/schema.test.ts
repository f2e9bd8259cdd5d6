import fs from 'node:fs';
import { buildSchema, isObjectType, isInputObjectType, isEnumType, type GraphQLObjectType } from 'graphql';
import { printedSchema, SCHEMA_FILE } from './emit-schema';

describe('schema.graphql', () => {
  it('is exactly the schema the code emits (run `npm run schema:emit` after changing types)', () => {
    expect(fs.readFileSync(SCHEMA_FILE, 'utf8')).toBe(printedSchema());
  });

  it('keeps every name of the public contract', () => {
    const schema = buildSchema(printedSchema());
    const fields = (type: string) => {
      const named = schema.getType(type);
      if (isObjectType(named) || isInputObjectType(named)) return Object.keys(named.getFields()).sort();
      if (isEnumType(named)) return named.getValues().map((value) => value.name).sort();
      throw new Error(`${type} is missing`);
    };
    expect(fields('Query')).toEqual(['account', 'accounts', 'usageEntries', 'webhookDeliveries', 'webhookEndpoints', 'workspaceUsage']);
    expect(fields('Account')).toEqual(['apiKeys', 'billingPeriods', 'budgets', 'currentPeriod', 'id', 'invoice', 'name', 'timezone', 'usage', 'workspaces']);
    expect(fields('Workspace')).toEqual(['campaigns', 'id', 'name']);
    expect(fields('ApiKey')).toEqual(['createdAt', 'expiresAt', 'id', 'label', 'lastUsedAt', 'revokedAt', 'scopes']);
    expect(fields('PageInfo')).toEqual(['endCursor', 'hasNextPage']);
    for (const connection of ['AccountConnection', 'WorkspaceConnection', 'CampaignConnection']) expect(fields(connection)).toEqual(['edges', 'pageInfo', 'totalCount']);
    for (const edge of ['AccountEdge', 'WorkspaceEdge', 'CampaignEdge']) expect(fields(edge)).toEqual(['cursor', 'node']);
    const args = (type: string, field: string) => (schema.getType(type) as GraphQLObjectType).getFields()[field]!.args.map((arg) => arg.name).sort();
    expect(args('Query', 'accounts')).toEqual(['after', 'first']);
    expect(args('Account', 'workspaces')).toEqual(['after', 'first']);
    expect(args('Workspace', 'campaigns')).toEqual(['after', 'first']);
    expect(args('Mutation', 'createApiKey')).toEqual(['accountId', 'expiresAt', 'label', 'scopes']);
    expect(fields('AccountUsage')).toEqual(['asOf', 'budget', 'byKind', 'comparison', 'lastRecordedAt', 'series', 'totalCredits', 'window', 'workspaces']);
    expect(args('Query', 'usageEntries')).toEqual(['accountId', 'after', 'asOf', 'filter', 'first', 'window']);
    expect(fields('UsageEntryFilter')).toEqual(['campaignId', 'kinds', 'noCampaign', 'workspaceId']);
    expect(fields('UsageEntryConnection')).toEqual(['asOf', 'edges', 'pageInfo', 'totalCount', 'totalCredits']);
    expect(fields('UsageEntryEdge')).toEqual(['cursor', 'node']);
    expect(fields('UsageEntry')).toEqual(['campaign', 'credits', 'idempotencyKey', 'kind', 'occurredAt', 'recordedAt', 'workspace']);
    expect(args('Account', 'invoice')).toEqual(['asOf', 'period']);
    expect(fields('Invoice')).toEqual(['asOf', 'closedAt', 'final', 'lines', 'period', 'totalCredits']);
    expect(args('Mutation', 'closeBillingPeriod')).toEqual(['accountId', 'period']);
    expect(fields('WorkspaceUsage')).toEqual(['budget', 'byKind', 'campaigns', 'change', 'credits', 'id', 'percent', 'previousCredits', 'series', 'share', 'workspace']);
    expect(fields('CampaignUsage')).toEqual(['budget', 'byKind', 'campaign', 'change', 'credits', 'label', 'percent', 'previousCredits', 'series', 'share']);
    expect(fields('BudgetInput')).toEqual(['accountId', 'campaignId', 'creditsPerPeriod', 'thresholds', 'workspaceId']);
    expect(fields('Budget')).toEqual(['campaign', 'creditsPerPeriod', 'id', 'thresholds', 'workspace']);
    expect(fields('BudgetStatus')).toEqual(expect.arrayContaining(['budget', 'crossed', 'projectedCredits', 'projectedRunOutAt', 'used']));
    expect(fields('UsageBucket')).toEqual(['credits', 'from', 'to']);
    expect(fields('UsageComparison')).toEqual(['totalCredits', 'window']);
    expect(fields('Granularity')).toEqual(['DAY', 'HOUR', 'MONTH', 'WEEK']);
    for (const type of ['AccountUsage', 'WorkspaceUsage', 'CampaignUsage']) expect(args(type, 'series')).toEqual(['granularity']);
    expect(fields('UsageEntryInput')).toEqual(['accountId', 'campaignId', 'credits', 'idempotencyKey', 'kind', 'occurredAt', 'workspaceId']);
    expect(fields('CreditKind')).toEqual(['CONTACT_LIST_CLEANING', 'FIRST_EMAIL_DRAFT', 'LEAD_ENRICHMENT', 'LEAD_FINDING', 'REPLY', 'SELF_LEARNING_AI']);
    expect(fields('Mutation')).toEqual(
      expect.arrayContaining(['closeBillingPeriod', 'createApiKey', 'createEmbedToken', 'deleteBudget', 'recordUsage', 'setBudget', 'upsertAccount', 'upsertCampaign', 'upsertWorkspace']),
    );
    expect(fields('Mutation')).toEqual(expect.arrayContaining(['createWebhookEndpoint', 'deleteWebhookEndpoint']));
    expect(fields('WebhookEndpointInput')).toEqual(['accountId', 'events', 'url']);
    expect(fields('WebhookEventType')).toEqual(['BUDGET_THRESHOLD_CROSSED']);
    expect(fields('CreatedWebhookEndpoint')).toEqual(['id', 'secret']);
    expect(args('Query', 'webhookDeliveries')).toEqual(['after', 'endpointId', 'first']);
    expect(fields('WebhookDeliveryConnection')).toEqual(['edges', 'pageInfo', 'totalCount']);
    expect(fields('WebhookDelivery')).toEqual(expect.arrayContaining(['attemptedAt', 'durationMs', 'nextAttemptAt', 'responseStatus', 'status']));
    expect(schema.getType('DateTime')).toBeDefined();
    expect(schema.getType('SafeInt')).toBeDefined();
  });
});
