import { createServices } from '../app';
import type { Principal } from '../access';
import { openScratchDatabase, databaseKinds, type ScratchDatabase } from '../testing/test-databases';
import { ROLLUP_TABLES } from '../usage';
import { TENANT_ROLE } from './database';

const ADMIN: Principal = { kind: 'admin' };
const TABLES = ['accounts', 'workspaces', 'campaigns', 'usage_entries', ...ROLLUP_TABLES.map((table) => table.name), 'budgets', 'budget_crossings'];

const describePostgres = databaseKinds().includes('postgres') ? describe : describe.skip;

describePostgres('row-level security on PostgreSQL', () => {
  let scratch: ScratchDatabase;

  beforeAll(async () => {
    scratch = await openScratchDatabase('postgres');
    const services = createServices({ production: false, adminApiKey: 'x'.repeat(20), embedSigningKey: 'k'.repeat(32), embedPreviousSigningKeys: [] }, scratch.db);
    for (const account of ['acct_a', 'acct_b']) {
      await services.catalog.upsertAccount({ id: account, name: account, timezone: 'UTC' }, new Date());
      await services.catalog.upsertWorkspace({ id: `${account}_ws`, accountId: account, name: 'ws' });
      await services.catalog.upsertCampaign({ id: `${account}_c`, workspaceId: `${account}_ws`, name: 'c' });
      await services.budgets.set(ADMIN, { accountId: account, creditsPerPeriod: 5, thresholds: [100] }, new Date());
      await services.recordUsage.record(
        ADMIN,
        [{ idempotencyKey: 'k1', accountId: account, workspaceId: `${account}_ws`, campaignId: `${account}_c`, kind: 'REPLY' as const, credits: 5, occurredAt: new Date('2026-06-01T10:00:00Z') }],
        new Date(),
      );
    }
  });
  afterAll(() => scratch.dispose());

  it('runs the suite connected as a role that bypasses policies (so the wall below is not a given)', async () => {
    const [role] = await scratch.db.reader.query<{ rolsuper: boolean }>('SELECT rolsuper FROM pg_roles WHERE rolname = current_user');
    expect(role!.rolsuper).toBe(true);
    const everything = await scratch.db.reader.query<{ account_id: string }>('SELECT DISTINCT account_id FROM usage_entries ORDER BY account_id');
    expect(everything.map((row) => row.account_id)).toEqual(['acct_a', 'acct_b']);
  });

  it.each(TABLES)('shows a tenant read with no account_id filter only its own rows of %s', async (table) => {
    const rows = await scratch.db.tenantReader('acct_a').query<{ account_id: string }>(`SELECT DISTINCT account_id FROM ${table}`);
    expect(rows.map((row) => row.account_id)).toEqual(['acct_a']);
  });

  it('shows a tenant read for an account that does not exist nothing at all', async () => {
    expect(await scratch.db.tenantReader('acct_nowhere').query('SELECT * FROM usage_entries')).toEqual([]);
  });

  it(`runs tenant reads as ${TENANT_ROLE}, read-only`, async () => {
    const [who] = await scratch.db.tenantReader('acct_a').query<{ current_user: string }>('SELECT current_user');
    expect(who!.current_user).toBe(TENANT_ROLE);
    await expect(scratch.db.tenantReader('acct_a').query("DELETE FROM api_keys WHERE account_id = 'acct_b'")).rejects.toThrow(/read-only/);
  });

  it('reads every value back exactly as given, though the wall sends them written into the text', async () => {
    const nasty = "o'clock \\'; SELECT 1; -- ? $1";
    const [row] = await scratch.db.tenantReader('acct_a').query<{ text: string; negative: string; big: string; nothing: null }>(
      'SELECT CAST(? AS TEXT) AS text, 0 -? AS negative, CAST(? AS BIGINT) AS big, ? AS nothing',
      [nasty, -5, 1793491200000, null],
    );
    expect(row).toEqual({ text: nasty, negative: 5, big: '1793491200000', nothing: null });
  });

  it('leaves the connection usable after a statement fails inside the wall', async () => {
    await expect(scratch.db.tenantReader('acct_a').query('SELECT 1 / (COUNT(*) - COUNT(*)) FROM usage_entries')).rejects.toThrow(/division by zero/);
    for (let i = 0; i < 12; i++) {
      const rows = await scratch.db.tenantReader('acct_b').query<{ account_id: string }>('SELECT DISTINCT account_id FROM usage_entries');
      expect(rows.map((row) => row.account_id)).toEqual(['acct_b']);
    }
    const [who] = await scratch.db.reader.query<{ current_user: string }>('SELECT current_user');
    expect(who!.current_user).not.toBe(TENANT_ROLE);
  });
});
