import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, visit } from 'graphql';
import { ErrorCode } from '../graphql/error-mapping';

const NUL = '\u0000';

/**
 * Refuses any string argument or variable that contains U+0000 before execution. No text of
 * the contract may hold it, and PostgreSQL cannot store or even compare it (the query would
 * fail with an internal error); answering BAD_USER_INPUT here keeps both databases alike.
 */
export function refuseNulCharacters(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const inVariable = pathOfNul(request.variables ?? {}, '');
          let inLiteral = false;
          visit(document, {
            [Kind.STRING]: (node) => {
              if (node.value.includes(NUL)) inLiteral = true;
            },
          });
          const where = inVariable ?? (inLiteral ? 'a string in the query' : null);
          if (where !== null) {
            throw new GraphQLError(`${where}: contains the NUL character (U+0000), which no text accepts`, {
              extensions: { code: ErrorCode.BAD_USER_INPUT, field: where, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}

/** Where in a JSON value the first string with U+0000 sits (e.g. `entries[0].idempotencyKey`), or null. */
export function pathOfNul(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes(NUL) ? path || 'value' : null;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = pathOfNul(item, `${path}[${index}]`);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes(NUL)) return path ? `${path}.${key}` : key;
      const found = pathOfNul(item, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return null;
}
