import type BetterSqlite3 from 'better-sqlite3';

type Row = Record<string, unknown>;

/**
 * Runs SQL on one better-sqlite3 connection, preparing each text once: the rows of a statement
 * that returns rows, none for one that does not (`run`, which a read-only connection refuses if
 * it writes). With `maxPrepared`, the kept statements are cleared in bulk once there are that
 * many (statements with lists of ids inlined are new texts); without, every text is kept.
 */
export function preparedStatementRunner(db: BetterSqlite3.Database, maxPrepared = Infinity): (sql: string, params: readonly unknown[]) => Row[] {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return (sql, params) => {
    let statement = statements.get(sql);
    if (!statement) {
      if (statements.size >= maxPrepared) statements.clear();
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    if (statement.reader) return statement.all(...params) as Row[];
    statement.run(...params);
    return [];
  };
}
