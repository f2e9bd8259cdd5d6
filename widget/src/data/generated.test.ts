import { spawnSync } from 'node:child_process';
import path from 'node:path';

describe('src/data/generated/graphql.ts', () => {
  it('is exactly what GraphQL Code Generator makes of schema.graphql and the widget operations (run `npx graphql-codegen --config codegen.ts` in widget/)', () => {
    const widgetDir = path.resolve(__dirname, '../..');
    const codegen = path.resolve(widgetDir, '../node_modules/.bin/graphql-codegen');
    const check = spawnSync(codegen, ['--config', 'codegen.ts', '--check'], { cwd: widgetDir, encoding: 'utf8' });
    expect({ status: check.status, stale: check.stdout.includes('stale files') }).toEqual({ status: 0, stale: false });
  });
});
