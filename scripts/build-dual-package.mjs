// Builds a workspace package as a dual package: CommonJS in dist/cjs, ES modules in dist/esm, each
// with its declarations and a package.json naming its module format, so that Node and TypeScript
// (node16/nodenext) read every file of a folder as the format it was compiled to. Run it in the
// package's folder; it starts from an empty dist so a tarball never carries a stale file.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const packageDir = process.cwd();

fs.rmSync(path.join(packageDir, 'dist'), { recursive: true, force: true });
fs.rmSync(path.join(packageDir, 'tsconfig.build.tsbuildinfo'), { force: true });
for (const [config, folder, type] of [
  ['tsconfig.build.json', 'cjs', 'commonjs'],
  ['tsconfig.build.esm.json', 'esm', 'module'],
]) {
  const run = spawnSync(process.execPath, [tsc, '-p', config], { cwd: packageDir, stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
  fs.writeFileSync(path.join(packageDir, 'dist', folder, 'package.json'), `${JSON.stringify({ type }, null, 2)}\n`);
}
