import { spawnSync } from 'node:child_process';
import path from 'node:path';

describe('src/generated/graphql.ts', () => {
  it('is exactly what GraphQL Code Generator makes of schema.graphql and the operations (run `npm run codegen -w @creditlens/client`)', () => {
    const packageDir = path.resolve(__dirname, '..');
    const codegen = path.resolve(packageDir, '../../node_modules/.bin/graphql-codegen');
    const check = spawnSync(codegen, ['--config', 'codegen.ts', '--check'], { cwd: packageDir, encoding: 'utf8' });
    expect({ status: check.status, stale: check.stdout.includes('stale files') }).toEqual({ status: 0, stale: false });
  });
});
