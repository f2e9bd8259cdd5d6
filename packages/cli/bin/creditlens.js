#!/usr/bin/env node
'use strict';
/*
 * The `creditlens` command runs its TypeScript source directly, so `npx creditlens` works right
 * after `npm install` with no build step: esbuild (a dependency already installed for the repo)
 * bundles src/main.ts in memory — with @creditlens/client and @creditlens/usage-math taken from
 * their sources through the paths in ../tsconfig.json — in about a tenth of a second, and the
 * bundle runs in this process. It type-checks nothing; `npx jest` and `npm run build` do that.
 */
const path = require('node:path');
const Module = require('node:module');
const { buildSync } = require('esbuild');

const root = path.join(__dirname, '..');
const entry = path.join(root, 'src', 'main.ts');
const [bundle] = buildSync({
  entryPoints: [entry],
  tsconfig: path.join(root, 'tsconfig.json'),
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
