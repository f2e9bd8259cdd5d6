import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { campaignRows, settled, workspaceRows } from './treegrid';

/** The widget's computed background: which theme it paints with. */
export const widgetBackground = (page: Page) => page.locator('.clw').evaluate((element) => getComputedStyle(element).backgroundColor);

/** Zero axe violations on the whole page, from a run that checked something (passes > 10). */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).include('body').analyze();
  expect(results.passes.length).toBeGreaterThan(10);
  expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
}

export async function expandFirstWorkspace(page: Page): Promise<void> {
  await workspaceRows(page).first().click();
  await campaignRows(page).first().waitFor();
  await settled(page);
}

/** Console errors for every CSP violation, so a page's problem record shows them; call before goto. */
export async function reportCspViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`));
  });
}

/**
 * What a narrow page must hold (issue 16, "any width"): the page does not scroll sideways, no
 * part of the widget sticks out of the viewport, every name cell is at least 60 px wide, the
 * share bars are gone before names shrink, the widget is at least `minWidgetWidth` wide, and a
 * name cut with an ellipsis ("Warehouse Automation Leads", in the expanded first workspace) is
 * shown whole while its row has focus and carries the full name as its title.
 */
export async function expectNarrowLayout(page: Page, minWidgetWidth: number): Promise<void> {
  const layout = await page.evaluate(() => ({
    pageWidth: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
    widgetOverflows: Array.from(document.querySelectorAll<HTMLElement>('.clw, .clw *'))
      .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 0.5 && getComputedStyle(element).position !== 'absolute')
      .map((element) => element.className),
    nameWidths: Array.from(document.querySelectorAll<HTMLElement>('[role="row"][data-row-key] [role="rowheader"]')).map((cell) => cell.getBoundingClientRect().width),
    barsShown: Array.from(document.querySelectorAll<HTMLElement>('.clw-bar-box')).filter((bar) => bar.getBoundingClientRect().width > 0).length,
    widgetWidth: document.querySelector('.clw')!.getBoundingClientRect().width,
  }));
  expect(layout.pageWidth).toBeLessThanOrEqual(layout.viewport);
  expect(layout.widgetOverflows).toEqual([]);
  expect(Math.min(...layout.nameWidths)).toBeGreaterThanOrEqual(60);
  expect(layout.barsShown).toBe(0);
  expect(layout.widgetWidth).toBeGreaterThanOrEqual(minWidgetWidth);

  const cut = page.locator('[role="row"][data-row-key]').filter({ has: page.locator('.clw-label') }).filter({ hasText: 'Warehouse Automation Leads' });
  const label = cut.locator('.clw-label');
  const fits = () => label.evaluate((element) => element.scrollWidth <= element.clientWidth);
  expect(await fits()).toBe(false);
  await cut.focus();
  expect(await fits()).toBe(true);
  expect(await label.getAttribute('title')).toBe('Warehouse Automation Leads');
  await workspaceRows(page).first().focus();
}
