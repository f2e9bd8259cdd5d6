import type { Dialect } from './database';

/** How a column's values are bound: as text, or as a 64-bit integer (given as a number or a decimal string). */
export type BulkColumnType = 'text' | 'bigint';

/** A column an INSERT writes, with how its values are bound. */
export interface BulkColumn {
  readonly name: string;
  readonly type: BulkColumnType;
}

/** A row source for `INSERT INTO table (columns) <sql>`, with its parameters. */
export interface BulkRows {
  readonly sql: string;
  readonly params: unknown[];
}

/** Rows per multi-row VALUES on SQLite: a few thousand parameters, far below its limit. */
const SQLITE_ROWS_PER_STATEMENT = 500;

/**
 * Many rows for one INSERT. PostgreSQL gets one array per column and unnests them: one statement
 * of a handful of parameters however many rows, where a VALUES list of 500 rows cost more to
 * parse and bind (8,000 parameters) than to execute. SQLite has no arrays: multi-row VALUES in
 * chunks, which its in-process statements run cheaply.
 */
export function bulkRows(dialect: Dialect, types: readonly BulkColumnType[], rows: readonly (readonly unknown[])[]): BulkRows[] {
  if (rows.length === 0) return [];
  if (dialect === 'postgres') {
    const columns = types.map((type) => `CAST(? AS ${type === 'text' ? 'TEXT' : 'BIGINT'}[])`);
    const params = types.map((_, index) => rows.map((row) => row[index]));
    return [{ sql: `SELECT * FROM unnest(${columns.join(', ')})`, params }];
  }
  const tuple = `(${types.map((type) => (type === 'bigint' ? 'CAST(? AS BIGINT)' : '?')).join(', ')})`;
  const chunks: BulkRows[] = [];
  for (let start = 0; start < rows.length; start += SQLITE_ROWS_PER_STATEMENT) {
    const chunk = rows.slice(start, start + SQLITE_ROWS_PER_STATEMENT);
    chunks.push({ sql: `VALUES ${chunk.map(() => tuple).join(', ')}`, params: chunk.flat() });
  }
  return chunks;
}
