/**
 * dependency-cruiser's configuration: the architecture as rules that fail `npm test`
 * (server/src/architecture.test.ts). The server rules live in .dependency-cruiser-rules.cjs;
 * docs/architecture.md draws the result.
 */
const { architectureRules } = require('./.dependency-cruiser-rules.cjs');

const TEST = '\\.test\\.tsx?$';

module.exports = {
  forbidden: [
    ...architectureRules('server/src'),
    {
      name: 'packages-stand-alone',
      comment: 'A published package imports nothing of server/ or widget/ (its tests may start a server).',
      severity: 'error',
      from: { path: '^packages/[^/]+/', pathNot: TEST },
      to: { path: '^(server|widget)/' },
    },
    {
      name: 'widget-talks-to-the-server-over-http',
      comment: 'The widget imports nothing of server/: it knows the server by its schema and generated operations.',
      severity: 'error',
      from: { path: '^widget/' },
      to: { path: '^server/' },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', '/dist/', '\\.d\\.ts$', '^server/test-fixtures/'] },
    includeOnly: '^(server|packages|widget|examples)/',
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
