import type { Principal } from '../../access';
import { createServices } from '../../app';
import { describeEachDatabase, openScratchDatabase, type ScratchDatabase } from '../../testing/test-databases';
import { RollupMaintenance } from '../../usage';
import { MonthRollups1764500000000 } from './1764500000000-month-rollups';

const ADMIN: Principal = { kind: 'admin' };
const MONTH_TABLES = ['usage_workspace_totals_months', 'usage_kind_months', 'usage_campaign_months'];

describeEachDatabase('the month-rollups migration on a ledger that already holds usage', (kind) => {
  let scratch: ScratchDatabase;

  beforeAll(async () => {
    scratch = await openScratchDatabase(kind);
  });
  afterAll(() => scratch.dispose());

  it('fills the month rollups from the day rollups so that they agree with the ledger', async () => {
    const services = createServices({ production: false, adminApiKey: 'x'.repeat(20), embedSigningKey: 'k'.repeat(32), embedPreviousSigningKeys: [] }, scratch.db);
    await services.catalog.upsertAccount({ id: 'acct_m', name: 'M', timezone: 'UTC' }, new Date('2026-06-01T00:00:00Z'));
    await services.catalog.upsertWorkspace({ id: 'w', accountId: 'acct_m', name: 'W' });
    await services.catalog.upsertCampaign({ id: 'c', workspaceId: 'w', name: 'C' });
    // Around month ends (the last and first millisecond), across a year end and before 1970.
    const instants = ['1969-12-31T23:59:59.999Z', '1970-01-01T00:00:00.000Z', '2025-12-31T23:59:59.999Z', '2026-01-01T00:00:00.000Z', '2026-02-28T12:00:00.000Z', '2026-03-01T00:00:00.000Z'];
    await services.recordUsage.record(
      ADMIN,
      instants.map((at, index) => ({ idempotencyKey: `m${index}`, accountId: 'acct_m', workspaceId: 'w', campaignId: index % 2 ? 'c' : null, kind: 'REPLY', credits: 10 + index, occurredAt: new Date(at) })),
      new Date('2026-06-01T00:00:00Z'),
    );

    // As if the migration met this ledger: no month rollups yet.
    const runner = scratch.db.dataSource.createQueryRunner();
    try {
      for (const table of MONTH_TABLES) await runner.query(`DROP TABLE ${table}`);
      await new MonthRollups1764500000000().up(runner);
    } finally {
      await runner.release();
    }

    const rows = await scratch.db.reader.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM usage_campaign_months');
    expect(Number(rows[0]!.n)).toBe(instants.length); // each instant in a month of its own
    expect(await new RollupMaintenance(scratch.db).check('acct_m')).toEqual([]);
  });
});
