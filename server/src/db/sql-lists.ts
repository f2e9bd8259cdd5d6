/** Lists of values in SQL: `IN (?, ?, …)` placeholders, read in chunks that every dialect accepts. */

/** SQLite caps bound parameters per statement; lists of ids are read in chunks of this size. */
export const ID_CHUNK = 500;

/** `?, ?, …` for `count` values. */
export function placeholdersFor(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}

/** `read` once per chunk of at most ID_CHUNK values, the results concatenated in order. */
export async function readInChunks<V, T>(values: readonly V[], read: (chunk: V[]) => Promise<readonly T[]>): Promise<T[]> {
  const results: T[] = [];
  for (let start = 0; start < values.length; start += ID_CHUNK) results.push(...(await read(values.slice(start, start + ID_CHUNK))));
  return results;
}
