import path from 'node:path';
import type { Config } from 'jest';

// One project per package; each runs its TypeScript through ts-jest in CommonJS mode.
const tsJest = {
  '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', diagnostics: { ignoreCodes: [151002] } }],
} as const;

/**
 * The published packages import their own files as `./file.js` (what Node's ES modules need once
 * built); from source, Jest finds the `.ts` beside it.
 */
const sourceExtensions = { '^(\\.{1,2}/.*)\\.js$': '$1' };

const sharedPackages = {
  ...sourceExtensions,
  '^@creditlens/usage-math$': '<rootDir>/../packages/usage-math/src/index.ts',
};

/** For packages outside server/: the workspace packages from source, so tests need no build. */
const sourcePackages = {
  ...sourceExtensions,
  '^@creditlens/usage-math$': path.join(__dirname, 'packages/usage-math/src/index.ts'),
  '^@creditlens/client$': path.join(__dirname, 'packages/client/src/index.ts'),
};

/** A package that tests against a real server: workspace packages from source, the server's PostgreSQL check. */
function partnerProject(displayName: string, folder: string) {
  return {
    displayName,
    rootDir: path.join(__dirname, folder),
    testEnvironment: 'node',
    transform: tsJest,
    moduleNameMapper: sourcePackages,
    setupFiles: ['reflect-metadata'],
    globalSetup: path.join(__dirname, 'server/src/testing/global-setup.ts'),
    testMatch: ['<rootDir>/src/**/*.test.ts'],
  };
}

const config: Config = {
  // Integration hooks start servers and seed databases: on a loaded 2-core machine that can pass 5 s.
  // A limit on waiting, not a speed goal (speed lives in npm run bench).
  testTimeout: 30_000,
  projects: [
    {
      displayName: 'usage-math',
      rootDir: path.join(__dirname, 'packages/usage-math'),
      testEnvironment: 'node',
      transform: tsJest,
      moduleNameMapper: sourceExtensions,
      testMatch: ['<rootDir>/src/**/*.test.ts'],
    },
    {
      displayName: 'server',
      rootDir: path.join(__dirname, 'server'),
      testEnvironment: 'node',
      transform: tsJest,
      moduleNameMapper: { ...sharedPackages, '^@creditlens/client$': '<rootDir>/../packages/client/src/index.ts' },
      setupFiles: ['reflect-metadata'],
      globalSetup: '<rootDir>/src/testing/global-setup.ts',
      testMatch: ['<rootDir>/src/**/*.test.ts'],
    },
    partnerProject('client', 'packages/client'),
    partnerProject('cli', 'packages/cli'),
    {
      // The documentation's marked examples, run against a fresh demo server (docs/testing/docs-examples.ts).
      displayName: 'docs',
      rootDir: path.join(__dirname, 'docs'),
      testEnvironment: 'node',
      transform: tsJest,
      moduleNameMapper: sourcePackages,
      setupFiles: ['reflect-metadata'],
      testMatch: ['<rootDir>/testing/**/*.test.ts'],
    },
    {
      // The published packages as their users meet them: packed once per run (global setup), then
      // installed from the tarballs into folders outside the repository. Slow (minutes).
      displayName: 'installed-packages',
      rootDir: __dirname,
      roots: ['<rootDir>/packaging', '<rootDir>/examples/partner-report/test', '<rootDir>/examples/webhook-receiver/test'],
      testEnvironment: 'node',
      transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/packaging/tsconfig.json', diagnostics: { ignoreCodes: [151002] } }] },
      moduleNameMapper: sourcePackages,
      setupFiles: ['reflect-metadata'],
      globalSetup: '<rootDir>/packaging/global-setup.ts',
      globalTeardown: '<rootDir>/packaging/global-teardown.ts',
      testMatch: ['**/*.install.test.ts'],
    },
    {
      displayName: 'widget',
      rootDir: path.join(__dirname, 'widget'),
      testEnvironment: '<rootDir>/testing/jsdom-with-fetch.cjs',
      transform: tsJest,
      moduleNameMapper: sharedPackages,
      testMatch: ['<rootDir>/src/**/*.test.ts?(x)'],
    },
    {
      // Headless Chromium against real server processes (the demo page, examples/host-app) and the
      // widget's npm tarball in projects outside the repository; each file builds what it needs.
      displayName: 'e2e',
      rootDir: path.join(__dirname, 'widget'),
      testEnvironment: 'node',
      transform: tsJest,
      testMatch: ['<rootDir>/e2e/**/*.e2e.test.ts'],
    },
  ],
};

export default config;
