// Writes dist/styles.css: the widget's stylesheet (src/ui/widget-css.ts, the same text the widget
// injects) for hosts under `style-src 'self'`, which link `@creditlens/widget/styles.css` and pass
// `injectStyles={false}`. Run after the library build: `node scripts/styles-css.mjs`.
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { widgetDir } from './esbuild-options.mjs';

const result = await build({
  entryPoints: [path.join(widgetDir, 'src/ui/widget-css.ts')],
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'neutral',
  logLevel: 'warning',
});
const { WIDGET_CSS } = await import(`data:text/javascript;base64,${Buffer.from(result.outputFiles[0].text).toString('base64')}`);
const outfile = path.join(widgetDir, 'dist/styles.css');
fs.mkdirSync(path.dirname(outfile), { recursive: true });
// Exactly the injected text, so a host can check one against the other.
fs.writeFileSync(outfile, `${WIDGET_CSS}\n`);
console.log(`wrote ${path.relative(process.cwd(), outfile)} (${fs.statSync(outfile).size} bytes)`);
