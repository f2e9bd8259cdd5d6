import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, recordPage, requireChromium, type PageRecord } from './support/chromium';
import { freePort, REPO, runStep, startApiServer, startListening, stopProcess, type ListeningProcess } from './support/processes';
import { installed, npmInstall, copyProject, packWidget } from './support/tarballs';
import { campaignRows, footerTotal, readRows, settled, workspaceRows, WORKSPACE_ROW } from './support/treegrid';
import { expandFirstWorkspace, expectNarrowLayout, expectNoAxeViolations, reportCspViolations, widgetBackground } from './support/widget-states';

/**
 * examples/host-app as a host developer meets the widget: copied out of the repository, the
 * widget installed from its npm tarball beside React 18.3 and Apollo Client 4.0 (the low end of
 * its peer ranges), built with Vite, served from another origin than the API (another port), and
 * driven in headless Chromium against a real server in development mode (explorer on) that lists
 * the host's origin in CORS_ORIGINS. One build serves every state of issue 16 a host meets:
 * 1280 px and 320 px, light and dark, a strict CSP with a nonce, `style-src 'self'` with the
 * linked stylesheet, tokens of a few seconds, the host's brand colour on a --clw-* variable, and
 * axe with zero violations in each (server.mjs and src/page-options.ts select them by query).
 */

const ARTIFACTS = path.join(REPO, 'artifacts');
const ADMIN_API_KEY = `host-app-admin-${randomBytes(12).toString('hex')}`;

jest.setTimeout(120_000);

let tempDir: string;
let hostDir: string;
let api: ListeningProcess | undefined;
let host: ListeningProcess | undefined;
let hostOrigin: string;
let browser: Browser | undefined;
let page: Page;
let record: PageRecord;

beforeAll(async () => {
  requireChromium();
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'creditlens-host-app-'));
  // CREDITLENS_E2E_BUILD=0 uses server/dist as it is, e.g. right after `npm run build`.
  if (process.env['CREDITLENS_E2E_BUILD'] !== '0') {
    await runStep('building the server', process.execPath, [path.join(REPO, 'node_modules/typescript/bin/tsc'), '-b', 'server/tsconfig.build.json'], { cwd: REPO, timeoutMs: 240_000 });
  }
  const tarball = await packWidget(path.join(tempDir, 'tarballs'));
  hostDir = path.join(tempDir, 'host-app');
  copyProject(path.join(REPO, 'examples/host-app'), hostDir);
  await npmInstall(hostDir, [tarball]);
  await runStep('building the host app (tsc, then vite build)', 'npm', ['run', 'build'], { cwd: hostDir, timeoutMs: 180_000 });

  // The host's origin goes into the API's CORS_ORIGINS, so its port is chosen before either starts.
  const hostPort = await freePort();
  hostOrigin = `http://127.0.0.1:${hostPort}`;
  api = await startApiServer(path.join(tempDir, 'db.sqlite'), { EXPLORER: '1', CORS_ORIGINS: hostOrigin, ADMIN_API_KEY });
  host = await startListening('the host app', process.execPath, ['server.mjs'], {
    cwd: hostDir,
    env: { ...process.env, PORT: String(hostPort), CREDITLENS_GRAPHQL_URL: `${api.url}/graphql`, CREDITLENS_ADMIN_API_KEY: ADMIN_API_KEY },
    listening: /listening on (http:\/\/127\.0\.0\.1:\d+)\//,
    timeoutMs: 30_000,
  });

  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' })).newPage();
  record = recordPage(page);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([stopProcess(api?.process), stopProcess(host?.process)]);
  if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
});

