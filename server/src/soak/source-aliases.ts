/**
 * Loaded with `node -r ts-node/register/transpile-only -r …/source-aliases.ts`: makes the
 * workspace package @creditlens/usage-math resolve to its TypeScript source, so that the soak's
 * server processes run exactly the code under test with no build step.
 */
import Module from 'node:module';
import path from 'node:path';

const ALIASES: Record<string, string> = {
  '@creditlens/usage-math': path.resolve(__dirname, '../../../packages/usage-math/src/index.ts'),
};

type Resolve = (request: string, ...rest: unknown[]) => string;
const moduleWithResolver = Module as unknown as { _resolveFilename: Resolve };
const resolve = moduleWithResolver._resolveFilename;
moduleWithResolver._resolveFilename = function resolveAliased(this: unknown, request: string, ...rest: unknown[]) {
  try {
    return resolve.call(this, ALIASES[request] ?? request, ...rest);
  } catch (error) {
    // The package's sources import each other as './file.js' (what its ES module build needs): the .ts beside it.
    if (/^\.{1,2}\/.*\.js$/.test(request)) return resolve.call(this, `${request.slice(0, -3)}.ts`, ...rest);
    throw error;
  }
};
