import { REPO_ROOT, packed, run, type PackedTarball } from './tarballs';

/** What `npm publish` of each package may carry: built code, declarations, maps, README, LICENSE (and the client's GraphQL). */
const PACKAGES: ReadonlyArray<{ name: string; allowed: RegExp; required: readonly string[] }> = [
  {
    name: '@creditlens/usage-math',
    allowed: /^(package\.json|README\.md|LICENSE|dist\/(cjs|esm)\/([\w-]+\.(js|js\.map|d\.ts)|package\.json))$/,
    required: ['LICENSE', 'README.md', 'dist/cjs/index.js', 'dist/cjs/index.d.ts', 'dist/cjs/package.json', 'dist/esm/index.js', 'dist/esm/index.d.ts', 'dist/esm/package.json'],
  },
  {
    name: '@creditlens/client',
    allowed: /^(package\.json|README\.md|LICENSE|schema\.graphql|src\/operations\/[\w-]+\.graphql|dist\/(cjs|esm)\/((generated\/)?[\w-]+\.(js|js\.map|d\.ts)|package\.json))$/,
    required: ['LICENSE', 'README.md', 'schema.graphql', 'src/operations/account-breakdown.graphql', 'dist/cjs/index.js', 'dist/cjs/index.d.ts', 'dist/esm/index.js', 'dist/esm/index.d.ts', 'dist/esm/generated/graphql.js'],
  },
  {
    name: '@creditlens/cli',
    allowed: /^(package\.json|README\.md|LICENSE|bin\/creditlens\.js|dist\/creditlens\.cjs(\.map)?)$/,
    required: ['LICENSE', 'README.md', 'bin/creditlens.js', 'dist/creditlens.cjs'],
  },
];

const filesOf = (tarball: PackedTarball) => tarball.files.map((file) => file.path).sort();

describe.each(PACKAGES)('the $name tarball', ({ name, allowed, required }) => {
  it('holds only built code, declarations, maps, README, LICENSE: no tests, build caches or tsconfig files', () => {
    const files = filesOf(packed().get(name)!);
    expect(files.filter((file) => !allowed.test(file))).toEqual([]);
    expect(files.filter((file) => /\.test\.|tsbuildinfo|tsconfig|(^|\/)src\/.*\.ts$/.test(file))).toEqual([]);
    expect(required.filter((file) => !files.includes(file))).toEqual([]);
  });

  it('lists the same files for npm publish --dry-run', async () => {
    // The global setup packed (and so built) every package: publish --dry-run lists what it would send now.
    const dryRun = await run('npm', ['publish', '--dry-run', '--json', '--ignore-scripts', '--workspace', name], { cwd: REPO_ROOT });
    expect(dryRun.code).toBe(0);
    const report = JSON.parse(dryRun.stdout.slice(dryRun.stdout.indexOf('{')));
    const published = (report[name] ?? report) as PackedTarball;
    expect(filesOf(published)).toEqual(filesOf(packed().get(name)!));
  });

  it('is publishable: not private, licensed, with engines, sideEffects and exports whose types come first', async () => {
    const manifest = JSON.parse((await run('npm', ['pkg', 'get', '--workspace', name, '--json'], { cwd: REPO_ROOT })).stdout)[name];
    expect(manifest).toMatchObject({ license: 'MIT', engines: { node: '>=20' }, sideEffects: false });
    expect(manifest.private).toBeUndefined();
    const conditions = Object.values<Record<string, Record<string, string>>>(manifest.exports ?? {}).filter((target) => typeof target === 'object');
    for (const target of conditions) for (const condition of Object.values(target)) expect(Object.keys(condition)[0]).toBe('types');
  });
});
