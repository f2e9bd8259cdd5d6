import { REPO_ROOT, packed, run, type PackedTarball } from './tarballs';

/** What `npm publish` of each package may carry: built code, declarations, maps, README, LICENSE (and the client's GraphQL). */
/** `sideEffects`: none but the widget's stylesheet, which a host imports for its effect. */
const PACKAGES: ReadonlyArray<{ name: string; allowed: RegExp; required: readonly string[]; sideEffects: false | string[] }> = [
  {
    name: '@creditlens/usage-math',
    allowed: /^(package\.json|README\.md|LICENSE|dist\/(cjs|esm)\/([\w-]+\.(js|js\.map|d\.ts)|package\.json))$/,
    sideEffects: false,
    required: ['LICENSE', 'README.md', 'dist/cjs/index.js', 'dist/cjs/index.d.ts', 'dist/cjs/package.json', 'dist/esm/index.js', 'dist/esm/index.d.ts', 'dist/esm/package.json'],
  },
  {
    name: '@creditlens/client',
    allowed: /^(package\.json|README\.md|LICENSE|schema\.graphql|src\/operations\/[\w-]+\.graphql|dist\/(cjs|esm)\/((generated\/)?[\w-]+\.(js|js\.map|d\.ts)|package\.json))$/,
    sideEffects: false,
    required: ['LICENSE', 'README.md', 'schema.graphql', 'src/operations/account-breakdown.graphql', 'dist/cjs/index.js', 'dist/cjs/index.d.ts', 'dist/esm/index.js', 'dist/esm/index.d.ts', 'dist/esm/generated/graphql.js'],
  },
  {
    name: '@creditlens/cli',
    allowed: /^(package\.json|README\.md|LICENSE|bin\/creditlens\.js|dist\/creditlens\.cjs(\.map)?)$/,
    sideEffects: false,
    required: ['LICENSE', 'README.md', 'bin/creditlens.js', 'dist/creditlens.cjs'],
  },
  {
    name: '@creditlens/widget',
    allowed: /^(package\.json|README\.md|LICENSE|dist\/(index\.(js|js\.map|d\.ts)|styles\.css))$/,
    sideEffects: ['*.css'],
    required: ['LICENSE', 'README.md', 'dist/index.js', 'dist/index.d.ts', 'dist/styles.css'],
  },
];

const filesOf = (tarball: PackedTarball) => tarball.files.map((file) => file.path).sort();

describe.each(PACKAGES)('the $name tarball', ({ name, allowed, required, sideEffects }) => {
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
    expect(manifest).toMatchObject({ license: 'MIT', engines: { node: '>=20' }, sideEffects });
    expect(manifest.private).toBeUndefined();
    expect(conditionsWithoutTypesFirst(manifest.exports ?? {})).toEqual([]);
  });
});

type ExportTarget = string | { readonly [condition: string]: ExportTarget };

/** The subpaths and conditions that lead to JavaScript without naming `types` first (TypeScript reads conditions in order). */
function conditionsWithoutTypesFirst(exports: Record<string, ExportTarget>): string[] {
  const offenders: string[] = [];
  const visit = (target: ExportTarget, where: string) => {
    if (typeof target === 'string') return;
    const entries = Object.entries(target);
    const leadsToScript = entries.some(([, value]) => typeof value === 'string' && /\.c?js$/.test(value));
    if (leadsToScript && entries[0]?.[0] !== 'types') offenders.push(where);
    for (const [condition, value] of entries) visit(value, `${where} > ${condition}`);
  };
  for (const [subpath, target] of Object.entries(exports)) visit(target, subpath);
  return offenders;
}
