import fs from 'node:fs';
import { isDatabaseUnavailable } from '../errors';
import { openScratchDatabase, type ScratchDatabase } from '../testing/test-databases';

/** A statement that keeps SQLite's writer busy for a while: a recursive count to n, inserted. */
const slowInsert = (id: string, n: number) =>
  `INSERT INTO accounts (account_id, name, timezone, ledger_clock, created_at)
   SELECT '${id}', 'Slow', 'UTC', n, 0 FROM (WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < ${n}) SELECT COUNT(*) AS n FROM c)`;
const insertAccount = (id: string) => `INSERT INTO accounts (account_id, name, timezone, ledger_clock, created_at) VALUES ('${id}', 'Writer', 'UTC', 0, 0)`;

describe("SQLite's writes on the writer's thread", () => {
  let scratch: ScratchDatabase;
  beforeAll(async () => {
    scratch = await openScratchDatabase('sqlite');
  });
  afterAll(() => scratch.dispose());

  const accountIds = async (prefix: string) =>
    (await scratch.db.reader.query<{ account_id: string }>('SELECT account_id FROM accounts WHERE account_id LIKE ? ORDER BY account_id', [`${prefix}%`])).map((row) => row.account_id);

  it('runs a long write while the event loop goes on serving timers', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    try {
      await scratch.db.writeTransaction((tx) => tx.query(slowInsert('acct_slow', 3_000_000)));
    } finally {
      clearInterval(timer);
    }
    // On the main thread the synchronous statement would hold every timer until it ended.
    expect(ticks).toBeGreaterThan(0);
    expect(await scratch.db.reader.query('SELECT ledger_clock FROM accounts WHERE account_id = ?', ['acct_slow'])).toEqual([{ ledger_clock: 3_000_000 }]);
  });

  it('commits every statement of a transaction, those sent together included, and answers each its own rows', async () => {
    const answers = await scratch.db.writeTransaction((tx) =>
      Promise.all([tx.query(insertAccount('acct_w_1')), tx.query(insertAccount('acct_w_2')), tx.query<{ n: number }>("SELECT COUNT(*) AS n FROM accounts WHERE account_id LIKE 'acct_w_%'")]),
    );
    expect(answers[2]).toEqual([{ n: 2 }]);
    expect(await accountIds('acct_w_')).toEqual(['acct_w_1', 'acct_w_2']);
  });

  it("rolls the whole transaction back when a statement fails, with the driver's message and code, and runs the next one", async () => {
    const failed = await scratch.db
      .writeTransaction(async (tx) => {
        await tx.query(insertAccount('acct_rb_1'));
        await tx.query(insertAccount('acct_rb_1'));
      })
      .catch((error: unknown) => error);
    expect(failed).toMatchObject({ message: expect.stringContaining('UNIQUE constraint failed: accounts.account_id'), code: 'SQLITE_CONSTRAINT_PRIMARYKEY' });
    expect(isDatabaseUnavailable(failed)).toBe(false);
    expect(await accountIds('acct_rb_')).toEqual([]);
    await scratch.db.writeTransaction((tx) => tx.query(insertAccount('acct_rb_2')));
    expect(await accountIds('acct_rb_')).toEqual(['acct_rb_2']);
  });

  it('rolls back when the work itself throws between statements', async () => {
    await expect(
      scratch.db.writeTransaction(async (tx) => {
        await tx.query(insertAccount('acct_throw_1'));
        throw new Error('changed its mind');
      }),
    ).rejects.toThrow('changed its mind');
    expect(await accountIds('acct_throw_')).toEqual([]);
  });

  it('runs transactions asked for at once one after another, each seeing the last one committed', async () => {
    const counts = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        scratch.db.writeTransaction(async (tx) => {
          const [before] = await tx.query<{ n: number }>("SELECT COUNT(*) AS n FROM accounts WHERE account_id LIKE 'acct_turn_%'");
          await tx.query(insertAccount(`acct_turn_${i}`));
          return before!.n;
        }),
      ),
    );
    expect(counts).toEqual([0, 1, 2, 3, 4]);
  });

  it("copies committed pages back into the database file on the checkpointer's thread, not at the writer's next thousand pages", async () => {
    const file = scratch.location.kind === 'sqlite' ? scratch.location.file : '';
    const before = fs.statSync(file).size;
    // ~4 MB in one transaction: about 1,000 pages in the WAL, far below the writer's own checkpoint (16,384 pages).
    await scratch.db.writeTransaction((tx) =>
      Promise.all(Array.from({ length: 4 }, (_, i) => tx.query(`INSERT INTO accounts (account_id, name, timezone, ledger_clock, created_at) VALUES ('acct_big_${i}', ?, 'UTC', 0, 0)`, ['x'.repeat(1_000_000)]))),
    );
    const deadline = Date.now() + 5_000;
    while (fs.statSync(file).size < before + 4_000_000 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fs.statSync(file).size).toBeGreaterThanOrEqual(before + 4_000_000);
  });
});