describe('the host app example, on another origin than the API', () => {
  it('installed the widget from its tarball with one React 18.3 and Apollo Client 4.0, the low end of its peer ranges', () => {
    expect(installed(hostDir, '@creditlens/widget').linked).toBe(false);
    expect(installed(hostDir, 'react').version).toMatch(/^18\.3\./);
    expect(installed(hostDir, 'react-dom').version).toMatch(/^18\.3\./);
    expect(installed(hostDir, '@apollo/client').version).toMatch(/^4\.0\./);
    // Peers are the host's: a copy of React under the widget would be a second React at run time.
    expect(fs.existsSync(path.join(hostDir, 'node_modules/@creditlens/widget/node_modules'))).toBe(false);
  });

  it('gets CORS headers on a preflight from the host origin while the explorer is on', async () => {
    const explorer = await fetch(`${api!.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(explorer.headers.get('content-type')).toMatch(/^text\/html/);

    const preflight = await fetch(`${api!.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: hostOrigin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    const allowOrigin = preflight.headers.get('access-control-allow-origin');
    if (allowOrigin !== hostOrigin) {
      throw new Error(
        `OPTIONS /graphql from ${hostOrigin} answered HTTP ${preflight.status} with allow: ${preflight.headers.get('allow')} and no access-control-allow-origin: ` +
          'the explorer router answers the preflight before the CORS handler runs (server/src/http/app.ts must mount the CORS handler for /graphql and /export ahead of it)',
      );
    }
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/authorization/);
  });

  it('shows the workspace rows of the current period, from the API on its own origin', async () => {
    await page.goto(`${host!.url}/`);
    await page
      .locator(WORKSPACE_ROW)
      .first()
      .waitFor({ timeout: 30_000 })
      .catch((error: Error) => {
        // A blocked preflight shows here only as a console error: say it rather than "timeout".
        throw new Error(`no workspace rows on the host page: ${error.message}\nwhat the page reported: ${JSON.stringify(record.problems, null, 2)}`);
      });
    await settled(page);

    expect(await page.locator('h1').textContent()).toBe('Usage');
    const rows = await readRows(workspaceRows(page));
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.reduce((sum, row) => sum + row.credits, 0)).toBe(await footerTotal(page));
    const graphqlOrigins = new Set(record.requests.filter((url) => new URL(url).pathname === '/graphql').map((url) => new URL(url).origin));
    expect([...graphqlOrigins]).toEqual([new URL(api!.url).origin]);
    expect(new URL(api!.url).origin).not.toBe(hostOrigin);
    // Only the page query so far: campaigns are fetched on expand.
    expect(record.graphqlOperations).toEqual(['CreditUsagePage']);
  });

  it('expands a workspace into its campaign rows, fetched only then, adding up to it', async () => {
    const [biggest] = await readRows(workspaceRows(page));
    const row = workspaceRows(page).filter({ hasText: biggest!.name });
    await row.click();
    await expect(row.getAttribute('aria-expanded')).resolves.toBe('true');
    await campaignRows(page).first().waitFor();
    await settled(page);

    const campaigns = await readRows(campaignRows(page));
    expect(campaigns.length).toBeGreaterThanOrEqual(1);
    expect(campaigns.reduce((sum, campaign) => sum + campaign.credits, 0)).toBe(biggest!.credits);
    expect(record.graphqlOperations).toEqual(['CreditUsagePage', 'CreditUsageWorkspace']);

    await page.screenshot({ path: path.join(ARTIFACTS, 'host-app-1280.png'), fullPage: true });
  });

  it('logged no errors and asked nothing of any machine but this one', () => {
    expect(record.requests.filter((url) => new URL(url).hostname !== '127.0.0.1')).toEqual([]);
    expect(record.problems).toEqual([]);
  });
});

// The host's brand accent (host.css `.clw { --clw-bar: var(--host-accent) }`), light and dark.
const HOST_ACCENT = { light: 'rgb(107, 79, 216)', dark: 'rgb(165, 140, 255)' } as const;
const WIDGET_BACKGROUND = { light: 'rgb(255, 255, 255)', dark: 'rgb(13, 17, 23)' } as const;

interface HostState {
  readonly page: Page;
  readonly record: PageRecord;
  /** The page's own HTTP answer (its Content-Security-Policy). */
  readonly headers: Record<string, string>;
  close(): Promise<void>;
}

/** The host page at `query`, in a fresh context of `width` px with the OS in `osScheme`, once its workspace rows show. */
async function openHostState(query: string, width: number, osScheme: 'light' | 'dark'): Promise<HostState> {
  const context = await browser!.newContext({ viewport: { width, height: 900 }, colorScheme: osScheme });
  const statePage = await context.newPage();
  const stateRecord = recordPage(statePage);
  await reportCspViolations(statePage);
  const response = await statePage.goto(`${host!.url}/${query}`);
  await workspaceRows(statePage).first().waitFor({ timeout: 30_000 }).catch((error: Error) => {
    throw new Error(`no workspace rows on ${query || '/'}: ${error.message}\nwhat the page reported: ${JSON.stringify(stateRecord.problems, null, 2)}`);
  });
  await settled(statePage);
  return { page: statePage, record: stateRecord, headers: response!.headers(), close: () => context.close() };
}

/** Runs `check` on the host page in that state, then asserts the page reported no problem (console errors, CSP violations, HTTP errors). */
async function inHostState(query: string, width: number, osScheme: 'light' | 'dark', check: (state: HostState) => Promise<void>): Promise<void> {
  const state = await openHostState(query, width, osScheme);
  try {
    await check(state);
    expect(state.record.problems).toEqual([]);
  } finally {
    await state.close();
  }
}

const barColour = (statePage: Page) => statePage.locator('[role="row"][aria-level="1"] .clw-bar-fill').first().evaluate((fill) => getComputedStyle(fill).backgroundColor);
const cornerRadius = (statePage: Page) => statePage.locator('.clw').evaluate((element) => getComputedStyle(element).borderTopLeftRadius);
const tokenRequests = (stateRecord: PageRecord) => stateRecord.requests.filter((url) => new URL(url).pathname === '/api/creditlens/embed-token').length;

