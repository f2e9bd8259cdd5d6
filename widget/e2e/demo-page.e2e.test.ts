import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium, recordPage, requireChromium, type PageRecord } from './support/chromium';
import { REPO, runStep, startApiServer, stopProcess, type ListeningProcess } from './support/processes';
import { campaignRows, credits, footerTotal, readRows, settled, workspaceRows, WORKSPACE_ROW } from './support/treegrid';
import { expectNoAxeViolations } from './support/widget-states';

/**
 * The demo Billing → Usage page in headless Chromium, against a real server process on a fresh
 * SQLite file with the demo data. Needs Debian's chromium at /usr/bin/chromium (.ci/run installs it).
 */

const ARTIFACTS = path.join(REPO, 'artifacts');

jest.setTimeout(180_000);

let tempDir: string;
let server: ListeningProcess | undefined;
let baseUrl: string;
let browser: BrowserContext | undefined;
let page: Page;
let record: PageRecord;

beforeAll(async () => {
  requireChromium();
  // Test what the repository builds now (server dist and the demo bundle served at /demo-assets);
  // CREDITLENS_E2E_BUILD=0 uses the dist folders as they are, e.g. right after `npm run build`.
  if (process.env['CREDITLENS_E2E_BUILD'] !== '0') await runStep('`npm run build` (there is no server to test without it)', 'npm', ['run', 'build'], { cwd: REPO, timeoutMs: 300_000 });
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'creditlens-e2e-'));
  server = await startApiServer(path.join(tempDir, 'db.sqlite'));
  baseUrl = server.url;
  ({ browser, page } = await launchChromium(path.join(tempDir, 'chromium-profile'), { width: 1200, height: 900 }));
  record = recordPage(page);
});

afterAll(async () => {
  await browser?.close();
  await stopProcess(server?.process);
  if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
});

