'use strict';
/*
 * Repository only (not in the package): esbuild bundles src/main.ts in memory — with
 * @creditlens/client and @creditlens/usage-math taken from their sources through the paths in
 * ../tsconfig.json — in about a tenth of a second, and the bundle runs in this process. It
 * type-checks nothing; `npx jest` and `npm run build` do that.
 */
const path = require('node:path');
const Module = require('node:module');
const { buildSync } = require('esbuild');

module.exports = function runFromSource(entry) {
  const [bundle] = buildSync({
    entryPoints: [entry],
    tsconfig: path.join(__dirname, '..', 'tsconfig.json'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    write: false,
    logLevel: 'error',
  }).outputFiles;

  process.setSourceMapsEnabled(true);
  const main = new Module(entry, module);
  main.filename = entry;
  main.paths = Module._nodeModulePaths(path.dirname(entry));
  main._compile(bundle.text, entry);
};
