// Builds what the package ships, into dist/:
// - index.js (+ map): ESM, peers external, "use client" first (see esbuild-options.mjs);
// - index.d.ts: every public declaration in one file. tsc's own declarations are one file per
//   module with extensionless relative imports, which `moduleResolution: node16`/`nodenext` hosts
//   cannot follow (the component silently became `any` there); one file has no relative import
//   at all, and inlines the few types it uses from our private workspace packages;
// - styles.css: WIDGET_CSS as a file, for hosts that link the stylesheet themselves (styles-css.mjs);
// and dist/demo/demo.js: the demo Billing → Usage page with React and Apollo Client bundled in,
// which the server serves at GET / so the page needs nothing from outside the machine (not packed).
import fs from 'node:fs';
import path from 'node:path';
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

await import('./styles-css.mjs');

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
  if (!written.has(entry)) fs.rmSync(path.join(dist, entry), { recursive: true, force: true });
}
