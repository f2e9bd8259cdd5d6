import { buildSchema, graphql, type GraphQLResolveInfo } from 'graphql';
import { argumentsBelow } from './lookahead';

const schema = buildSchema(`
  enum Granularity { HOUR DAY }
  type Bucket { credits: Int }
  type Row { id: ID, series(granularity: Granularity = DAY): [Bucket] }
  type Page { total: Int, rows: [Row] }
  type Query { page: Page }
`);

/** Runs `source` and answers what argumentsBelow(['rows', 'series']) saw from Query.page's resolver. */
async function seenBelowPage(source: string, variableValues?: Record<string, unknown>): Promise<Record<string, unknown>[]> {
  let seen: Record<string, unknown>[] = [];
  const rootValue = {
    page: (_args: unknown, _context: unknown, info: GraphQLResolveInfo) => {
      seen = argumentsBelow(info, ['rows', 'series']);
      return { total: 1, rows: [] };
    },
  };
  const result = await graphql({ schema, source, rootValue, variableValues });
  expect(result.errors).toBeUndefined();
  return seen;
}

describe('argumentsBelow', () => {
  it('answers the arguments of a field two levels down, its defaults applied', async () => {
    expect(await seenBelowPage('{ page { rows { series { credits } } } }')).toEqual([{ granularity: 'DAY' }]);
  });

  it('reads literals and variables, once per selection', async () => {
    const seen = await seenBelowPage('query($g: Granularity) { page { rows { hourly: series(granularity: HOUR) { credits } series(granularity: $g) { credits } } } }', { g: 'HOUR' });
    expect(seen).toEqual([{ granularity: 'HOUR' }, { granularity: 'HOUR' }]);
  });

  it('finds the field through named and inline fragments', async () => {
    const source = `
      fragment RowSeries on Row { series { credits } }
      { page { ... on Page { rows { id ...RowSeries } } } }`;
    expect(await seenBelowPage(source)).toEqual([{ granularity: 'DAY' }]);
  });

  it('answers nothing when the path is not selected', async () => {
    expect(await seenBelowPage('{ page { total rows { id } } }')).toEqual([]);
  });
});
