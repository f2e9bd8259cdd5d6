import type { RequestHandler } from 'express';
import { GraphQLError, Lexer, Source, TokenKind } from 'graphql';
import { ErrorCode, errorResponseBody } from '../errors';

export interface DocumentLimits {
  /** Lexical tokens of the query text (names, punctuation, values; comments not counted), as graphql-js's `maxTokens` counts them. */
  readonly maxTokens: number;
  /** Brackets ({, [ and () open at once in the query text, and levels of the JSON variables. */
  readonly maxNesting: number;
}

/**
 * Bounds on the query text, checked on its tokens before the parser runs, so that every later
 * synchronous step — parsing, graphql-js's validation rules (some of which recurse, or compare
 * the fields of a selection set pairwise), the cost measure, the input walks — works on a
 * document of bounded size and nesting (docs/api.md, "Limits", has the figures).
 * - 3,000 tokens: the full introspection query of the explorer is 184, the widget's and the
 *   client's operations 25–70, and 30 root fields (the root-field limit) each selecting a
 *   usage page still fit in ~2,100. A 5,000-fragment chain (40,000 tokens) is refused here
 *   instead of recursing through validation.
 * - nesting 32: the deepest query the limits let through nests 17 brackets (introspection
 *   depth 16), and the deepest input of the schema nests 3 levels (`entries[0].credits`);
 *   graphql-js's recursive parser overflows the stack past ~1,500 nested object literals.
 */
export const DEFAULT_DOCUMENT_LIMITS: DocumentLimits = { maxTokens: 3_000, maxNesting: 32 };

export interface DocumentLimitViolation {
  readonly limit: 'tokens' | 'nesting';
  readonly message: string;
  /** Where the limit was passed, 1-based. */
  readonly line: number;
  readonly column: number;
}

const OPENING = new Set<string>([TokenKind.BRACE_L, TokenKind.BRACKET_L, TokenKind.PAREN_L]);
const CLOSING = new Set<string>([TokenKind.BRACE_R, TokenKind.BRACKET_R, TokenKind.PAREN_R]);

/** The first document limit the query text breaks, read from at most `maxTokens + 1` of its tokens; null when it keeps them. */
export function documentLimitViolation(query: string, limits: DocumentLimits): DocumentLimitViolation | null {
  const lexer = new Lexer(new Source(query));
  let tokens = 0;
  let nesting = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      tokens += 1;
      if (OPENING.has(token.kind)) nesting += 1;
      else if (CLOSING.has(token.kind)) nesting -= 1;
      const where = { line: token.line, column: token.column };
      if (tokens > limits.maxTokens) {
        return { limit: 'tokens', message: `the query has more than ${limits.maxTokens.toLocaleString('en-US')} tokens (names, punctuation and values), the most one request may hold: split it into several requests`, ...where };
      }
      if (nesting > limits.maxNesting) {
        return { limit: 'nesting', message: `the query opens more than ${limits.maxNesting} brackets ({, [ or () inside each other at line ${token.line}, column ${token.column}; at most ${limits.maxNesting} are allowed`, ...where };
      }
    }
  } catch (error) {
    // A lexical error within the limits: the parser meets it too and reports it with its place.
    if (error instanceof GraphQLError) return null;
    throw error;
  }
  return null;
}

/**
 * Refuses a query text over the document limits with 400 BAD_USER_INPUT (`extensions.limit`)
 * before Apollo parses it. Runs after the JSON body parser; a GET carries its query in the URL.
 */
export function documentLimits(limits: DocumentLimits = DEFAULT_DOCUMENT_LIMITS): RequestHandler {
  return (req, res, next) => {
    const query: unknown = req.method === 'GET' ? req.query.query : (req.body as { query?: unknown } | undefined)?.query;
    const violation = typeof query === 'string' ? documentLimitViolation(query, limits) : null;
    if (!violation) return next();
    res.status(400).json(errorResponseBody(ErrorCode.BAD_USER_INPUT, violation.message, { limit: violation.limit, locations: [{ line: violation.line, column: violation.column }] }));
  };
}
