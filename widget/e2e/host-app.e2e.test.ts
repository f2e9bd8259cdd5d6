import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium, recordPage, requireChromium, type PageRecord } from './support/chromium';
import { freePort, REPO, runStep, startApiServer, startListening, stopProcess, type ListeningProcess } from './support/processes';
import { installed, npmInstall, copyProject, packWidget } from './support/tarballs';
import { campaignRows, footerTotal, readRows, settled, workspaceRows, WORKSPACE_ROW } from './support/treegrid';

/**
 * examples/host-app as a host developer meets the widget: copied out of the repository, the
 * widget installed from its npm tarball beside React 18.3 and Apollo Client 4.0 (the low end of
 * its peer ranges), built with Vite, served from another origin than the API (another port), and
 * driven in headless Chromium against a real server in development mode (explorer on) that lists
 * the host's origin in CORS_ORIGINS.
 */

const ARTIFACTS = path.join(REPO, 'artifacts');
const ADMIN_API_KEY = `host-app-admin-${randomBytes(12).toString('hex')}`;

jest.setTimeout(120_000);

let tempDir: string;
let hostDir: string;
let api: ListeningProcess | undefined;
let host: ListeningProcess | undefined;
let hostOrigin: string;
let browser: BrowserContext | undefined;
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

  ({ browser, page } = await launchChromium(path.join(tempDir, 'chromium-profile'), { width: 1280, height: 900 }));
  record = recordPage(page);
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

    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'host-app-1280.png'), fullPage: true });
  });

  it('logged no errors and asked nothing of any machine but this one', () => {
    expect(record.requests.filter((url) => new URL(url).hostname !== '127.0.0.1')).toEqual([]);
    expect(record.problems).toEqual([]);
  });
});
