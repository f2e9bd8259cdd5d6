import { createServices } from '../../app';
import { describeEachDatabase, openScratchDatabase, type ScratchDatabase } from '../../testing/test-databases';

describeEachDatabase('workspaces and campaigns the ledger refers to', (kind) => {
  let scratch: ScratchDatabase;

  beforeAll(async () => {
    scratch = await openScratchDatabase(kind);
    const services = createServices({ production: false, adminApiKey: 'x'.repeat(20), embedSigningKey: 'k'.repeat(32), embedPreviousSigningKeys: [] }, scratch.db);
    await services.catalog.upsertAccount({ id: 'acct_i', name: 'I', timezone: 'UTC' }, new Date());
    await services.catalog.upsertAccount({ id: 'acct_j', name: 'J', timezone: 'UTC' }, new Date());
    await services.catalog.upsertWorkspace({ id: 'w_i', accountId: 'acct_i', name: 'W' });
    await services.catalog.upsertWorkspace({ id: 'w_i2', accountId: 'acct_i', name: 'W2' });
    await services.catalog.upsertCampaign({ id: 'c_i', workspaceId: 'w_i', name: 'C' });
  });
  afterAll(() => scratch.dispose());

  const write = (sql: string) => scratch.db.writeTransaction((tx) => tx.query(sql));
  /**
   * The message a write was refused with, or null. Read off the reason rather than matched with
   * rejects.toThrow: better-sqlite3's native binding keeps the Error class of the first test file
   * that loaded it in this worker, which is not an Error of this file's realm.
   */
  const refusal = (sql: string) => write(sql).then(
    () => null,
    (reason: unknown) => String((reason as { message?: unknown }).message),
  );

  it.each([
    ['deleting a workspace', "DELETE FROM workspaces WHERE workspace_id = 'w_i'"],
    ['deleting a campaign', "DELETE FROM campaigns WHERE campaign_id = 'c_i'"],
    ['moving a workspace to another account', "UPDATE workspaces SET account_id = 'acct_j' WHERE workspace_id = 'w_i'"],
    ['moving a campaign to another workspace', "UPDATE campaigns SET workspace_id = 'w_i2' WHERE campaign_id = 'c_i'"],
    ['changing a campaign id', "UPDATE campaigns SET campaign_id = 'c_other' WHERE campaign_id = 'c_i'"],
  ])('refuses %s, naming why', async (_, sql) => {
    expect(await refusal(sql)).toMatch(/never deleted and never change account, workspace or id/);
  });

  it('still renames and archives', async () => {
    await write("UPDATE workspaces SET name = 'Renamed' WHERE workspace_id = 'w_i'");
    await write("UPDATE campaigns SET name = 'Renamed', archived = TRUE WHERE campaign_id = 'c_i'");
    const rows = await scratch.db.reader.query<{ name: string }>("SELECT name FROM campaigns WHERE campaign_id = 'c_i'");
    expect(rows[0]!.name).toBe('Renamed');
  });
});