describe('the host app example in the states a host meets (one build)', () => {
  it.each(['light', 'dark'] as const)('at 1280 px in a %s OS, on a host that allows both schemes, follows the OS, with the host\'s brand bars and no axe violations', async (scheme) => {
    await inHostState('', 1280, scheme, async (state) => {
      await expectNoAxeViolations(state.page);
      await expandFirstWorkspace(state.page);
      expect(await widgetBackground(state.page)).toBe(WIDGET_BACKGROUND[scheme]);
      expect(await barColour(state.page)).toBe(HOST_ACCENT[scheme]);
      expect(state.headers['content-security-policy']).toBeUndefined();
      await expectNoAxeViolations(state.page);
      await state.page.screenshot({ path: path.join(ARTIFACTS, `host-app-1280-${scheme}.png`), fullPage: true });
    });
  });

  it.each([
    // The host's theme switch wins over the OS either way.
    ['light', 'dark'],
    ['dark', 'light'],
  ] as const)('at 320 px with the host theme %s (OS %s): no horizontal overflow, names of at least 60 px, the full name on focus, no axe violations', async (scheme, osScheme) => {
    await inHostState(`?theme=${scheme}`, 320, osScheme, async (state) => {
      await expandFirstWorkspace(state.page);
      expect(await widgetBackground(state.page)).toBe(WIDGET_BACKGROUND[scheme]);
      await expectNarrowLayout(state.page, 288);
      await expectNoAxeViolations(state.page);
      await state.page.screenshot({ path: path.join(ARTIFACTS, `host-app-320-${scheme}.png`), fullPage: true });
    });
  });

  it('is styled under a strict CSP (style-src with a per-request nonce, Vite\'s html.cspNonce), with no violation reported', async () => {
    await inHostState('?csp=nonce', 1280, 'light', async (state) => {
      await expandFirstWorkspace(state.page);
      const nonce = await state.page.locator('meta[property="csp-nonce"]').evaluate((meta) => (meta as HTMLMetaElement).nonce);
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(state.headers['content-security-policy']).toContain(`style-src 'nonce-${nonce}'`);
      expect(await state.page.locator('style#creditlens-widget-styles').evaluate((style) => (style as HTMLStyleElement).nonce)).toBe(nonce);
      expect(await cornerRadius(state.page)).toBe('8px');
      expect(await barColour(state.page)).toBe(HOST_ACCENT.light);
      await expectNoAxeViolations(state.page);

      // A fresh nonce on every request: one that repeats is no defence.
      const again = await fetch(`${host!.url}/?csp=nonce`);
      expect(again.headers.get('content-security-policy')).not.toContain(nonce);
    });
  });

  it('is styled under style-src \'self\' by the linked @creditlens/widget/styles.css with injectStyles={false}, injecting no <style>', async () => {
    await inHostState('?csp=self&theme=dark', 320, 'light', async (state) => {
      await expandFirstWorkspace(state.page);
      expect(state.headers['content-security-policy']).toContain("style-src 'self'");
      expect(await state.page.locator('style').count()).toBe(0);
      expect(await state.page.locator('link[rel="stylesheet"]').evaluateAll((links) => links.map((link) => new URL((link as HTMLLinkElement).href).pathname))).toContainEqual(expect.stringMatching(/^\/assets\/styles-.*\.css$/));
      expect(await widgetBackground(state.page)).toBe(WIDGET_BACKGROUND.dark);
      expect(await cornerRadius(state.page)).toBe('8px');
      await expectNarrowLayout(state.page, 288);
      await expectNoAxeViolations(state.page);
    });
  });

  it('keeps working past the expiry of 6-second tokens, asking the host\'s backend for new ones, without a reload', async () => {
    await inHostState('?ttl=6', 1280, 'light', async (state) => {
      await state.page.evaluate(() => ((window as unknown as { loadedOnce: boolean }).loadedOnce = true));
      const asked = tokenRequests(state.record);
      await state.page.waitForTimeout(10_000);
      await expandFirstWorkspace(state.page);
      await state.page.getByRole('button', { name: 'Refresh' }).click();
      await settled(state.page);

      expect(await state.page.evaluate(() => (window as unknown as { loadedOnce?: boolean }).loadedOnce)).toBe(true);
      expect(tokenRequests(state.record)).toBeGreaterThan(asked);
      expect(await state.page.locator('[role="alert"]').count()).toBe(0);
      expect(await campaignRows(state.page).count()).toBeGreaterThan(0);
      await expectNoAxeViolations(state.page);
    });
  });

  it('refuses a token lifetime outside 5 s to 15 min at its token endpoint, saying which', async () => {
    const response = await fetch(`${host!.url}/api/creditlens/embed-token?ttlSeconds=2`);
    expect(response.status).toBe(400);
    expect(await response.text()).toBe('ttlSeconds must be a whole number of seconds from 5 to 900, got "2"');
  });
});
