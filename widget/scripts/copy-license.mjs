// npm packs a LICENSE from the package's own folder only; the repository keeps one, at its root.
import fs from 'node:fs';
import path from 'node:path';
import { widgetDir } from './esbuild-options.mjs';

fs.copyFileSync(path.join(widgetDir, '../LICENSE'), path.join(widgetDir, 'LICENSE'));
