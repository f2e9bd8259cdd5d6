import { buildSchema, getIntrospectionQuery, parse, specifiedRules, validate } from 'graphql';
import { creditlensSchema } from '../app';
import { PAGE_WITH_CAMPAIGNS_QUERY } from '../testing/operations';
import { DEFAULT_QUERY_LIMITS, queryLimitsRule } from './query-limits';
import { measureOperation } from './query-measure';

function refusals(query: string, schema = creditlensSchema()): string[] {
  return validate(schema, parse(query), [...specifiedRules, queryLimitsRule()]).map((error) => error.message);
}

function measure(query: string, schema = creditlensSchema()) {
  const document = parse(query);
  const operation = document.definitions.find((definition) => definition.kind === 'OperationDefinition')!;
  return measureOperation(schema, document, operation as never, DEFAULT_QUERY_LIMITS.costModel);
}

describe('query limits', () => {
  it('lets one page of 100 workspaces with every campaign field through', () => {
    expect(measure(PAGE_WITH_CAMPAIGNS_QUERY).cost).toBeLessThan(DEFAULT_QUERY_LIMITS.maxCost);
    expect(refusals(PAGE_WITH_CAMPAIGNS_QUERY)).toEqual([]);
  });

  it('refuses two such pages in one request, saying what it costs and what is allowed', () => {
    const body = PAGE_WITH_CAMPAIGNS_QUERY.slice(PAGE_WITH_CAMPAIGNS_QUERY.indexOf('account('), PAGE_WITH_CAMPAIGNS_QUERY.lastIndexOf('}'));
    const twice = `query($accountId: ID!, $window: UsageWindowInput, $asOf: DateTime) { a: ${body} b: ${body} }`;
    expect(refusals(twice)).toEqual([expect.stringMatching(/^the query costs [\d,]+, more than the limit of 100,000/)]);
  });

  it('counts a campaigns list as more than a scalar', () => {
    const scalar = measure(`{ workspaceUsage(workspaceId: "w", window: { from: "2026-06-01T00:00:00Z", to: "2026-07-01T00:00:00Z" }) { credits } }`);
    const campaigns = measure(`{ workspaceUsage(workspaceId: "w", window: { from: "2026-06-01T00:00:00Z", to: "2026-07-01T00:00:00Z" }) { campaigns { credits } } }`);
    expect(campaigns.cost - scalar.cost).toBeGreaterThan(10);
  });

  it('counts billingPeriods by its literal `last`, and a variable as the most allowed', () => {
    const literal = measure(`{ account(id: "a") { billingPeriods(last: 2) { from } } }`);
    const variable = measure(`query($n: Int) { account(id: "a") { billingPeriods(last: $n) { from } } }`);
    expect(variable.cost).toBeGreaterThan(literal.cost);
  });

  it('sizes a connection\'s edges by its first: the default and literals as given, a variable as the most allowed', () => {
    const nested = (workspaces: string, campaigns: string, variables = '') =>
      `query${variables} { account(id: "a") { workspaces${workspaces} { totalCount edges { cursor node { id name campaigns${campaigns} { totalCount edges { cursor node { id name archived } } } } } } } }`;
    expect(refusals(nested('', ''))).toEqual([]);
    expect(refusals(nested('(first: 100)', '(first: 50)'))).toEqual([]);
    expect(refusals(nested('(first: 500)', '(first: 500)'))).toEqual([expect.stringMatching(/^the query costs [\d,]+, more than the limit/)]);
    expect(refusals(nested('(first: $w)', '(first: $c)', '($w: Int, $c: Int)'))).toEqual([expect.stringMatching(/^the query costs/)]);
    expect(refusals(`{ accounts(first: 500) { edges { node { id name timezone } } } }`)).toEqual([]);
  });

  it('refuses more than 30 root fields, aliases and fragments included', () => {
    const fields = (n: number) => Array.from({ length: n }, (_, i) => `a${i}: account(id: "x") { id }`).join(' ');
    expect(refusals(`{ ${fields(30)} }`)).toEqual([]);
    expect(refusals(`query { ...More ${fields(30)} } fragment More on Query { extra: account(id: "y") { id } }`)).toEqual([
      'the operation selects 31 root fields (aliases included); at most 30 are allowed',
    ]);
  });

  it('refuses a query nested deeper than 8 (on a schema that allows it)', () => {
    const recursive = buildSchema('type Query { node: Node } type Node { child: Node id: ID }');
    const nested = (depth: number) => `{ node { ${'child { '.repeat(depth - 2)}id${' }'.repeat(depth - 2)} } }`;
    expect(measure(nested(8), recursive).depth).toBe(8);
    expect(refusals(nested(8), recursive)).toEqual([]);
    expect(refusals(nested(9), recursive)).toEqual(['the query nests 9 fields deep; at most 8 are allowed']);
  });

  it('exempts the explorer introspection query from depth and cost', () => {
    const full = getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true });
    expect(measure(full).introspectionDepth).toBeGreaterThan(DEFAULT_QUERY_LIMITS.maxDepth);
    expect(refusals(full)).toEqual([]);
  });

  it('refuses the fields → type → fields introspection recursion whose answer grows exponentially', () => {
    const recursion = '{ __schema { types { fields { type { ofType { fields { type { ofType { fields { name } } } } } } } } } }';
    // graphql-js's own MaxIntrospectionDepthRule refuses it too; ours also bounds args and ofType chains.
    expect(refusals(recursion)).toEqual(expect.arrayContaining([expect.stringMatching(/nests 4 lists on one path; at most 3/)]));
  });
});
