import fc from 'fast-check';
import { buildSchema, Kind, type ASTNode, parse, print, specifiedRules, validate, visit, type DocumentNode, type FragmentDefinitionNode, type InlineFragmentNode, type OperationDefinitionNode } from 'graphql';
import { creditlensSchema } from '../app';
import { fragmentFanOut } from './attacks';
import { DEFAULT_QUERY_LIMITS, queryLimitsRule } from './query-limits';
import { MEASURE_CAP, measureOperation, type CostModel } from './query-measure';

function operationOf(document: DocumentNode): OperationDefinitionNode {
  return document.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION)!;
}

const schema = buildSchema(`
  type Query { node: Node nodes: [Node] leaf: Int }
  interface Thing { id: ID things: [Thing] }
  type Node implements Thing { id: ID name: String child: Node children: [Node] things: [Thing] }
`);
const MODEL: CostModel = { defaultListSize: 2, listSizes: { 'Query.nodes': 7, 'Node.children': 3 }, fieldWeights: { 'Query.node': 5, 'Node.child': 4 } };

function measure(query: string | DocumentNode, model = MODEL, on = schema) {
  const document = typeof query === 'string' ? parse(query) : query;
  return measureOperation(on, document, operationOf(document), model);
}

/** The same document with every fragment spread written out in place as an inline fragment (exponential: small documents only). */
function withSpreadsWrittenOut(document: DocumentNode): DocumentNode {
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const writeOut = <T extends ASTNode>(node: T): T =>
    visit(node, {
      FragmentSpread(spread): InlineFragmentNode {
        const fragment = fragments.get(spread.name.value)!;
        return { kind: Kind.INLINE_FRAGMENT, typeCondition: fragment.typeCondition, selectionSet: writeOut(fragment.selectionSet) };
      },
    });
  return { kind: Kind.DOCUMENT, definitions: [writeOut(operationOf(document))] };
}

/** Fields each type offers to a random selection: [name, type of its selection or null for a leaf]. */
const FIELDS: Record<string, ReadonlyArray<readonly [string, string | null]>> = {
  Query: [['leaf', null], ['node', 'Node'], ['nodes', 'Node'], ['__schema', '__Schema'], ['__type(name: "Node")', '__Type']],
  Node: [['id', null], ['name', null], ['child', 'Node'], ['children', 'Node'], ['things', 'Thing']],
  Thing: [['id', null], ['things', 'Thing']],
  __Schema: [['description', null], ['types', '__Type'], ['queryType', '__Type']],
  __Type: [['name', null], ['kind', null], ['fields', '__Field'], ['ofType', '__Type'], ['interfaces', '__Type']],
  __Field: [['name', null], ['type', '__Type'], ['args', '__InputValue']],
  __InputValue: [['name', null], ['type', '__Type']],
};
const ALSO_ON: Record<string, string> = { Node: 'Thing', Thing: 'Node' };
const FRAGMENT_TYPES = ['Query', 'Node', 'Thing', '__Type'];

/** A random small document: up to four fragments, each spreading only later ones (no cycles), spreads repeated. */
function randomDocument(choices: readonly number[]): string {
  let next = 0;
  const pick = (n: number) => choices[next++ % choices.length]! % n;
  const fragmentCount = pick(5);
  const fragmentTypes = Array.from({ length: fragmentCount }, () => FRAGMENT_TYPES[pick(FRAGMENT_TYPES.length)]!);
  const selection = (type: string, budget: number, spreadable: number): string => {
    const parts: string[] = [];
    for (let count = 1 + pick(3); count > 0; count -= 1) {
      const spreads = fragmentTypes.map((t, i) => (t === type && i >= spreadable ? i : -1)).filter((i) => i >= 0);
      const kind = pick(6);
      if (kind === 0) parts.push('__typename');
      else if (kind === 1 && spreads.length > 0) parts.push(`...F${spreads[pick(spreads.length)]} `.repeat(1 + pick(3)));
      else if (kind === 2 && budget > 0) parts.push(`... ${pick(2) === 0 ? '' : `on ${ALSO_ON[type] ?? type} `}{ ${selection(ALSO_ON[type] && pick(2) === 0 ? ALSO_ON[type]! : type, budget - 1, spreadable)} }`);
      else {
        const [name, child] = FIELDS[type]![pick(FIELDS[type]!.length)]!;
        parts.push(child === null ? name : budget > 0 ? `${name} { ${selection(child, budget - 1, spreadable)} }` : `${name} { __typename }`);
      }
    }
    return parts.join(' ');
  };
  const fragments = fragmentTypes.map((type, i) => `fragment F${i} on ${type} { ${selection(type, 3, i + 1)} }`);
  return [`query { ${selection('Query', 4, 0)} }`, ...fragments].join('\n');
}

