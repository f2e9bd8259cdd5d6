import { ROLLUP_TABLES } from '../../usage';
import { databaseKinds, openScratchDatabase, type ScratchDatabase } from '../../testing/test-databases';

const onPostgres = databaseKinds().includes('postgres') ? describe : describe.skip;

onPostgres('the rollup-fillfactor migration (postgres)', () => {
  let scratch: ScratchDatabase;
  beforeAll(async () => {
    scratch = await openScratchDatabase('postgres');
  });
  afterAll(() => scratch.dispose());

  it('leaves room on the pages of every rollup table, most on the small ones updated by nearly every batch', async () => {
    const rows = await scratch.db.reader.query<{ relname: string; reloptions: string[] | null }>(
      `SELECT relname, reloptions FROM pg_class WHERE relname = ANY(CAST(? AS TEXT[]))`,
      [ROLLUP_TABLES.map((table) => table.name)],
    );
    const fillfactor = Object.fromEntries(rows.map((row) => [row.relname, Number((row.reloptions ?? []).find((option) => option.startsWith('fillfactor='))?.slice('fillfactor='.length) ?? 100)]));
    expect(Object.keys(fillfactor).sort()).toEqual(ROLLUP_TABLES.map((table) => table.name).sort());
    for (const table of ROLLUP_TABLES) expect(fillfactor[table.name]).toBeLessThan(100);
    expect(fillfactor.usage_kind_hours).toBeLessThan(fillfactor.usage_campaign_hours!);
    expect(fillfactor.usage_workspace_totals_months).toBeLessThan(fillfactor.usage_campaign_hours!);
  });
});
