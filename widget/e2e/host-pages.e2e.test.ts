import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startHarness, type Harness, type PageOptions } from './harness/harness-server';
import { expandFirstWorkspace, expectNarrowLayout, expectNoAxeViolations, reportCspViolations, widgetBackground } from './support/widget-states';

/**
 * The widget from source on a harness host page of another origin than the API, in headless
 * Chromium, for what examples/host-app (host-app.e2e.test.ts, where the other states of issue 16
 * run on the tarball build) does not show: host-owned row actions in the treegrid's keyboard
 * model, the CSV download, and the narrowest container the widget supports (280 px). The API
 * runs from source (ts-node) in development mode with CORS_ORIGINS set to the harness origin.
 */

const REPO = path.resolve(__dirname, '../..');
const ARTIFACTS = path.join(REPO, 'artifacts');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const ADMIN_KEY = 'harness-admin-key-0123456789';

jest.setTimeout(240_000);

let tempDir: string;
let api: ChildProcess | undefined;
let harness: Harness;
let browser: Browser;

async function bundleHarnessApp(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(__dirname, 'harness/harness-app.tsx')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    jsx: 'automatic',
    minify: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    alias: { '@creditlens/usage-math': path.join(REPO, 'packages/usage-math/src/index.ts') },
    logLevel: 'warning',
  });
  return result.outputFiles[0]!.text;
}

/** The API from source, as `npm run soak` runs it, on a fresh SQLite file with the demo data. */
function startApi(corsOrigin: string): Promise<string> {
  const serverRoot = path.join(REPO, 'server');
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', path.join(serverRoot, 'src/soak/source-aliases.ts'), path.join(serverRoot, 'src/main.ts')], {
    cwd: serverRoot,
    env: {
      PATH: process.env['PATH'],
      TS_NODE_PROJECT: path.join(serverRoot, 'tsconfig.json'),
      NODE_ENV: 'development',
      PORT: '0',
      DATABASE_URL: `sqlite:${path.join(tempDir, 'db.sqlite')}`,
      ADMIN_API_KEY: ADMIN_KEY,
      DEMO: '1',
      EXPLORER: '0',
      CORS_ORIGINS: corsOrigin,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  api = child;
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /listening on (http:\/\/localhost:\d+)\//.exec(output);
      if (listening) resolve(listening[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the API exited with ${code} before listening:\n${output}`)));
  });
}

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (or set CHROMIUM_PATH)`);
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'creditlens-harness-'));
  harness = await startHarness(await bundleHarnessApp(), ADMIN_KEY);
  harness.api = await startApi(harness.origin);
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  api?.kill('SIGTERM');
  await harness?.close();
  if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
});

interface Opened {
  readonly page: Page;
  readonly problems: string[];
  close(): Promise<void>;
}

/** A fresh browser context at `width` on a harness page; collects console errors, CSP violations and failed requests. */
async function open(width: number, options: Partial<PageOptions>, osScheme: 'light' | 'dark' = 'light'): Promise<Opened> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: osScheme, acceptDownloads: true });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  await reportCspViolations(page);
  await page.goto(harness.pageUrl(options));
  await page.locator('[role="treegrid"] [role="row"][aria-level="1"][data-row-key]').first().waitFor({ timeout: 30_000 });
  return { page, problems, close: () => context.close() };
}

describe('the widget on a harness host page of another origin', () => {
  it('at 1280 px, light: rows, expanded campaigns, Tab into the host actions, CSV download, and no axe violations', async () => {
    const { page, problems, close } = await open(1280, { scheme: 'light' });
    try {
      await expectNoAxeViolations(page);
      await expandFirstWorkspace(page);
      // The demo's budgets: the biggest workspace and its heaviest campaign show a budget bar, the campaign past 80 %, with the host's action beside it.
      const budgeted = page.locator('[role="row"][aria-level="2"][data-row-key]').filter({ has: page.locator('.clw-budget') });
      await expect(budgeted.count()).resolves.toBe(1);
      await expect(budgeted.locator('.clw-budget').textContent()).resolves.toMatch(/^(8\d|9\d)% of budget/);
      await expect(budgeted.locator('.clw-mark.clw-crossed').count()).resolves.toBe(2);
      await expect(budgeted.locator('.host-action').count()).resolves.toBeGreaterThan(0);
      await expectNoAxeViolations(page);
      expect(await widgetBackground(page)).toBe('rgb(255, 255, 255)');

      // Tab goes from a campaign row to its "View entries" control, then to its host action; ArrowDown from there goes on to the next row.
      const withAction = page.locator('[role="row"][aria-level="2"][data-row-key]').filter({ has: page.locator('.host-action') }).first();
      await withAction.focus();
      const focusedNow = () =>
        page.evaluate(() => ({
          text: document.activeElement?.textContent,
          name: document.activeElement?.getAttribute('aria-label') ?? null,
          inRow: document.activeElement?.closest('[role="row"]')?.getAttribute('data-row-key'),
        }));
      const rowKey = await withAction.getAttribute('data-row-key');
      await page.keyboard.press('Tab');
      expect(await focusedNow()).toEqual({ text: '', name: expect.stringMatching(/^View entries of /), inRow: rowKey });
      await page.keyboard.press('Tab');
      expect(await focusedNow()).toEqual({ text: 'Pause', name: null, inRow: rowKey });
      await page.keyboard.press('ArrowDown');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('row');
      expect(await withAction.getAttribute('aria-level')).toBe('2');

      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Download CSV' }).click();
      const csv = fs.readFileSync((await (await download).path())!, 'utf8');
      expect(csv.split(/\r?\n/)[0]).toBe('workspace_id,workspace_name,campaign_id,campaign_name,credits,percent_of_workspace');

      await page.screenshot({ path: path.join(ARTIFACTS, 'harness-1280-light.png'), fullPage: true });
      expect(await page.evaluate(() => window.harness.errors)).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('in a 280 px container (a 312 px page), with host row actions: no horizontal overflow, names of at least 60 px, the full name on focus, no axe violations', async () => {
    const { page, problems, close } = await open(312, { scheme: 'light', padding: 16 }, 'dark');
    try {
      await expandFirstWorkspace(page);
      expect(await widgetBackground(page)).toBe('rgb(255, 255, 255)');
      await expectNarrowLayout(page, 280);
      await expectNoAxeViolations(page);
      await page.screenshot({ path: path.join(ARTIFACTS, 'harness-312-light.png'), fullPage: true });
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
