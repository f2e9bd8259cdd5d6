import AxeBuilder from '@axe-core/playwright';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { NONCE, OVERRIDE_BAR, startHarness, type Harness, type PageOptions } from './harness/harness-server';

/**
 * The widget on a host page served from another origin than the API, in headless Chromium:
 * phone and desktop widths, light and dark hosts, a nonce CSP and a `style-src 'self'` CSP, a
 * host stylesheet overriding a --clw-* variable, tokens that expire every few seconds, and axe
 * with zero violations in each. The API runs from source (ts-node) in development mode with
 * CORS_ORIGINS set to the harness origin and EXPLORER=0 (the explorer's route breaks CORS
 * preflights until that fix lands).
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
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`));
  });
  await page.goto(harness.pageUrl(options));
  await page.locator('[role="treegrid"] [role="row"][aria-level="1"][data-row-key]').first().waitFor({ timeout: 30_000 });
  return { page, problems, close: () => context.close() };
}

async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).include('body').analyze();
  expect(results.passes.length).toBeGreaterThan(10);
  expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
}

async function expandFirstWorkspace(page: Page): Promise<void> {
  await page.locator('[role="row"][aria-level="1"][data-workspace-id]').first().click();
  await page.locator('[role="row"][aria-level="2"][data-row-key]').first().waitFor();
  await page.waitForFunction(() => document.querySelector('[role="treegrid"]')!.getAttribute('aria-busy') === 'false');
}

const widgetBackground = (page: Page) => page.locator('.clw').evaluate((element) => getComputedStyle(element).backgroundColor);

describe('the widget on a host page of another origin', () => {
  it('at 1280 px, light: rows, expanded campaigns, Tab into the host actions, CSV download, and no axe violations', async () => {
    const { page, problems, close } = await open(1280, { scheme: 'light' });
    try {
      await expectNoAxeViolations(page);
      await expandFirstWorkspace(page);
      await expectNoAxeViolations(page);
      expect(await widgetBackground(page)).toBe('rgb(255, 255, 255)');

      // Tab goes from a campaign row to its host action; ArrowDown from there goes on to the next row.
      const withAction = page.locator('[role="row"][aria-level="2"][data-row-key]').filter({ has: page.locator('.host-action') }).first();
      await withAction.focus();
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => ({ text: document.activeElement?.textContent, inRow: document.activeElement?.closest('[role="row"]')?.getAttribute('data-row-key') }));
      expect(focused).toEqual({ text: 'Pause', inRow: await withAction.getAttribute('data-row-key') });
      await page.keyboard.press('ArrowDown');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('row');
      expect(await withAction.getAttribute('aria-level')).toBe('2');

      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Download CSV' }).click();
      const csv = fs.readFileSync((await (await download).path())!, 'utf8');
      expect(csv.split(/\r?\n/)[0]).toBe('workspace_id,workspace_name,campaign_id,campaign_name,credits,percent_of_workspace');

      await page.screenshot({ path: path.join(ARTIFACTS, 'harness-1280-light.png'), fullPage: true });
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it.each([
    [320, 'light', 'light', 'rgb(255, 255, 255)'],
    [320, 'dark', 'light', 'rgb(13, 17, 23)'],
    // 312 px leaves the widget 280 px, the narrowest container it supports.
    [312, 'light', 'dark', 'rgb(255, 255, 255)'],
  ] as const)('at %i px on a %s host (OS %s): no horizontal overflow, names of at least 60 px, the full name on focus, no axe violations', async (width, scheme, osScheme, background) => {
    const { page, problems, close } = await open(width, { scheme }, osScheme);
    try {
      await expandFirstWorkspace(page);
      expect(await widgetBackground(page)).toBe(background);
      const layout = await page.evaluate(() => ({
        pageWidth: document.documentElement.scrollWidth,
        viewport: window.innerWidth,
        widgetOverflows: Array.from(document.querySelectorAll<HTMLElement>('.clw, .clw *')).filter((element) => element.getBoundingClientRect().right > window.innerWidth + 0.5 && getComputedStyle(element).position !== 'absolute').map((element) => element.className),
        nameWidths: Array.from(document.querySelectorAll<HTMLElement>('[role="row"][data-row-key] [role="rowheader"]')).map((cell) => cell.getBoundingClientRect().width),
        barsShown: Array.from(document.querySelectorAll<HTMLElement>('.clw-bar-box')).filter((bar) => bar.getBoundingClientRect().width > 0).length,
      }));
      expect(layout.pageWidth).toBeLessThanOrEqual(layout.viewport);
      expect(layout.widgetOverflows).toEqual([]);
      expect(Math.min(...layout.nameWidths)).toBeGreaterThanOrEqual(60);
      expect(layout.barsShown).toBe(0);
      expect(await page.locator('.clw').evaluate((element) => element.getBoundingClientRect().width)).toBeGreaterThanOrEqual(width === 312 ? 280 : 288);

      // A name cut with an ellipsis is shown whole while its row has focus.
      const cut = page.locator('[role="row"][data-row-key]').filter({ has: page.locator('.clw-label') }).filter({ hasText: 'Warehouse Automation Leads' });
      const label = cut.locator('.clw-label');
      const fits = () => label.evaluate((element) => element.scrollWidth <= element.clientWidth);
      expect(await fits()).toBe(false);
      await cut.focus();
      expect(await fits()).toBe(true);
      expect(await label.getAttribute('title')).toBe('Warehouse Automation Leads');
      await page.locator('[role="row"][aria-level="1"][data-row-key]').first().focus();

      await expectNoAxeViolations(page);
      await page.screenshot({ path: path.join(ARTIFACTS, `harness-${width}-${scheme}.png`), fullPage: true });
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('follows the host page\'s color-scheme before the OS: a light host stays light in a dark OS, and a host that declares none follows the OS', async () => {
    const lightHost = await open(1280, { scheme: 'light' }, 'dark');
    try {
      expect(await widgetBackground(lightHost.page)).toBe('rgb(255, 255, 255)');
    } finally {
      await lightHost.close();
    }
    const noScheme = await open(1280, { scheme: 'none' }, 'dark');
    try {
      expect(await widgetBackground(noScheme.page)).toBe('rgb(13, 17, 23)');
      await expectNoAxeViolations(noScheme.page);
      await noScheme.page.screenshot({ path: path.join(ARTIFACTS, 'harness-1280-dark.png'), fullPage: true });
    } finally {
      await noScheme.close();
    }
  });

  it('is styled under a strict CSP (style-src with a nonce), with no violation reported', async () => {
    const { page, problems, close } = await open(1280, { variant: 'strict', scheme: 'light' });
    try {
      await expandFirstWorkspace(page);
      expect(await page.locator('style#creditlens-widget-styles').evaluate((style) => (style as HTMLStyleElement).nonce)).toBe(NONCE);
      expect(await page.locator('.clw').evaluate((element) => getComputedStyle(element).borderTopLeftRadius)).toBe('8px');
      await expectNoAxeViolations(page);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('is styled under style-src \'self\' by the linked styles.css with injectStyles={false}, injecting no <style>', async () => {
    const { page, problems, close } = await open(320, { variant: 'linked', scheme: 'dark' });
    try {
      await expandFirstWorkspace(page);
      expect(await page.locator('style').count()).toBe(0);
      expect(await widgetBackground(page)).toBe('rgb(13, 17, 23)');
      expect(await page.locator('.clw').evaluate((element) => getComputedStyle(element).borderTopLeftRadius)).toBe('8px');
      await expectNoAxeViolations(page);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('paints with a --clw-* variable from the host stylesheet, injected or linked', async () => {
    for (const variant of ['plain', 'linked'] as const) {
      const { page, problems, close } = await open(1280, { variant, override: true });
      try {
        expect(await page.locator('.clw-bar-fill').first().evaluate((fill) => getComputedStyle(fill).backgroundColor)).toBe(OVERRIDE_BAR);
        await expectNoAxeViolations(page);
        expect(problems).toEqual([]);
      } finally {
        await close();
      }
    }
  });

  it('keeps working past the expiry of a 6-second token, renewing it before it expires and without a reload', async () => {
    const { page, problems, close } = await open(1280, { ttlSeconds: 6 });
    try {
      await page.evaluate(() => ((window as unknown as { loadedOnce: boolean }).loadedOnce = true));
      const mintedBefore = harness.tokensMinted();
      await page.waitForTimeout(10_000);
      await expandFirstWorkspace(page);
      await page.getByRole('button', { name: 'Refresh' }).click();
      await page.waitForFunction(() => document.querySelector('[role="treegrid"]')!.getAttribute('aria-busy') === 'false');

      expect(await page.evaluate(() => (window as unknown as { loadedOnce?: boolean }).loadedOnce)).toBe(true);
      expect(harness.tokensMinted()).toBeGreaterThan(mintedBefore);
      expect(await page.evaluate(() => window.harness.errors)).toEqual([]);
      expect(await page.locator('[role="alert"]').count()).toBe(0);
      expect(await page.locator('[role="row"][aria-level="2"][data-row-key]').count()).toBeGreaterThan(0);
      await expectNoAxeViolations(page);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
