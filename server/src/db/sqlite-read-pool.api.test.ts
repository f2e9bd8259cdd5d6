import { isDatabaseUnavailable } from '../errors';
import { openScratchDatabase, type ScratchDatabase } from '../testing/test-databases';

/** A read that keeps SQLite busy for a while: a recursive count to n. */
const slowCount = (n: number) => `WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < ${n}) SELECT COUNT(*) AS n FROM c`;

describe('SQLite reads on the read workers', () => {
  let scratch: ScratchDatabase;
  beforeAll(async () => {
    scratch = await openScratchDatabase('sqlite');
  });
  afterAll(() => scratch.dispose());

  it('runs a long read while the event loop goes on serving timers', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    try {
      const [row] = await scratch.db.reader.query<{ n: number }>(slowCount(3_000_000));
      expect(row!.n).toBe(3_000_000);
    } finally {
      clearInterval(timer);
    }
    // On the main thread a synchronous statement would hold every timer until it ended.
    expect(ticks).toBeGreaterThan(0);
  });

  it('answers a read it knows to be short on the main thread, without queueing it behind long reads on busy workers', async () => {
    for (let i = 0; i < 5; i++) await scratch.db.reader.query('SELECT 2 AS two');
    const order: string[] = [];
    const long = Array.from({ length: 4 }, (_, i) => scratch.db.reader.query(slowCount(1_000_000 + i)).then(() => order.push('long')));
    const short = scratch.db.reader.query<{ two: number }>('SELECT 2 AS two').then((rows) => order.push(`short ${rows[0]!.two}`));
    await Promise.all([...long, short]);
    expect(order[0]).toBe('short 2');
    expect(order.filter((what) => what === 'long')).toHaveLength(4);
  });

  it('sees a write as soon as its transaction has committed', async () => {
    await scratch.db.writeTransaction((tx) => tx.query("INSERT INTO accounts (account_id, name, timezone, ledger_clock, created_at) VALUES ('acct_pool', 'Pool', 'UTC', 0, 0)"));
    const rows = await scratch.db.reader.query<{ name: string }>('SELECT name FROM accounts WHERE account_id = ?', ['acct_pool']);
    expect(rows).toEqual([{ name: 'Pool' }]);
  });

  it('answers the reads of one moment in the order they are asked, whichever worker runs them', async () => {
    const reads = Array.from({ length: 20 }, (_, i) => scratch.db.reader.query<{ v: number }>('SELECT ? AS v', [i]));
    expect((await Promise.all(reads)).map((rows) => rows[0]!.v)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it("rejects a failing read with the driver's message and code, and goes on reading", async () => {
    await expect(scratch.db.reader.query('SELECT * FROM no_such_table')).rejects.toMatchObject({ message: expect.stringContaining('no such table: no_such_table'), code: 'SQLITE_ERROR' });
    const failed = await scratch.db.reader.query('SELECT * FROM no_such_table').catch((error: unknown) => error);
    expect(isDatabaseUnavailable(failed)).toBe(false);
    expect(await scratch.db.reader.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('refuses a write slipped into a read: the read connections are read-only', async () => {
    await expect(scratch.db.reader.query("WITH x AS (SELECT 1) INSERT INTO accounts (account_id, name, timezone, ledger_clock, created_at) SELECT 'acct_sneaky', 'x', 'UTC', 0, 0 FROM x")).rejects.toMatchObject({
      message: expect.stringContaining('readonly'),
    });
    expect(await scratch.db.reader.query("SELECT account_id FROM accounts WHERE account_id = 'acct_sneaky'")).toEqual([]);
  });

  it('rejects reads once the database is closed', async () => {
    const other = await openScratchDatabase('sqlite');
    await other.db.close();
    await expect(other.db.reader.query('SELECT 1')).rejects.toThrow('the database is closed');
    await other.dispose().catch(() => undefined);
  });
});
