import { execFile } from 'node:child_process';
import path from 'node:path';
import { describeEachDatabase } from '../../../server/src/testing/test-databases';
import { startTestServer, TEST_ADMIN_KEY, type TestServer } from '../../../server/src/testing/test-server';
import { upsertCatalog } from '../../../server/src/testing/operations';

const BIN = path.resolve(__dirname, '../bin/creditlens.js');

function creditlens(server: TestServer, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { PATH: process.env.PATH, CREDITLENS_ENDPOINT: `${server.url}/graphql`, CREDITLENS_TOKEN: TEST_ADMIN_KEY };
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

describeEachDatabase('creditlens budgets', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
    await upsertCatalog(server, { accountId: 'acct_cli', workspaces: [{ id: 'ws_1', name: 'Acme', campaigns: [{ id: 'cmp_1', name: 'Launch' }] }] });
  });
  afterAll(() => server.stop());

  it('sets, lists and deletes budgets', async () => {
    const set = await creditlens(server, ['budgets', 'set', '--account', 'acct_cli', '--campaign', 'cmp_1', '--credits', '12000', '--thresholds', '75, 100', '--json']);
    expect(set.code).toBe(0);
    const budget = JSON.parse(set.stdout);
    expect(budget).toMatchObject({ campaign: { id: 'cmp_1' }, workspace: { id: 'ws_1' }, creditsPerPeriod: 12000, thresholds: [75, 100] });
    expect((await creditlens(server, ['budgets', 'set', '--account', 'acct_cli', '--credits', '50000'])).code).toBe(0);

    const list = await creditlens(server, ['budgets', 'list', '--account', 'acct_cli']);
    expect(list.code).toBe(0);
    const lines = list.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+SCOPE\s+CREDITS\/PERIOD\s+THRESHOLDS$/);
    expect(lines[1]).toMatch(/^bud_\w+\s+account\s+50,000\s+50 %, 80 %, 100 %$/);
    expect(lines[2]).toMatch(new RegExp(`^${budget.id}\\s+campaign Launch \\(cmp_1\\) in ws_1\\s+12,000\\s+75 %, 100 %$`));

    expect(await creditlens(server, ['budgets', 'delete', budget.id])).toMatchObject({ code: 0, stdout: `Deleted budget ${budget.id}.\n` });
    expect(await creditlens(server, ['budgets', 'delete', budget.id])).toMatchObject({ code: 1, stderr: expect.stringMatching(/does not exist/) });
  });

  it('reports bad input from the server with its field, and wrong use of the command with exit code 2', async () => {
    const bad = await creditlens(server, ['budgets', 'set', '--account', 'acct_cli', '--workspace', 'ws_nowhere', '--credits', '10']);
    expect(bad).toMatchObject({ code: 1, stderr: expect.stringContaining('BAD_USER_INPUT: input.workspaceId: unknown workspace "ws_nowhere"') });
    const noCredits = await creditlens(server, ['budgets', 'set', '--account', 'acct_cli']);
    expect(noCredits).toMatchObject({ code: 2, stderr: expect.stringContaining('needs --credits N') });
    const wrongThresholds = await creditlens(server, ['budgets', 'set', '--account', 'acct_cli', '--credits', '5', '--thresholds', '50;80']);
    expect(wrongThresholds).toMatchObject({ code: 2, stderr: expect.stringContaining('--thresholds: expected whole percents') });
    expect(await creditlens(server, ['budgets', 'raise'])).toMatchObject({ code: 2, stderr: expect.stringContaining('expected set, list or delete') });
  });
});
