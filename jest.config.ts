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
      moduleNameMapper: sharedPackages,
      setupFiles: ['reflect-metadata'],
      globalSetup: '<rootDir>/src/testing/global-setup.ts',
      testMatch: ['<rootDir>/src/**/*.test.ts'],
    },
    {
      displayName: 'client',
      rootDir: path.join(__dirname, 'packages/client'),
      testEnvironment: 'node',
      transform: tsJest,
      moduleNameMapper: sourcePackages,
      setupFiles: ['reflect-metadata'],
      globalSetup: path.join(__dirname, 'server/src/testing/global-setup.ts'),
      testMatch: ['<rootDir>/src/**/*.test.ts'],
    },
    {
      displayName: 'cli',
      rootDir: path.join(__dirname, 'packages/cli'),
      testEnvironment: 'node',
      transform: tsJest,
      moduleNameMapper: sourcePackages,
      setupFiles: ['reflect-metadata'],
      globalSetup: path.join(__dirname, 'server/src/testing/global-setup.ts'),
      testMatch: ['<rootDir>/src/**/*.test.ts'],
    },
    {
      displayName: 'example-chargeback-report',
      rootDir: path.join(__dirname, 'examples/chargeback-report'),
      testEnvironment: 'node',
      transform: tsJest,
      moduleNameMapper: sourcePackages,
      setupFiles: ['reflect-metadata'],
      globalSetup: path.join(__dirname, 'server/src/testing/global-setup.ts'),
      testMatch: ['<rootDir>/src/**/*.test.ts'],
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
