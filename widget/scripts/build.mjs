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
// A clean folder: declarations of modules that no longer exist must not linger in a tarball.
fs.rmSync(dist, { recursive: true, force: true });
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

/**
 * dist/styles.css is the `WIDGET_CSS` string exported by src/ui/styles.ts, so the linked
 * stylesheet and the injected one can never differ. The module is bundled on its own (packages
 * external) into a scratch folder inside dist/, where its imports of react resolve, and imported
 * to read the string.
 */
async function writeStylesheet() {
  const stylesModule = path.join(widgetDir, 'src/ui/styles.ts');
  if (!fs.existsSync(stylesModule)) return;
  const scratch = fs.mkdtempSync(path.join(dist, '.styles-'));
  try {
    const outfile = path.join(scratch, 'styles.mjs');
    await build({ ...libraryOptions, banner: {}, entryPoints: [stylesModule], outfile, platform: 'node', packages: 'external' });
    const { WIDGET_CSS } = await import(pathToFileURL(outfile).href);
    if (typeof WIDGET_CSS !== 'string') return;
    fs.writeFileSync(path.join(dist, 'styles.css'), `${WIDGET_CSS.trim()}\n`);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
