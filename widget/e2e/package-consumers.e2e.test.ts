import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO, runStep } from './support/processes';
import { installed, npmInstall, packWidget } from './support/tarballs';

/**
 * The widget's tarball in fresh projects outside the repository, at the React 19 ends of its peer
 * ranges (React 18.3 with Apollo Client 4.0 is examples/host-app, in host-app.e2e.test.ts): the
 * declarations type-check under each module resolution a host may use, and the component renders
 * on a server.
 */

const FIXTURE = path.join(__dirname, 'fixtures/consumer');
const TSC = path.join(REPO, 'node_modules/typescript/bin/tsc');

const MODES = ['bundler', 'node16', 'nodenext'];

const CONSUMERS = [
  {
    name: 'the newest React 19 and Apollo Client 4 (the versions the repository pins)',
    react: '19.3.1',
    apollo: '4.3.8',
    dependencies: { react: '19.3.1', 'react-dom': '19.3.1', '@apollo/client': '4.3.8', rxjs: '7.8.2', graphql: '16.15.0', '@types/react': '19.3.0' },
  },
  {
    name: 'React 19.0 and Apollo Client 4.0, the low end of React 19',
    react: '19.0.0',
    apollo: '4.0.0',
    dependencies: { react: '19.0.0', 'react-dom': '19.0.0', '@apollo/client': '4.0.0', rxjs: '7.8.2', graphql: '16.15.0', '@types/react': '19.0.0' },
  },
];

jest.setTimeout(300_000);

let tempDir: string;
let tarball: string;

beforeAll(async () => {
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'creditlens-consumers-'));
  tarball = await packWidget(path.join(tempDir, 'tarballs'));
}, 240_000);

/** Runs tsc on a consumer project and lists its errors by file (compiler errors that name no file under ""). */
function typeErrors(cwd: string, project: string): Promise<Array<{ file: string; message: string }>> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [TSC, '-p', project, '--pretty', 'false'], { cwd, timeout: 240_000, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error?.killed || stderr) return reject(new Error(`tsc -p ${project} in ${cwd} did not run to its end:\n${stdout}${stderr}`));
      const errors = stdout
        .split('\n')
        .filter((line) => /error TS\d+/.test(line))
        .map((line) => ({ file: /^(.+?)\(\d+,\d+\): error/.exec(line)?.[1] ?? '', message: line }));
      if (error && errors.length === 0) return reject(new Error(`tsc -p ${project} in ${cwd} failed without naming an error:\n${stdout}`));
      resolve(errors);
    });
  });
}

afterAll(() => {
  if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
});

describe.each(CONSUMERS)('a host on $name', ({ react, apollo, dependencies }) => {
  let dir: string;
  const checks = new Map<string, ReturnType<typeof typeErrors>>();

  beforeAll(async () => {
    dir = path.join(tempDir, `react-${react}`);
    fs.cpSync(FIXTURE, dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: `consumer-react-${react}`, private: true, type: 'module', dependencies }, null, 2));
    await npmInstall(dir, [tarball]);
    // The three checks are separate compilations of the same files: run side by side, awaited by each test.
    for (const mode of MODES) {
      const errors = typeErrors(dir, `tsconfig.${mode}.json`);
      errors.catch(() => undefined);
      checks.set(mode, errors);
    }
  }, 360_000);

  it('got those versions, and the widget from its tarball with no React of its own', () => {
    expect(installed(dir, 'react').version).toBe(react);
    expect(installed(dir, '@apollo/client').version).toBe(apollo);
    expect(installed(dir, '@creditlens/widget').linked).toBe(false);
    expect(fs.existsSync(path.join(dir, 'node_modules/@creditlens/widget/node_modules'))).toBe(false);
  });

  it.each(MODES)('type-checks the component and its props, never any, under moduleResolution %s without skipLibCheck', async (mode) => {
    const errors = await checks.get(mode)!;
    // Errors inside other packages' declarations are theirs (Apollo Client's @wry/caches has
    // extensionless relative imports, which node16/nodenext refuse; such hosts set skipLibCheck).
    // Ours and the host's code must have none, or the types the host sees are not ours.
    const thirdParty = (file: string) => file.startsWith('node_modules/') && !file.startsWith('node_modules/@creditlens/');
    expect(errors.filter((error) => !thirdParty(error.file))).toEqual([]);
  });

  it('renders on a server with react-dom/server from a "use client" entry, and ships WIDGET_CSS as styles.css', async () => {
    const output = await runStep('rendering on a server', process.execPath, ['render.mjs'], { cwd: dir, timeoutMs: 60_000 });
    const rendered = JSON.parse(output.trim().split('\n').pop()!) as { react: string; html: string; stylesheetIsWidgetCss: boolean; entryFirstLine: string };

    expect(rendered.react).toBe(react);
    expect(rendered.html).toContain('class="clw"');
    expect(rendered.html).toContain('role="treegrid"');
    expect(rendered.html).toContain('aria-busy="true"');
    expect(rendered.entryFirstLine).toBe('"use client";');
    expect(rendered.stylesheetIsWidgetCss).toBe(true);
  });
});
