import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import serverGlobalSetup from '../server/src/testing/global-setup';
import { REPO_ROOT, TARBALLS_ENV } from './tarballs';

/**
 * Once per test run: the PostgreSQL check of the server's tests, then `npm run pack:packages` into
 * a folder of this run (every package's prepack builds it first, as `npm publish` would). The
 * tests install these tarballs; they never pack again.
 */
export default async function globalSetup(): Promise<void> {
  await serverGlobalSetup();
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'creditlens-tarballs-'));
  const pack = spawnSync('npm', ['run', '--silent', 'pack:packages', '--', folder], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (pack.status !== 0) throw new Error(`npm run pack:packages failed:\n${pack.stdout}${pack.stderr}`);
  process.env[TARBALLS_ENV] = folder;
}
