import { bulkRows } from './bulk-rows';

describe('bulk rows for one INSERT', () => {
  const rows = Array.from({ length: 1201 }, (_, i) => [`k${i}`, i % 2 ? null : `c${i}`, String(2n ** 62n + BigInt(i))]);

  it('gives PostgreSQL one unnest of one array per column, however many rows', () => {
    const [only, ...rest] = bulkRows('postgres', ['text', 'text', 'bigint'], rows);
    expect(rest).toEqual([]);
    expect(only!.sql).toBe('SELECT * FROM unnest(CAST(? AS TEXT[]), CAST(? AS TEXT[]), CAST(? AS BIGINT[]))');
    expect(only!.params).toEqual([rows.map((row) => row[0]), rows.map((row) => row[1]), rows.map((row) => row[2])]);
  });

  it('gives SQLite multi-row VALUES of at most 500 rows, bigints cast, the rows in order', () => {
    const chunks = bulkRows('sqlite', ['text', 'text', 'bigint'], rows);
    expect(chunks.map((chunk) => chunk.params.length / 3)).toEqual([500, 500, 201]);
    expect(chunks[2]!.sql).toBe(`VALUES ${Array.from({ length: 201 }, () => '(?, ?, CAST(? AS BIGINT))').join(', ')}`);
    expect(chunks.flatMap((chunk) => chunk.params)).toEqual(rows.flat());
  });

  it('gives nothing to insert for no rows', () => {
    expect(bulkRows('postgres', ['text'], [])).toEqual([]);
    expect(bulkRows('sqlite', ['text'], [])).toEqual([]);
  });
});
