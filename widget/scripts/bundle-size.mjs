// Prints the size of the widget's own code (react, react-dom, @apollo/client left out as peers),
// minified and gzipped, against the 20 kB gzip budget (issue 17: chart, drill-through panel and budget bar included; it fails the run above it).
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { libraryOptions } from './esbuild-options.mjs';

const BUDGET_GZIP_BYTES = 20 * 1024;

const result = await build({ ...libraryOptions, minify: true, write: false, outfile: 'widget.min.js' });
const code = result.outputFiles[0].contents;
const gzipped = gzipSync(code, { level: 9 }).length;
const kB = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;

console.log(`@creditlens/widget bundle (peers external): ${kB(code.length)} minified, ${kB(gzipped)} gzipped (${code.length} / ${gzipped} bytes)`);
console.log(gzipped <= BUDGET_GZIP_BYTES ? `within the ${kB(BUDGET_GZIP_BYTES)} gzip budget` : `OVER the ${kB(BUDGET_GZIP_BYTES)} gzip budget`);
if (gzipped > BUDGET_GZIP_BYTES) process.exitCode = 1;