describe('the demo Billing → Usage page in Chromium', () => {
  let biggest: { name: string; credits: number };

  it('shows the workspace rows of the current period, and says how long that took', async () => {
    await page.goto(`${baseUrl}/`);
    const shownAt = await page.waitForFunction(
      (selector) => (document.querySelector(selector) ? performance.now() : null),
      WORKSPACE_ROW,
      { timeout: 30_000, polling: 'raf' },
    );
    const loadToRowsMs = Math.round((await shownAt.jsonValue()) as number);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    fs.writeFileSync(path.join(ARTIFACTS, 'demo-page-timing.json'), JSON.stringify({ loadToWorkspaceRowsMs: loadToRowsMs }, null, 2));
    console.log(`demo page: ${loadToRowsMs} ms from navigation start to the workspace rows`);

    expect(await page.locator('h1').textContent()).toBe('Usage');
    const rows = await readRows(workspaceRows(page));
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.reduce((sum, row) => sum + row.credits, 0)).toBe(await footerTotal(page));
    biggest = rows.reduce((a, b) => (b.credits > a.credits ? b : a));
    expect(rows[0]!.name).toBe(biggest.name);
  });

  it('expands the biggest workspace into campaign rows that add up to it, with a No campaign row that explains itself', async () => {
    const row = workspaceRows(page).filter({ hasText: biggest.name });
    await row.click();
    await expect(row.getAttribute('aria-expanded')).resolves.toBe('true');
    await campaignRows(page).first().waitFor();
    await settled(page);

    const campaigns = await readRows(campaignRows(page));
    expect(campaigns.length).toBeGreaterThanOrEqual(2);
    expect(campaigns.reduce((sum, c) => sum + c.credits, 0)).toBe(biggest.credits);
    const tenths = campaigns.reduce((sum, c) => sum + Math.round(parseFloat(c.percent) * 10), 0);
    expect(tenths).toBe(1000);
    const noCampaign = campaignRows(page).filter({ hasText: 'No campaign' });
    await expect(noCampaign.locator('.clw-note').textContent()).resolves.toMatch(/finding leads for lists|Self Learning AI|contact-list cleaning|work recorded without a campaign/i);

    await page.screenshot({ path: path.join(ARTIFACTS, 'demo-page.png'), fullPage: true });
  });

  it("opens the biggest workspace's entries in a dialog that adds up to its row, pages through them, passes axe, and closes on Escape", async () => {
    const opener = page.getByRole('button', { name: `View entries of ${biggest.name}` });
    await opener.click();
    const dialog = page.getByRole('dialog', { name: `Entries of ${biggest.name}` });
    await dialog.locator('tbody tr').first().waitFor();
    await expect(page.evaluate(() => document.activeElement?.tagName)).resolves.toBe('H2');
    const summary = (await dialog.locator('.clw-summary').textContent())!;
    const [count, sum] = summary.split(' · ').map(credits);
    expect(sum).toBe(biggest.credits);
    const firstPage = await dialog.locator('tbody tr').count();
    expect(firstPage).toBe(Math.min(count!, 25));
    if (count! > 25) {
      await dialog.getByRole('button', { name: 'Next' }).click();
      await dialog.getByText(`26–${Math.min(count!, 50)} of ${count!.toLocaleString('en-US')}`).waitFor();
    }
    await expectNoAxeViolations(page);
    await page.screenshot({ path: path.join(ARTIFACTS, 'demo-page-entries.png'), fullPage: true });
    await page.keyboard.press('Escape');
    await expect(dialog.count()).resolves.toBe(0);
    await expect(opener.evaluate((element) => element === document.activeElement)).resolves.toBe(true);
    expect(record.graphqlOperations.filter((name) => name === 'CreditUsageEntries').length).toBe(count! > 25 ? 2 : 1);
  });

  it('collapses on a second click and expands again with the keyboard, from the cache', async () => {
    const row = workspaceRows(page).filter({ hasText: biggest.name });
    await row.click();
    await expect(row.getAttribute('aria-expanded')).resolves.toBe('false');
    expect(await campaignRows(page).count()).toBe(0);

    await row.focus();
    await page.keyboard.press('Enter');
    await campaignRows(page).first().waitFor();
    await expect(row.getAttribute('aria-expanded')).resolves.toBe('true');
    await page.keyboard.press('ArrowDown');
    const focusedLevel = await page.evaluate(() => document.activeElement?.getAttribute('aria-level'));
    expect(focusedLevel).toBe('2');
    // The same state in the dark scheme, with the keyboard focus ring on the first campaign row.
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: path.join(ARTIFACTS, 'demo-page-dark-keyboard.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'light' });

    expect(record.graphqlOperations.filter((name) => name === 'CreditUsageWorkspace')).toHaveLength(1);
  });

  it('shows last month when the period picker changes, with its own numbers', async () => {
    // The host's billing-periods query runs beside the widget's; on a busy machine it may land later.
    await page.waitForFunction(() => document.querySelectorAll('select option').length >= 2, undefined, { timeout: 30_000 }).catch(() => undefined);
    const options = await page.locator('select option').count();
    expect(options).toBeGreaterThanOrEqual(2);
    const before = await readRows(workspaceRows(page));
    // The page's period picker comes before the widget's sort control.
    await page.locator('select').first().selectOption({ index: 1 });
    await settled(page);
    await workspaceRows(page).first().waitFor();
    const after = await readRows(workspaceRows(page));

    expect(after).not.toEqual(before);
    expect(record.graphqlOperations.filter((name) => name === 'CreditUsagePage')).toHaveLength(2);
  });

  it('charts the daily credits above the table, with a sparkline and a change on every row, a day named on focus, and no axe violations', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    // Back to the current period, where the demo's month-over-month story shows.
    await page.locator('select').first().selectOption({ index: 0 });
    await settled(page);
    const plot = page.locator('.clw-chart-plot');
    await plot.waitFor();
    const chartAbove = await page.evaluate(() => document.querySelector('.clw-chart')!.getBoundingClientRect().bottom <= document.querySelector('[role="treegrid"]')!.getBoundingClientRect().top);
    expect(chartAbove).toBe(true);
    expect(await page.locator('.clw-chart-plot rect[class^="clw-band-"]').count()).toBeGreaterThan(0);
    // Workspace rows and the expanded workspace's campaign rows alike.
    const count = await page.locator('[role="row"][data-row-key]:not([data-more])').count();
    expect(count).toBeGreaterThanOrEqual(await workspaceRows(page).count());
    expect(await page.locator('[role="row"][data-row-key] .clw-spark polyline').count()).toBe(count);
    const changes = await page.locator('[role="row"][data-row-key] .clw-change').evaluateAll((cells) => cells.map((cell) => [cell.textContent, cell.getAttribute('aria-label')]));
    expect(changes).toHaveLength(count);
    for (const [text, name] of changes) expect(`${text} ${name}`).toMatch(/^(▲ [\d,]+ %|▼ [\d,]+ %|new|0 %|–) .+ \d{4}$/);
    await plot.focus();
    await page.keyboard.press('Home');
    expect(await page.locator('.clw-chart-tip').textContent()).toMatch(/^\w{3}, \w{3} \d{1,2}: [\d,]+ credits$/);
    await page.keyboard.press('ArrowRight');
    await expectNoAxeViolations(page);
    await page.screenshot({ path: path.join(ARTIFACTS, 'demo-page-chart-1280.png'), fullPage: true });
    await page.locator('.clw-sort select').selectOption('rise');
    await expectNoAxeViolations(page);
    await page.locator('.clw-sort select').selectOption('credits');
    await page.locator('.clw-chart-data summary').click();
    await expectNoAxeViolations(page);
    await page.locator('.clw-chart-data summary').click();
  });

  it('fits a tablet and a phone: no horizontal overflow at 600, 375 and 320 px, names still readable, credits aligned, nothing in a name cell running over the credits nor past the widget’s border', async () => {
    for (const width of [600, 375, 320]) {
      await page.setViewportSize({ width, height: 800 });
      await workspaceRows(page).first().waitFor();
      const layout = await page.evaluate(() => ({
        pageWidth: document.documentElement.scrollWidth,
        nameWidths: Array.from(document.querySelectorAll<HTMLElement>('[role="row"][data-row-key] [role="rowheader"]')).map((cell) => cell.getBoundingClientRect().width),
        // Each row is a grid of its own: its columns line up with the other rows' only where their widths do not follow the content.
        creditsRightEdges: Array.from(document.querySelectorAll<HTMLElement>('[role="row"] .clw-credits')).map((cell) => {
          const text = document.createRange();
          text.selectNodeContents(cell);
          return text.getBoundingClientRect().right;
        }),
        // What a name cell holds (its budget line, its note) stays inside it: nothing runs over the credits beside it.
        overflowing: Array.from(document.querySelectorAll<HTMLElement>('[role="row"][data-row-key] [role="rowheader"]'))
          .filter((cell) => cell.scrollWidth > cell.clientWidth + 1)
          .map((cell) => `${cell.textContent}: ${cell.scrollWidth} px of content in ${cell.clientWidth} px`),
        // And nothing in the widget reaches past its own border (the header's "usage last arrived …" did).
        pastTheBorder: (() => {
          const widget = document.querySelector<HTMLElement>('.clw')!;
          const inner = widget.getBoundingClientRect().right - parseFloat(getComputedStyle(widget).borderRightWidth);
          return Array.from(widget.querySelectorAll<HTMLElement>('*'))
            .filter((element) => element.getBoundingClientRect().width > 0 && element.getBoundingClientRect().right > inner + 0.5)
            .map((element) => `<${element.tagName.toLowerCase()} class="${element.getAttribute('class') ?? ''}">${(element.textContent ?? '').slice(0, 40)}`);
        })(),
      }));
      expect(layout.pageWidth).toBeLessThanOrEqual(width);
      // Below 44rem the sparklines and bars go; below 26rem the trend moves under the numbers, so that names keep room.
      expect(Math.min(...layout.nameWidths)).toBeGreaterThanOrEqual(width * 0.35);
      expect(Math.max(...layout.creditsRightEdges) - Math.min(...layout.creditsRightEdges)).toBeLessThan(1);
      expect(layout.overflowing).toEqual([]);
      expect(layout.pastTheBorder).toEqual([]);
    }
    await page.screenshot({ path: path.join(ARTIFACTS, 'demo-page-320.png'), fullPage: true });
    await expectNoAxeViolations(page);
    await page.setViewportSize({ width: 1200, height: 900 });
  });

  it('on a phone, scrolls the entries table in its own region instead of cutting off its last column, and keeps the chart still as its caption changes', async () => {
    await page.setViewportSize({ width: 320, height: 800 });
    await page.getByRole('button', { name: /^View entries of / }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('tbody tr').first().waitFor();
    const widths = await page.evaluate(() => {
      const widget = document.querySelector<HTMLElement>('.clw')!;
      const region = document.querySelector<HTMLElement>('[role="dialog"] [role="region"]')!;
      region.scrollLeft = region.scrollWidth;
      const keyHeader = document.querySelector<HTMLElement>('[role="dialog"] thead th:last-child')!.getBoundingClientRect();
      return { widget: [widget.scrollWidth, widget.clientWidth], keyHeaderInside: keyHeader.right <= region.getBoundingClientRect().right + 0.5 && keyHeader.left >= region.getBoundingClientRect().left - 0.5 };
    });
    // The widget clips what passes its border: the table must scroll inside it, its last column in reach.
    expect(widths.widget[0]).toBeLessThanOrEqual(widths.widget[1]);
    expect(widths.keyHeaderInside).toBe(true);
    await expectNoAxeViolations(page);
    await page.keyboard.press('Escape');
    await expect(dialog.count()).resolves.toBe(0);

    const plot = page.locator('.clw-chart-plot');
    await plot.focus();
    const tops: number[] = [];
    for (const key of ['Home', 'End', 'Home']) {
      await page.keyboard.press(key);
      tops.push((await plot.boundingBox())!.y);
    }
    expect(Math.max(...tops) - Math.min(...tops)).toBeLessThan(1);
    await page.setViewportSize({ width: 1200, height: 900 });
  });

  it('opens the entries of a row whose name it had unfolded on focus, rather than letting the button move from under the pointer', async () => {
    await page.setViewportSize({ width: 600, height: 800 });
    if ((await campaignRows(page).count()) === 0) await workspaceRows(page).first().click();
    const row = campaignRows(page).filter({ hasText: 'Q3 Outbound' }).first();
    await row.focus();
    await row.locator('.clw-entries').click();
    await page.getByRole('dialog').locator('tbody tr').first().waitFor();
    await page.keyboard.press('Escape');
    await expect(campaignRows(page).count()).resolves.toBeGreaterThan(0);
    await page.setViewportSize({ width: 1200, height: 900 });
  });

  it('made no request off the machine and logged no errors', () => {
    expect(record.requests.length).toBeGreaterThan(0);
    expect(record.requests.filter((url) => new URL(url).hostname !== '127.0.0.1')).toEqual([]);
    expect(record.problems).toEqual([]);
  });
});
