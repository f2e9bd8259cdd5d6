import { escapeLiteral } from 'pg';

/**
 * A statement written with `?` placeholders, with its values written into the text as SQL
 * literals: for PostgreSQL's simple query protocol, the one that takes several statements in one
 * message (and so in one round trip) but no parameters. Strings go through pg's own escaping;
 * numbers are written in parentheses, so that a negative one can never meet a minus before it
 * and read as a `--` comment. An array (of such values, not nested) is an `ARRAY[…]` of their
 * literals, an empty one `'{}'`, for the statements that bind a list as one value (`= ANY(CAST(? AS TEXT[]))`).
 * Any other kind of value is refused rather than guessed at.
 */
export function inlineParameters(sql: string, params: readonly unknown[]): string {
  let index = 0;
  const text = sql.replace(/\?/g, () => {
    if (index >= params.length) throw new Error(`inlineParameters: the statement has more placeholders than its ${params.length} values`);
    return literal(params[index++], index - 1);
  });
  if (index !== params.length) throw new Error(`inlineParameters: the statement has ${index} placeholders for ${params.length} values`);
  return text;
}

function literal(value: unknown, position: number): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') return escapeLiteral(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`inlineParameters: value ${position} is ${value}, not a finite number`);
    return `(${value})`;
  }
  if (typeof value === 'bigint') return `(${value})`;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (Array.isArray(value)) {
    if (value.some(Array.isArray)) throw new Error(`inlineParameters: value ${position} is a nested array`);
    return value.length === 0 ? "'{}'" : `ARRAY[${value.map((element) => literal(element, position)).join(', ')}]`;
  }
  throw new Error(`inlineParameters: value ${position} is a ${typeof value}; only strings, numbers, bigints, booleans, null and arrays of them are written as literals`);
}
