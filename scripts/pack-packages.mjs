// npm run pack:packages [-- FOLDER]: packs every published package (each one's prepack builds it
// first) into one folder, default artifacts/packages, replacing the tarballs there, and writes
// FOLDER/packed.json: npm's own report (name, version, filename, size, files) per tarball.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const PUBLISHED_PACKAGES = ['@creditlens/usage-math', '@creditlens/client', '@creditlens/cli', '@creditlens/widget'];

const root = path.resolve(import.meta.dirname, '..');
const destination = path.resolve(root, process.argv[2] ?? 'artifacts/packages');
fs.mkdirSync(destination, { recursive: true });
for (const file of fs.readdirSync(destination)) if (file.endsWith('.tgz')) fs.rmSync(path.join(destination, file));

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const workspaces = PUBLISHED_PACKAGES.flatMap((name) => ['--workspace', name]);
// prepack output goes to stderr so that stdout is npm's JSON report alone.
const packed = spawnSync(npm, ['pack', ...workspaces, '--pack-destination', destination, '--json', '--foreground-scripts'], {
  cwd: root,
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'inherit'],
  maxBuffer: 64 * 1024 * 1024,
});
if (packed.status !== 0) {
  process.stderr.write(packed.stdout);
  process.exit(packed.status ?? 1);
}
const report = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('[')));
fs.writeFileSync(path.join(destination, 'packed.json'), `${JSON.stringify(report, null, 2)}\n`);
for (const tarball of report) {
  process.stdout.write(`${path.join(path.relative(root, destination), tarball.filename)}  ${tarball.files.length} files, ${(tarball.size / 1024).toFixed(1)} kB\n`);
}