describe('measureOperation', () => {
  it('measures each fragment once, however often it is spread', () => {
    let measuredItems = 0;
    const counting: CostModel = { ...MODEL, listSizes: { 'Query.nodes': () => (measuredItems += 1) } };
    const levels = Array.from({ length: 4 }, (_, i) => `fragment F${i} on Query { ${`...F${i + 1} `.repeat(10)}}`).join(' ');
    const fanOut = measure(`query { ...F0 } ${levels} fragment F4 on Query { nodes { id } }`, counting);
    expect(measuredItems).toBe(1);
    expect(fanOut.rootFields).toBe(10 ** 4);
  });

  it('multiplies the cost of a spread fragment by how often it is selected', () => {
    const once = measure('{ nodes { id } }');
    const spread = measure('query { ...A ...A } fragment A on Query { ...B ...B ...B } fragment B on Query { nodes { id } }');
    expect(spread.cost).toBe(6 * once.cost);
    expect(spread.rootFields).toBe(6);
    expect(spread.depth).toBe(once.depth);
  });

  it('measures a fan-out 30 levels deep at once, saturated, and the limits refuse it on cost and root fields', () => {
    const fanOut = parse(fragmentFanOut(30));
    expect(measureOperation(creditlensSchema(), fanOut, operationOf(fanOut), DEFAULT_QUERY_LIMITS.costModel)).toEqual({
      depth: 2,
      cost: MEASURE_CAP,
      rootFields: MEASURE_CAP,
      introspectionDepth: 0,
      introspectionListNesting: 0,
    });
    const refusals = validate(creditlensSchema(), fanOut, [queryLimitsRule()]).map((error) => error.message);
    expect(refusals).toEqual([
      expect.stringMatching(/^the query costs at least 9,007,199,254,740,991, more than the limit of 100,000/),
      'the operation selects at least 9,007,199,254,740,991 root fields (aliases included); at most 30 are allowed',
    ]);
  });

  it('counts a negative list length as empty, so that it cannot pay for other fields', () => {
    const query = (last: number) => `{ account(id: "a") { billingPeriods(last: ${last}) { from to } } }`;
    const negative = measure(query(-1_000_000_000), DEFAULT_QUERY_LIMITS.costModel, creditlensSchema());
    expect(negative.cost).toBe(measure(query(0), DEFAULT_QUERY_LIMITS.costModel, creditlensSchema()).cost);
    expect(negative.cost).toBeGreaterThan(0);
  });

  it('cuts a fragment cycle and still ends (validation reports the cycle)', () => {
    const cycle = 'query { ...A } fragment A on Query { leaf ...B } fragment B on Query { nodes { id } ...A }';
    expect(measure(cycle).rootFields).toBe(2);
    expect(validate(schema, parse(cycle), specifiedRules).map((error) => error.message)).toContain('Cannot spread fragment "A" within itself via "B".');
  });

  it('gives every measure of a random small document as if each spread were written out in place', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 1_000 }), { minLength: 32, maxLength: 256 }), (choices) => {
        const document = parse(randomDocument(choices));
        const writtenOut = withSpreadsWrittenOut(document);
        expect({ query: print(document), measure: measure(document) }).toEqual({ query: print(document), measure: measure(writtenOut) });
      }),
      { numRuns: 300 },
    );
  });
});
