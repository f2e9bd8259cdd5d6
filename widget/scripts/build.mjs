// Builds what the package ships, into dist/:
// - index.js (+ map): ESM, peers external, "use client" first (see esbuild-options.mjs);
// - index.d.ts: every public declaration in one file. tsc's own declarations are one file per
//   module with extensionless relative imports, which `moduleResolution: node16`/`nodenext` hosts
//   cannot follow (the component silently became `any` there); one file has no relative import
//   at all, and inlines the few types it uses from our private workspace packages;
// - styles.css: WIDGET_CSS as a file, for hosts that link the stylesheet themselves;
// and dist/demo/demo.js: the demo Billing → Usage page with React and Apollo Client bundled in,
// which the server serves at GET / so the page needs nothing from outside the machine (not packed).
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateDtsBundle } from 'dts-bundle-generator';
import { build } from 'esbuild';
import { libraryOptions, widgetDir } from './esbuild-options.mjs';

const dist = path.join(widgetDir, 'dist');
fs.mkdirSync(dist, { recursive: true });

// Type-checks the source too: a type error stops the build here.
const [declarations] = generateDtsBundle(
  [{ filePath: path.join(widgetDir, 'src/index.ts'), output: { noBanner: true, exportReferencedTypes: false } }],
  { preferredConfigPath: path.join(widgetDir, 'tsconfig.build.json') },
);
fs.writeFileSync(path.join(dist, 'index.d.ts'), declarations);

await build({ ...libraryOptions, outfile: path.join(dist, 'index.js'), sourcemap: true });

await writeStylesheet();

await build({
  entryPoints: [path.join(widgetDir, 'demo/main.tsx')],
  outfile: path.join(dist, 'demo/demo.js'),
  bundle: true,
  minify: true,
  sourcemap: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2020',
  jsx: 'automatic',
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
});

// Files are replaced in place, never deleted first: a server or test may be serving dist/demo
// while this runs. What an earlier build left and this one did not write (e.g. tsc's per-module
// declarations) goes now, so dist/ holds what the package is.
const written = new Set(['index.js', 'index.js.map', 'index.d.ts', 'styles.css', 'demo']);
for (const entry of fs.readdirSync(dist)) {
  // .styles-*: another build's scratch folder, in use.
  if (!written.has(entry) && !entry.startsWith('.styles-')) fs.rmSync(path.join(dist, entry), { recursive: true, force: true });
}

/**
 * dist/styles.css is the `WIDGET_CSS` string exported by src/ui/styles.ts, so the linked
 * stylesheet and the injected one can never differ. The module is bundled on its own (packages
 * external) into a scratch folder inside dist/, where its imports of react resolve, and imported
 * to read the string.
 */
async function writeStylesheet() {
  const stylesheet = path.join(dist, 'styles.css');
  fs.rmSync(stylesheet, { force: true });
  const stylesModule = path.join(widgetDir, 'src/ui/styles.ts');
  if (!fs.existsSync(stylesModule)) return;
  const scratch = fs.mkdtempSync(path.join(dist, '.styles-'));
  try {
    const outfile = path.join(scratch, 'styles.mjs');
    await build({ ...libraryOptions, banner: {}, entryPoints: [stylesModule], outfile, platform: 'node', packages: 'external' });
    const { WIDGET_CSS } = await import(pathToFileURL(outfile).href);
    if (typeof WIDGET_CSS !== 'string') return;
    fs.writeFileSync(stylesheet, `${WIDGET_CSS.trim()}\n`);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
