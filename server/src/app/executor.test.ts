import { buildSchema, execute, getOperationAST, GraphQLError, parse, type ExecutionResult } from 'graphql';
import { OperationExecutor, type ExecutionPath } from './executor';

const schema = buildSchema(`
  type Bucket { from: String! credits: Int! }
  type Row { id: ID! credits: Int! series(days: Int = 3): [Bucket!]! broken: Int }
  type Query { rows(first: Int!): [Row!]! row(id: ID!): Row }
  type Mutation { touch(id: ID!): Int! }
`);

class CodedError extends Error {
  readonly extensions = { code: 'BAD_USER_INPUT', field: 'id' };
}

const rows = (first: number) => Array.from({ length: first }, (_, i) => ({ id: `r${i}`, credits: i * 10 }));
const fields = (type: string) => schema.getType(type) as unknown as { getFields(): Record<string, { resolve?: (...args: any[]) => unknown }> };
fields('Query').getFields().rows!.resolve = (_root, args: { first: number }) => rows(args.first);
fields('Query').getFields().row!.resolve = (_root, args: { id: string }) => {
  if (args.id === 'missing') throw new CodedError(`no row "${args.id}"`);
  if (args.id === 'plain') throw new Error('something underneath failed');
  return { id: args.id, credits: 5 };
};
fields('Row').getFields().series!.resolve = async (row: { credits: number }, args: { days: number }) =>
  Array.from({ length: args.days }, (_, day) => ({ from: `2026-10-0${day + 1}`, credits: row.credits + day }));
fields('Row').getFields().broken!.resolve = () => {
  throw new Error('broken on purpose');
};
fields('Mutation').getFields().touch!.resolve = () => 1;

function executorWith(options = { maxCompiled: 10, runsBeforeCompiling: 1 }) {
  const paths: ExecutionPath[] = [];
  const executor = new OperationExecutor(schema, options, (path) => paths.push(path));
  const run = (query: string, variables?: Record<string, unknown>) => {
    const document = parse(query);
    return executor.run(document, query, getOperationAST(document)!, variables, {});
  };
  return { paths, run };
}

function reference(query: string, variables?: Record<string, unknown>): Promise<ExecutionResult> {
  return Promise.resolve(execute({ schema, document: parse(query), variableValues: variables, contextValue: {} }));
}

/** What a client and formatError read of an error. */
function seen(result: ExecutionResult) {
  return {
    data: result.data,
    errors: result.errors?.map((error) => ({
      graphqlError: error instanceof GraphQLError,
      message: error.message,
      locations: error.locations,
      path: error.path,
      extensions: error.extensions,
      original: error.originalError?.constructor.name,
    })),
  };
}

const PAGE = `query($first: Int!) { rows(first: $first) { id credits series { from credits } } }`;

describe('OperationExecutor', () => {
  it('runs a query through graphql-js the first time and compiled from the second, answering the same', async () => {
    const { paths, run } = executorWith();
    const first = await run(PAGE, { first: 4 });
    const second = await run(PAGE, { first: 4 });
    const third = await run(PAGE, { first: 2 });
    expect(paths).toEqual(['graphql-js', 'compiled', 'compiled']);
    expect(seen(second)).toEqual(seen(first));
    expect(seen(third)).toEqual(seen(await reference(PAGE, { first: 2 })));
    expect((second.data as { rows: unknown[] }).rows).toHaveLength(4);
  });

  it('keeps mutations and introspection on graphql-js however often they come', async () => {
    const { paths, run } = executorWith();
    for (let i = 0; i < 3; i++) await run(`mutation { touch(id: "a") }`);
    for (let i = 0; i < 3; i++) await run(`{ __schema { queryType { name } } }`);
    expect(paths).toEqual(Array(6).fill('graphql-js'));
  });

  it('answers refused variables through graphql-js, word for word', async () => {
    const { paths, run } = executorWith();
    await run(PAGE, { first: 1 });
    const refused = await run(PAGE, { first: 'many' });
    expect(paths).toEqual(['graphql-js', 'graphql-js']);
    expect(seen(refused)).toEqual(seen(await reference(PAGE, { first: 'many' })));
    expect(refused.errors![0]!.message).toMatch(/Variable "\$first" got invalid value "many"/);
  });

  it.each([
    ['a thrown error with extensions', `query($id: ID!) {\n  row(id: $id) { id }\n}`, { id: 'missing' }],
    ['a thrown error without them', `query($id: ID!) {\n  row(id: $id) { id }\n}`, { id: 'plain' }],
    ['a failing nullable field', `query {\n  rows(first: 2) {\n    id\n    broken\n  }\n}`, undefined],
  ])('gives %s the message, locations, path and extensions graphql-js gives it', async (_name, query, variables) => {
    const { paths, run } = executorWith();
    await run(query, variables);
    const compiled = await run(query, variables);
    expect(paths).toEqual(['graphql-js', 'compiled']);
    expect(compiled.errors?.length).toBeGreaterThan(0);
    expect(seen(compiled)).toEqual(seen(await reference(query, variables)));
  });

  it('compiles each operation of a document for itself', async () => {
    const paths: ExecutionPath[] = [];
    const executor = new OperationExecutor(schema, { maxCompiled: 10, runsBeforeCompiling: 1 }, (path) => paths.push(path));
    const query = `query Few { rows(first: 1) { id } } query Many { rows(first: 3) { id credits } }`;
    const run = (operationName: string) => {
      const document = parse(query);
      return executor.run(document, query, getOperationAST(document, operationName)!, undefined, {});
    };
    await run('Few');
    await run('Few');
    const many = await run('Many');
    const manyAgain = await run('Many');
    expect(paths).toEqual(['graphql-js', 'compiled', 'graphql-js', 'compiled']);
    expect(seen(manyAgain)).toEqual(seen(many));
    expect((manyAgain.data as { rows: unknown[] }).rows).toHaveLength(3);
  });

  it('compiles a document again once more documents than it keeps came after it', async () => {
    const { paths, run } = executorWith({ maxCompiled: 2, runsBeforeCompiling: 1 });
    const queries = [1, 2, 3].map((first) => `{ rows(first: ${first}) { id } }`);
    for (const query of queries) await run(query);
    await run(queries[0]!);
    expect(paths).toEqual(['graphql-js', 'graphql-js', 'graphql-js', 'graphql-js']);
    await run(queries[0]!);
    expect(paths[4]).toBe('compiled');
  });
});
