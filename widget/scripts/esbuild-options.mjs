// The esbuild settings shared by the build and the size benchmark, so the figure measures what ships.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const widgetDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The widget's own code only: peers (and their subpaths, e.g. react/jsx-runtime) stay imports.
 * The banner marks the whole entry as a client module for React Server Components hosts (Next.js
 * app router): the widget uses hooks, so a server component may render it but not run it. esbuild
 * writes a banner as the file's first line even when minifying, where a directive in the source
 * would be dropped by bundling.
 */
export const libraryOptions = {
  entryPoints: [path.join(widgetDir, 'src/index.ts')],
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2020',
  jsx: 'automatic',
  banner: { js: '"use client";' },
  external: ['react', 'react/*', 'react-dom', 'react-dom/*', '@apollo/client', '@apollo/client/*'],
  logLevel: 'warning',
};
