import type { Principal } from '../../access';
import { createServices } from '../../app';
import { describeEachDatabase, openScratchDatabase, type ScratchDatabase } from '../../testing/test-databases';
import { AccountAbsoluteCredits1764900000000 } from './1764900000000-account-absolute-credits';

const ADMIN: Principal = { kind: 'admin' };

describeEachDatabase('the account-absolute-credits migration on a ledger that already holds usage', (kind) => {
  let scratch: ScratchDatabase;
  beforeAll(async () => {
    scratch = await openScratchDatabase(kind);
  });
  afterAll(() => scratch.dispose());

  it('sums each account\'s |credits| from its ledger, refunds by their size, and 0 for an account without usage', async () => {
    const services = createServices({ production: false, adminApiKey: 'x'.repeat(20), embedSigningKey: 'k'.repeat(32), embedPreviousSigningKeys: [] }, scratch.db);
    const at = new Date('2026-06-01T00:00:00Z');
    for (const id of ['acct_used', 'acct_empty']) {
      await services.catalog.upsertAccount({ id, name: id, timezone: 'UTC' }, at);
      await services.catalog.upsertWorkspace({ id: `${id}_w`, accountId: id, name: 'W' });
    }
    const credits = [Number.MAX_SAFE_INTEGER - 100, -40, 60];
    await services.recordUsage.record(
      ADMIN,
      credits.map((value, index) => ({ idempotencyKey: `k${index}`, accountId: 'acct_used', workspaceId: 'acct_used_w', kind: 'REPLY' as const, credits: value, occurredAt: at })),
      at,
    );

    // As if the migration met this ledger: no running totals yet.
    const runner = scratch.db.dataSource.createQueryRunner();
    try {
      await new AccountAbsoluteCredits1764900000000().down(runner);
      await new AccountAbsoluteCredits1764900000000().up(runner);
    } finally {
      await runner.release();
    }

    const rows = await scratch.db.reader.query<{ account_id: string; total: string }>('SELECT account_id, CAST(absolute_credits AS TEXT) AS total FROM accounts ORDER BY account_id');
    expect(rows.map((row) => [row.account_id, row.total])).toEqual([
      ['acct_empty', '0'],
      ['acct_used', String(Number.MAX_SAFE_INTEGER)],
    ]);
    // The total read back is what recordUsage keeps: one more credit passes the limit.
    await expect(
      services.recordUsage.record(ADMIN, [{ idempotencyKey: 'one-more', accountId: 'acct_used', workspaceId: 'acct_used_w', kind: 'REPLY', credits: 1, occurredAt: at }], at),
    ).rejects.toThrow(/entries\[0\]\.credits: would take the lifetime sum/);
  });
});
