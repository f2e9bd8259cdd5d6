// Builds dist/index.js (ESM, peers external; declarations come from `tsc -p tsconfig.build.json`)
// and dist/demo/demo.js: the demo Billing → Usage page with React and Apollo Client bundled in,
// which the server serves at GET / so the page needs nothing from outside the machine.
import path from 'node:path';
import { build } from 'esbuild';
import { libraryOptions, widgetDir } from './esbuild-options.mjs';

await build({ ...libraryOptions, outfile: path.join(widgetDir, 'dist/index.js'), sourcemap: true });

await build({
  entryPoints: [path.join(widgetDir, 'demo/main.tsx')],
  outfile: path.join(widgetDir, 'dist/demo/demo.js'),
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
