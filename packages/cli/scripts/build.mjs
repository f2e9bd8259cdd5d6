// Builds the published CLI: src/ bundled into one CommonJS file, dist/creditlens.cjs, with
// @creditlens/client and @creditlens/usage-math left as imports of the installed packages (the
// package depends on them by version range) and Node's own modules as they are.
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const packageDir = path.resolve(import.meta.dirname, '..');
fs.rmSync(path.join(packageDir, 'dist'), { recursive: true, force: true });
await build({
  entryPoints: [path.join(packageDir, 'src/main.ts')],
  outfile: path.join(packageDir, 'dist/creditlens.cjs'),
  // Without the source paths of tsconfig.json: the bundle must import the packages, not their sources.
  tsconfig: path.join(packageDir, 'tsconfig.build.json'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  sourcesContent: true,
  logLevel: 'warning',
});
