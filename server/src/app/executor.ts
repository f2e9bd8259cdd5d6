/**
 * How Apollo executes an operation: queries that arrive again run compiled by graphql-jit, the
 * rest through graphql-js. A page with series is 6,200 buckets of three fields; graphql-js builds
 * an info object, an argument map and a path for each of those 18,600 fields, which made its
 * execution cost more than the SQL behind it. graphql-jit compiles an operation once into plain
 * functions that do none of that per field (docs/performance.md has the figures).
 *
 * graphql-js keeps everything where its exact behaviour is part of the contract or compiling
 * would not pay:
 * - mutations: their variable errors are answered as BAD_USER_INPUT by Apollo, which reads
 *   graphql-js's messages (and recordUsage's 1,000 entries are coerced once, not twice);
 * - variables that graphql-js refuses: the request runs through graphql-js, which answers the
 *   same errors as without this executor;
 * - introspection (`__schema`, `__type`), which the explorer sends once;
 * - a document seen for the first time: compiling costs more than running it once, and a client
 *   sending a new document on every request should not make the server compile each.
 * Apollo still parses, validates (the query limits), runs every plugin and formats the errors;
 * only the execution step is swapped, through its gateway interface (an executor per request).
 */
import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import { execute, getVariableValues, GraphQLError, type DocumentNode, type ExecutionResult, type GraphQLSchema, type OperationDefinitionNode, type SourceLocation } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

type Gateway = ApolloServerOptionsWithGateway<BaseContext>['gateway'];

export interface ExecutorOptions {
  /** Operations remembered (their runs, and once compiled their compiled query), the least recently used forgotten first. */
  readonly maxCompiled: number;
  /** How many times a document runs through graphql-js before it is compiled. */
  readonly runsBeforeCompiling: number;
}

export const DEFAULT_EXECUTOR_OPTIONS: ExecutorOptions = { maxCompiled: 200, runsBeforeCompiling: 1 };

/** What the executor did with one request: for tests. */
export type ExecutionPath = 'compiled' | 'graphql-js';

interface Seen {
  runs: number;
  /** null: tried and not compilable (graphql-jit refused it); graphql-js runs it from then on. */
  compiled?: CompiledQuery | null;
}

export class OperationExecutor {
  private readonly seen = new Map<string, Seen>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly options: ExecutorOptions = DEFAULT_EXECUTOR_OPTIONS,
    private readonly onExecuted?: (path: ExecutionPath) => void,
  ) {}

  /** `operation` is the one of `document` that Apollo resolved for the request; `key` names the document (Apollo's query hash). */
  async run(document: DocumentNode, key: string, operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined, context: unknown): Promise<ExecutionResult> {
    const compiled = this.compiledFor(document, key, operation, variables);
    if (compiled) {
      this.onExecuted?.('compiled');
      const result = (await compiled.query(undefined, context, variables ?? {})) as ExecutionResult;
      return result.errors ? { ...result, errors: result.errors.map((error) => asGraphQLJsError(error, document)) } : result;
    }
    this.onExecuted?.('graphql-js');
    return execute({ schema: this.schema, document, operationName: operation.name?.value, variableValues: variables, contextValue: context });
  }

  /** The compiled operation when it may run compiled now, else null (graphql-js runs it). */
  private compiledFor(document: DocumentNode, key: string, operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined): CompiledQuery | null {
    if (operation.operation !== 'query' || isIntrospection(operation)) return null;
    // One compiled query is one operation of its document.
    const seen = this.remember(`${key}\u0000${operation.name?.value ?? ''}`);
    seen.runs += 1;
    if (seen.compiled === undefined && seen.runs > this.options.runsBeforeCompiling) {
      const result = compileQuery(this.schema, document, operation.name?.value);
      seen.compiled = isCompiledQuery(result) ? result : null;
    }
    if (!seen.compiled) return null;
    // Refused variables are answered by graphql-js, word for word as without this executor.
    const coerced = getVariableValues(this.schema, operation.variableDefinitions ?? [], variables ?? {});
    return coerced.errors ? null : seen.compiled;
  }

  private remember(key: string): Seen {
    let seen = this.seen.get(key);
    if (seen) {
      this.seen.delete(key);
    } else {
      seen = { runs: 0 };
      if (this.seen.size >= this.options.maxCompiled) this.seen.delete(this.seen.keys().next().value!);
    }
    this.seen.set(key, seen);
    return seen;
  }
}

/**
 * graphql-jit's errors as graphql-js makes them. Apollo and formatError read `extensions` as an
 * object, which graphql-jit leaves undefined when the thrown error has none; the locations are
 * given back as positions in the document's source, so they read the same.
 */
function asGraphQLJsError(error: GraphQLError, document: DocumentNode): GraphQLError {
  const source = document.loc?.source;
  const positions = source && error.locations ? error.locations.map((location) => positionOf(source.body, location)) : undefined;
  return new GraphQLError(error.message, {
    source,
    positions,
    path: error.path,
    originalError: error.originalError ?? undefined,
    extensions: error.extensions,
  });
}

function positionOf(body: string, { line, column }: SourceLocation): number {
  let position = 0;
  for (let current = 1; current < line; current++) position = body.indexOf('\n', position) + 1;
  return position + column - 1;
}

function isIntrospection(operation: OperationDefinitionNode): boolean {
  return operation.selectionSet.selections.some((selection) => selection.kind === 'Field' && (selection.name.value === '__schema' || selection.name.value === '__type'));
}

/** The executor as Apollo takes it: a gateway that loads this schema once and executes with the executor. */
export function executingGateway(schema: GraphQLSchema, executor: OperationExecutor): Gateway {
  return {
    async load() {
      return {
        executor: (request) => executor.run(request.document, request.queryHash, request.operation, request.request.variables, request.context),
      };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => undefined;
    },
    async stop() {},
  };
}
