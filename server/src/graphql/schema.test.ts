import fs from 'node:fs';
import { buildSchema, isObjectType, isInputObjectType, isEnumType } from 'graphql';
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
    expect(fields('Query')).toEqual(['account', 'workspaceUsage']);
    expect(fields('Account')).toEqual(['billingPeriods', 'currentPeriod', 'id', 'invoice', 'name', 'timezone', 'usage']);
    expect(fields('AccountUsage')).toEqual(['asOf', 'byKind', 'totalCredits', 'window', 'workspaces']);
    expect(fields('WorkspaceUsage')).toEqual(['campaigns', 'credits', 'id', 'percent', 'share', 'workspace']);
    expect(fields('CampaignUsage')).toEqual(['byKind', 'campaign', 'credits', 'label', 'percent', 'share']);
    expect(fields('UsageEntryInput')).toEqual(['accountId', 'campaignId', 'credits', 'idempotencyKey', 'kind', 'occurredAt', 'workspaceId']);
    expect(fields('CreditKind')).toEqual(['CONTACT_LIST_CLEANING', 'FIRST_EMAIL_DRAFT', 'LEAD_ENRICHMENT', 'LEAD_FINDING', 'REPLY', 'SELF_LEARNING_AI']);
    expect(fields('Mutation')).toEqual(
      expect.arrayContaining(['createApiKey', 'createEmbedToken', 'recordUsage', 'upsertAccount', 'upsertCampaign', 'upsertWorkspace']),
    );
    expect(schema.getType('DateTime')).toBeDefined();
    expect(schema.getType('SafeInt')).toBeDefined();
  });
});
