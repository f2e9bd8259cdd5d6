/**
 * The server's architecture rules for a source root (used by .dependency-cruiser.cjs, and by
 * server/src/architecture.test.ts on a fixture to prove each rule reports what it forbids).
 *
 * The architecture, as rules that fail `npm test` (server/src/architecture.test.ts runs them):
 * no import cycle anywhere; the composition root server/src/app/ imported only by main.ts, tests
 * and the bench, soak and testing harnesses; no import past another server folder's index.ts;
 * the leaves (errors/, graphql/, db/) importing no domain; the domains importing each other
 * only downward, in the order of DOMAIN_ORDER; packages/ (but for their tests) importing nothing
 * of server/ or widget/, and widget/ nothing of server/. docs/architecture.md draws the result.
 *
 * `architectureRules(root)` builds the server rules for a source root, so the test can prove on
 * a fixture (server/test-fixtures/architecture/) that each rule reports what it forbids.
 */

/** The server's domains, lowest first: each may import the ones before it, never one after it. */
const DOMAIN_ORDER = ['access', 'catalog', 'auth', 'usage', 'webhooks', 'budgets', 'export', 'limits', 'demo'];
/** The folders that may import the composition root (besides tests and main.ts). */
const HARNESSES = ['bench', 'soak', 'testing'];
const TEST = '\\.test\\.tsx?$';

function architectureRules(root) {
  const src = `^${root.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}/`;
  const upward = DOMAIN_ORDER.slice(0, -1).map((domain, index) => ({
    name: `${domain}-imports-only-downward`,
    comment: `${domain}/ may import ${DOMAIN_ORDER.slice(0, index).join(', ') || 'no other domain'} and the leaves, never ${DOMAIN_ORDER.slice(index + 1).join(', ')}`,
    severity: 'error',
    from: { path: `${src}${domain}/`, pathNot: TEST },
    to: { path: `${src}(${DOMAIN_ORDER.slice(index + 1).join('|')})/` },
  }));
  return [
    {
      name: 'no-circular',
      comment: 'An import cycle knots two modules into one: break it by moving the shared part down.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'app-is-the-composition-root',
      comment: 'Nothing imports app/ but main.ts, tests and the bench, soak and testing harnesses.',
      severity: 'error',
      from: { path: src, pathNot: [`${src}app/`, `${src}main\\.ts$`, `${src}(${HARNESSES.join('|')})/`, TEST] },
      to: { path: `${src}app/` },
    },
    {
      name: 'through-the-door',
      comment: "Another server folder is entered through its index.ts, which lists what it offers.",
      severity: 'error',
      from: { path: `${src}([^/]+)/` },
      to: { path: `${src}[^/]+/.+`, pathNot: [`${src}$1/`, `${src}[^/]+/index\\.ts$`, `${src}(${HARNESSES.join('|')})/`] },
    },
    {
      name: 'errors-is-a-leaf',
      comment: 'errors/ imports nothing else of the server: every module may import it.',
      severity: 'error',
      from: { path: `${src}errors/`, pathNot: TEST },
      to: { path: src, pathNot: `${src}errors/` },
    },
    {
      name: 'metrics-is-a-leaf',
      comment: 'metrics/ (the Prometheus registry and its metrics) imports nothing else of the server: whoever records into it may import it.',
      severity: 'error',
      from: { path: `${src}metrics/`, pathNot: TEST },
      to: { path: src, pathNot: `${src}metrics/` },
    },
    {
      name: 'graphql-imports-no-domain',
      comment: 'graphql/ holds the scalars, enums and connections every domain uses: it imports only errors/.',
      severity: 'error',
      from: { path: `${src}graphql/`, pathNot: TEST },
      to: { path: src, pathNot: [`${src}(graphql|errors)/`] },
    },
    {
      name: 'db-imports-no-domain',
      comment: 'db/ is below every domain: it imports errors/, config/ and logging/ only (its tests may set up more).',
      severity: 'error',
      from: { path: `${src}db/`, pathNot: TEST },
      to: { path: src, pathNot: [`${src}(db|errors|config|logging)/`] },
    },
    ...upward,
  ];
}

module.exports = { architectureRules, DOMAIN_ORDER, HARNESSES };
