// prepack helper: copies files kept once at the repository root (LICENSE, schema.graphql) into the
// package folder it runs in, so the tarball carries them. The copies are git-ignored.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
for (const file of process.argv.slice(2)) fs.copyFileSync(path.join(root, file), path.join(process.cwd(), path.basename(file)));
