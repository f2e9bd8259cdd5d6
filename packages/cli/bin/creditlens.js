#!/usr/bin/env node
'use strict';
/*
 * The `creditlens` command. Installed from the package, it runs the built bundle
 * (dist/creditlens.cjs). In the repository, where src/ sits beside it, it runs the TypeScript
 * sources through esbuild (run-from-source.js), so `npx creditlens` needs no build step there.
 */
const fs = require('node:fs');
const path = require('node:path');

const source = path.join(__dirname, '..', 'src', 'main.ts');
if (fs.existsSync(source)) require('./run-from-source.js')(source);
else require('../dist/creditlens.cjs');
