import fs from 'node:fs';
import path from 'node:path';
import { npmInstall, run, scratchFolder, tarballOf } from './tarballs';

/** A file whose @ts-expect-error lines fail to compile if the packages' types silently resolved to `any`. */
const CHECK = `import { CreditlensClient, type ErrorCode } from '@creditlens/client';
import { billingPeriodOf } from '@creditlens/usage-math';

export const code: ErrorCode = 'FORBIDDEN';
// @ts-expect-error not one of the ErrorCode union
export const wrong: ErrorCode = 'NOPE';
export const period: { from: Date; to: Date } = billingPeriodOf('2026-10', 'UTC');
// @ts-expect-error the client takes an options object
export const client = new CreditlensClient('http://localhost:4000/graphql');
`;

const SETUPS = [
  { folder: 'bundler', type: 'module', compilerOptions: { module: 'preserve', moduleResolution: 'bundler' }, build: 'esm' },
  { folder: 'node16-commonjs', type: 'commonjs', compilerOptions: { module: 'node16', moduleResolution: 'node16' }, build: 'cjs' },
  { folder: 'nodenext-esm', type: 'module', compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext' }, build: 'esm' },
] as const;

describe('the client and math declarations installed from the tarballs', () => {
  const scratch = scratchFolder('creditlens-types-');
  beforeAll(async () => {
    fs.writeFileSync(path.join(scratch.folder, 'package.json'), JSON.stringify({ name: 'types', version: '1.0.0', private: true }));
    await npmInstall(scratch.folder, [tarballOf('@creditlens/client'), tarballOf('@creditlens/usage-math'), 'typescript@5.9.3', '@types/node@20.19.43']);
    for (const setup of SETUPS) {
      const folder = path.join(scratch.folder, setup.folder);
      fs.mkdirSync(folder);
      fs.writeFileSync(path.join(folder, 'package.json'), JSON.stringify({ type: setup.type }));
      fs.writeFileSync(path.join(folder, 'check.ts'), CHECK);
      const compilerOptions = { ...setup.compilerOptions, target: 'ES2022', strict: true, noEmit: true, skipLibCheck: false, types: ['node'] };
      fs.writeFileSync(path.join(folder, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['check.ts'] }));
    }
  }, 120_000);
  afterAll(() => scratch.remove());

  it.each(SETUPS)('resolve under $compilerOptions.moduleResolution ($type) to the $build build, with real types', async ({ folder, build }) => {
    const tsc = path.join(scratch.folder, 'node_modules/.bin/tsc');
    const checked = await run(tsc, ['-p', folder, '--listFiles'], { cwd: scratch.folder });
    const ours = checked.stdout.split('\n').filter((file) => file.includes('node_modules/@creditlens/') && file.endsWith('index.d.ts'));
    expect({ code: checked.code, errors: checked.stdout.split('\n').filter((line) => line.includes('error TS')) }).toEqual({ code: 0, errors: [] });
    expect(ours.map((file) => file.slice(file.indexOf('@creditlens/'))).sort()).toEqual([`@creditlens/client/dist/${build}/index.d.ts`, `@creditlens/usage-math/dist/${build}/index.d.ts`]);
  }, 60_000);
});
