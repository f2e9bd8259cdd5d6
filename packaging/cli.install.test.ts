import fs from 'node:fs';
import path from 'node:path';
import { startTestServer, TEST_ADMIN_KEY, type TestServer } from '../server/src/testing/test-server';
import { JUNE_2026, record, upsertCatalog } from '../server/src/testing/operations';
import { npmInstall, run, scratchFolder, tarballOf } from './tarballs';

/** The CLI as a user installs it: its tarball with the client's and the math's, into an empty folder, nothing else. */
describe('the creditlens bin installed from the tarballs', () => {
  const scratch = scratchFolder('creditlens-cli-install-');
  let server: TestServer;
  let bin: string;

  beforeAll(async () => {
    const tarballs = ['@creditlens/cli', '@creditlens/client', '@creditlens/usage-math'].map((name) => {
      const copy = path.join(scratch.folder, path.basename(tarballOf(name)));
      fs.copyFileSync(tarballOf(name), copy);
      return `./${path.basename(copy)}`;
    });
    fs.writeFileSync(path.join(scratch.folder, 'package.json'), JSON.stringify({ name: 'fresh', version: '1.0.0', private: true }));
    await npmInstall(scratch.folder, tarballs);
    bin = path.join(scratch.folder, 'node_modules/.bin/creditlens');

    server = await startTestServer('sqlite');
    await upsertCatalog(server, { accountId: 'acct_tgz', workspaces: [{ id: 'ws_a', name: 'Acme', campaigns: [{ id: 'cmp_1', name: 'Q3 Outbound' }] }, { id: 'ws_b', name: 'Globex' }] });
    const recorded = await record(server, [
      { key: 'k1', accountId: 'acct_tgz', workspaceId: 'ws_a', campaignId: 'cmp_1', credits: 3_000 },
      { key: 'k2', accountId: 'acct_tgz', workspaceId: 'ws_b', credits: 1_000 },
    ]);
    expect(recorded.errors).toBeUndefined();
  });
  afterAll(async () => {
    await server?.stop();
    scratch.remove();
  });

  it('installs our three packages from the tarballs, with no workspace link', () => {
    for (const name of ['cli', 'client', 'usage-math']) {
      const installed = path.join(scratch.folder, 'node_modules/@creditlens', name);
      expect(fs.lstatSync(installed).isSymbolicLink()).toBe(false);
      const sources = (fs.readdirSync(installed, { recursive: true }) as string[]).filter((file) => /\.ts$/.test(file) && !/\.d\.ts$/.test(file));
      expect(sources).toEqual([]);
    }
  });

  it('prints its version', async () => {
    const version = await run(bin, ['--version'], { cwd: scratch.folder });
    expect(version).toEqual({ code: 0, stdout: 'creditlens 0.1.0\n', stderr: '' });
  });

  it('prints the usage of an account against a real server', async () => {
    const usage = await run(bin, ['usage', '--account', 'acct_tgz', '--from', JUNE_2026.from, '--to', JUNE_2026.to, '--expand', 'ws_a'], {
      cwd: scratch.folder,
      env: { CREDITLENS_ENDPOINT: `${server.url}/graphql`, CREDITLENS_TOKEN: TEST_ADMIN_KEY },
    });
    expect(usage).toMatchObject({ code: 0, stderr: '' });
    expect(usage.stdout.split('\n').slice(2, 9)).toEqual([
      // Nothing in the comparison window (the month before): every row is new.
      'Workspace      Credits    Share  Change',
      '---------------------------------------',
      'Acme             3,000   75.0 %     new',
      '  Q3 Outbound    3,000  100.0 %     new',
      'Globex           1,000   25.0 %     new',
      '---------------------------------------',
      'Total            4,000  100.0 %     new',
    ]);
  });
});
