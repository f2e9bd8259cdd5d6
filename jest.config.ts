import path from 'node:path';
import type { Config } from 'jest';

// One project per package; each runs its TypeScript through ts-jest in CommonJS mode.
const tsJest = {
  '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', diagnostics: { ignoreCodes: [151002] } }],
} as const;

const sharedPackages = {
  '^@creditlens/usage-math$': '<rootDir>/../packages/usage-math/src/index.ts',
};

/** For packages outside server/: the workspace packages from source, so tests need no build. */
const sourcePackages = {
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
  projects: [
    {
      displayName: 'usage-math',
      rootDir: path.join(__dirname, 'packages/usage-math'),
      testEnvironment: 'node',
      transform: tsJest,
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
    partnerProject('example-chargeback-report', 'examples/chargeback-report'),
    {
      displayName: 'widget',
      rootDir: path.join(__dirname, 'widget'),
      testEnvironment: '<rootDir>/testing/jsdom-with-fetch.cjs',
      transform: tsJest,
      moduleNameMapper: sharedPackages,
      testMatch: ['<rootDir>/src/**/*.test.ts?(x)'],
    },
    {
      // The demo page in headless Chromium against a real server process (needs `npm run build`).
      displayName: 'e2e',
      rootDir: path.join(__dirname, 'widget'),
      testEnvironment: 'node',
      transform: tsJest,
      testMatch: ['<rootDir>/e2e/**/*.e2e.test.ts'],
    },
  ],
};

export default config;
