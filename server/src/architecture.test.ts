import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// The architecture check of `npm test`: dependency-cruiser with the repository's
// .dependency-cruiser.cjs. A rule broken is a test failed, with depcruise's own report.
const ROOT = path.resolve(__dirname, '../..');
const DEPCRUISE = path.join(ROOT, 'node_modules/.bin/depcruise');
const FIXTURE = 'server/test-fixtures/architecture/src';

/** depcruise's JSON answer for `targets` under `config`: the rule names it reports, and its readable report. */
function cruise(config: string, targets: string[], extra: string[] = []): { rules: string[]; report: () => string } {
  const run = (outputType: string) => {
    try {
      return execFileSync(DEPCRUISE, [...targets, '--config', config, '--output-type', outputType, ...extra], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    } catch (error) {
      // depcruise exits non-zero when it reports errors; its answer is still on stdout.
      const { stdout } = error as { stdout?: string };
      if (typeof stdout === 'string' && stdout.length > 0) return stdout;
      throw error;
    }
  };
  const result = JSON.parse(run('json')) as { summary: { violations: { rule: { name: string; severity: string } }[] } };
  const rules = result.summary.violations.map((violation) => violation.rule.name);
  return { rules, report: () => run('err') };
}

describe('the architecture check', () => {
  it('finds no import cycle, no upward import and no import past a door in the repository', () => {
    const { rules, report } = cruise('.dependency-cruiser.cjs', ['server/src', 'packages', 'widget/src', 'examples']);
    if (rules.length > 0) throw new Error(`dependency-cruiser reports:\n${report()}`);
    expect(rules).toEqual([]);
  });

  it('reports every kind of broken import on a fixture that breaks each rule once', () => {
    const config = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'creditlens-depcruise-')), 'fixture.cjs');
    const rulesFile = path.join(ROOT, '.dependency-cruiser-rules.cjs');
    fs.writeFileSync(
      config,
      `const { architectureRules } = require(${JSON.stringify(rulesFile)});\n` +
        `module.exports = { forbidden: architectureRules(${JSON.stringify(FIXTURE)}), options: { tsPreCompilationDeps: true, doNotFollow: { path: 'node_modules' } } };\n`,
    );
    const { rules } = cruise(config, [FIXTURE]);
    expect([...new Set(rules)].sort()).toEqual([
      'access-imports-only-downward',
      'app-is-the-composition-root',
      'catalog-imports-only-downward',
      'errors-is-a-leaf',
      'graphql-imports-no-domain',
      'no-circular',
      'through-the-door',
    ]);
  });
});
