import BetterSqlite3 from 'better-sqlite3';
import { preparedStatementRunner } from './sqlite-statements';

describe('prepared statements on one SQLite connection', () => {
  let db: BetterSqlite3.Database;
  let prepared: string[];

  beforeEach(() => {
    db = new BetterSqlite3(':memory:');
    db.exec('CREATE TABLE t (k TEXT PRIMARY KEY, n INTEGER)');
    prepared = [];
    const prepare = db.prepare.bind(db);
    db.prepare = ((sql: string) => {
      prepared.push(sql);
      return prepare(sql);
    }) as typeof db.prepare;
  });
  afterEach(() => db.close());

  it('answers the rows of a query and nothing for a statement that returns none', () => {
    const run = preparedStatementRunner(db);
    expect(run('INSERT INTO t (k, n) VALUES (?, ?)', ['a', 1])).toEqual([]);
    expect(run('SELECT k, n FROM t WHERE n >= ?', [1])).toEqual([{ k: 'a', n: 1 }]);
  });

  it('prepares each text once, however often it runs', () => {
    const run = preparedStatementRunner(db);
    for (let i = 0; i < 5; i++) run('INSERT INTO t (k, n) VALUES (?, ?)', [`k${i}`, i]);
    run('SELECT count(*) AS n FROM t', []);
    run('SELECT count(*) AS n FROM t', []);
    expect(prepared).toEqual(['INSERT INTO t (k, n) VALUES (?, ?)', 'SELECT count(*) AS n FROM t']);
  });

  it('clears the kept statements in bulk once there are as many as its limit', () => {
    const run = preparedStatementRunner(db, 2);
    for (const sql of ['SELECT 1', 'SELECT 2', 'SELECT 3', 'SELECT 1', 'SELECT 3']) run(sql, []);
    // SELECT 3 found two kept and cleared them; SELECT 1 is then prepared again, SELECT 3 not.
    expect(prepared).toEqual(['SELECT 1', 'SELECT 2', 'SELECT 3', 'SELECT 1']);
  });

  it('keeps every text when it has no limit', () => {
    const run = preparedStatementRunner(db);
    for (let i = 0; i < 600; i++) run(`SELECT ${i}`, []);
    run('SELECT 0', []);
    expect(prepared).toHaveLength(600);
  });
});
