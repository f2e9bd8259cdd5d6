import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WIDGET_CSS } from './widget-css';

describe('scripts/styles-css.mjs', () => {
  it('writes dist/styles.css with exactly the stylesheet the widget injects', () => {
    const widgetDir = path.resolve(__dirname, '../..');
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'clw-styles-'));
    // Run a copy of the script against this widget's sources but an empty dist folder.
    fs.mkdirSync(path.join(copy, 'scripts'));
    fs.mkdirSync(path.join(copy, 'src/ui'), { recursive: true });
    for (const file of ['scripts/styles-css.mjs', 'scripts/esbuild-options.mjs', 'src/ui/widget-css.ts']) fs.copyFileSync(path.join(widgetDir, file), path.join(copy, file));
    fs.symlinkSync(path.resolve(widgetDir, '../node_modules'), path.join(copy, 'node_modules'));
    try {
      execFileSync(process.execPath, [path.join(copy, 'scripts/styles-css.mjs')], { cwd: copy, stdio: 'pipe' });
      const written = fs.readFileSync(path.join(copy, 'dist/styles.css'), 'utf8');
      expect(written).toBe(`${WIDGET_CSS}\n`);
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });
});
