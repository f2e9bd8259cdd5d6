import type { ApolloServerPlugin } from '@apollo/server';
import { BREAK, GraphQLError, Kind, visit, type DocumentNode, type ValueNode } from 'graphql';
import { ErrorCode } from '../errors';

/** What is wrong with one place of the input, and where (`entries[3].idempotencyKey`). */
export interface InputProblem {
  readonly path: string;
  readonly message: string;
  /** Set when the input broke a limit rather than held bad text. */
  readonly limit?: 'nesting';
}

/**
 * Text no field accepts. U+0000: PostgreSQL can neither store nor compare it. A lone UTF-16
 * surrogate is no Unicode text at all: PostgreSQL would store U+FFFD in its place (so a resent
 * batch no longer matches what was stored, and `k-\ufffd` would count as its duplicate) and
 * SQLite fails the write. Refusing both here keeps the two databases alike.
 */
const UNSTORABLE = /\u0000|\p{Surrogate}/u;

function textProblem(text: string): string | null {
  const found = UNSTORABLE.exec(text);
  if (!found) return null;
  if (found[0] === '\u0000') return 'contains the NUL character (U+0000), which no text accepts';
  const unit = found[0].charCodeAt(0).toString(16).toUpperCase();
  return `contains an unpaired UTF-16 surrogate (U+${unit}) at index ${found.index}, which is not Unicode text: send well-formed UTF-16 (or UTF-8 JSON)`;
}

/**
 * The first problem of a tree of input in document order, walked with an explicit stack (input
 * may nest 100,000 deep: no recursion): a text that holds unstorable characters (keys included),
 * or a value deeper than `maxNesting` levels below the root.
 */
function firstProblem<T>(
  root: T,
  rootPath: string,
  rootDepth: number,
  maxNesting: number,
  textOf: (node: T) => string | null,
  childrenOf: (node: T) => ReadonlyArray<readonly [key: string | number, child: T]> | null,
): InputProblem | null {
  const stack: Array<{ node: T; path: string; depth: number; key?: string | number }> = [{ node: root, path: rootPath, depth: rootDepth }];
  for (let step = stack.pop(); step; step = stack.pop()) {
    const { node, path, depth, key } = step;
    const keyProblem = typeof key === 'string' ? textProblem(key) : null;
    if (keyProblem) return { path, message: `its name ${keyProblem}` };
    if (depth > maxNesting) {
      return { path, message: `nests deeper than ${maxNesting} levels, the most any input may (the deepest input of the schema nests 3)`, limit: 'nesting' };
    }
    const text = textOf(node);
    const problem = text === null ? null : textProblem(text);
    if (problem) return { path: path || 'value', message: problem };
    const children = childrenOf(node) ?? [];
    for (let i = children.length - 1; i >= 0; i -= 1) {
      const [childKey, child] = children[i]!;
      const childPath = typeof childKey === 'number' ? `${path}[${childKey}]` : path ? `${path}.${childKey}` : childKey;
      stack.push({ node: child, path: childPath, depth: depth + 1, key: childKey });
    }
  }
  return null;
}

/** The first problem in JSON input (the request's variables: `path` '' and depth 0 at the variables object). */
export function firstInputProblem(value: unknown, maxNesting: number, path = ''): InputProblem | null {
  return firstProblem<unknown>(
    value,
    path,
    0,
    maxNesting,
    (node) => (typeof node === 'string' ? node : null),
    (node) => (Array.isArray(node) ? node.map((item, index) => [index, item] as const) : node && typeof node === 'object' ? Object.entries(node) : null),
  );
}

/** The first problem in a literal value of the query, `path` naming its argument (an argument sits at depth 1, as a variable does). */
function firstLiteralProblem(value: ValueNode, path: string, maxNesting: number): InputProblem | null {
  return firstProblem<ValueNode>(
    value,
    path,
    1,
    maxNesting,
    (node) => (node.kind === Kind.STRING ? node.value : null),
    (node) =>
      node.kind === Kind.LIST ? node.values.map((item, index) => [index, item] as const) : node.kind === Kind.OBJECT ? node.fields.map((field) => [field.name.value, field.value] as const) : null,
  );
}

/** The first problem in the query's literals: arguments (named by argument) and variable defaults (named `$variable`). */
export function firstDocumentProblem(document: DocumentNode, maxNesting: number): InputProblem | null {
  let found: InputProblem | null = null;
  visit(document, {
    Argument(node) {
      found = firstLiteralProblem(node.value, node.name.value, maxNesting);
      return found ? BREAK : false;
    },
    VariableDefinition(node) {
      found = node.defaultValue ? firstLiteralProblem(node.defaultValue, `$${node.variable.name.value}`, maxNesting) : null;
      return found ? BREAK : undefined;
    },
  });
  return found;
}

/**
 * Refuses, before execution, any variable or literal that holds text no field accepts (see
 * UNSTORABLE) or nests deeper than `maxNesting`: 400 BAD_USER_INPUT naming the place.
 */
export function refuseUnstorableInput(maxNesting: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const problem = firstInputProblem(request.variables ?? {}, maxNesting) ?? firstDocumentProblem(document, maxNesting);
          if (problem) {
            throw new GraphQLError(`${problem.path}: ${problem.message}`, {
              extensions: { code: ErrorCode.BAD_USER_INPUT, field: problem.path, ...(problem.limit ? { limit: problem.limit } : {}), http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
