import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { seedDemoData } from '../../server/src/demo/seed';
import { startTestServer, TEST_ADMIN_KEY, type TestServer } from '../../server/src/testing/test-server';
import { matchesExpected, normalise, readExamples, type DocExample } from './docs-examples';

/**
 * Runs every marked example of README.md and docs/*.md against one fresh demo server (the demo
 * data seeded as `npm start` seeds it), in the order of the pages, and compares what each prints
 * with the output the page shows. `http://localhost:4000` in an example is that server; sh
 * examples run in the repository with CREDITLENS_ENDPOINT and CREDITLENS_TOKEN (the admin key) set.
 */
const ROOT = path.resolve(__dirname, '../..');
const DEMO_ORIGIN = 'http://localhost:4000';

function pages(): string[] {
  const docs = fs.existsSync(path.join(ROOT, 'docs')) ? fs.readdirSync(path.join(ROOT, 'docs')).filter((file) => file.endsWith('.md')).map((file) => `docs/${file}`) : [];
  return ['README.md', ...docs.sort()];
}

const readings = pages().map((file) => readExamples(file, fs.readFileSync(path.join(ROOT, file), 'utf8')));
const examples = readings.flatMap((reading) => reading.examples);

function shell(script: string, env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('bash', ['-eo', 'pipefail', '-c', script], { cwd: ROOT, env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp', ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('the documentation', () => {
  it('marks every sh and graphql block as run or skipped, and each run block has its output', () => {
    expect(readings.flatMap((reading) => reading.problems)).toEqual([]);
    expect(examples.length).toBeGreaterThan(0);
  });
});

describe('the examples of the documentation, run against a fresh demo server', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
    await seedDemoData(server.creditlens.services, new Date());
  });
  afterAll(() => server?.stop());

  async function output(example: DocExample): Promise<string> {
    if (example.language === 'graphql') {
      const answer = await server.graphql(example.code, example.variables ?? {});
      return JSON.stringify({ ...(answer.errors ? { errors: answer.errors } : {}), ...(answer.data !== undefined ? { data: answer.data } : {}) }, null, 2);
    }
    const script = example.code.split(DEMO_ORIGIN).join(server.url);
    const ran = await shell(script, { CREDITLENS_ENDPOINT: `${server.url}/graphql`, CREDITLENS_TOKEN: TEST_ADMIN_KEY });
    if (ran.code !== 0) throw new Error(`${example.where} exited with ${ran.code}:\n${ran.stderr}`);
    return ran.stdout;
  }

  it.each(examples.map((example) => [example.where, example] as const))('%s prints what the page shows', async (_where, example) => {
    const actual = normalise(await output(example));
    // toBe shows the difference when the wildcards do not account for it.
    if (!matchesExpected(actual, example.expected)) expect(actual).toBe(normalise(example.expected));
  }, 30_000);
});
