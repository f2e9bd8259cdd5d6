import path from 'node:path';
import { build } from 'esbuild';

export interface ExplorerAssets {
  readonly script: string;
  readonly stylesheet: string;
}

/** Source of the browser code; the same folder from src/ (tests) and dist/ (the built server). */
const ENTRY = path.resolve(__dirname, '../../src/explorer/browser/explorer-app.js');

let assets: Promise<ExplorerAssets> | undefined;

/**
 * GraphiQL, React and the page's script bundled from the installed packages on first use, then
 * kept in memory: nothing is fetched from a CDN, so the explorer works with no internet access,
 * and servers that never show it never pay the second or so the bundling takes.
 */
export function explorerAssets(): Promise<ExplorerAssets> {
  assets ??= bundle().catch((error: unknown) => {
    assets = undefined;
    throw error;
  });
  return assets;
}

async function bundle(): Promise<ExplorerAssets> {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    outdir: 'explorer',
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  const output = (extension: string) => {
    const file = result.outputFiles.find((candidate) => candidate.path.endsWith(extension));
    if (!file) throw new Error(`the explorer bundle has no ${extension} output`);
    return file.text;
  };
  return { script: output('.js'), stylesheet: output('.css') };
}
