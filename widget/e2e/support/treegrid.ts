import type { Locator, Page } from 'playwright-core';

// Data rows carry data-row-key; the loading and error rows share aria-level but not that.
export const WORKSPACE_ROW = '[role="treegrid"] [role="row"][aria-level="1"][data-row-key]';
export const workspaceRows = (page: Page) => page.locator(WORKSPACE_ROW);
export const campaignRows = (page: Page) => page.locator('[role="treegrid"] [role="row"][aria-level="2"][data-row-key]');

/** Credits as printed in en-US ("10,975", "-25"). */
export function credits(text: string): number {
  return Number(text.replace(/[^\d-]/g, ''));
}

/** The rows' cells as read on screen: name, credits, percent. */
export async function readRows(rows: Locator): Promise<Array<{ name: string; credits: number; percent: string }>> {
  const cells = await rows.evaluateAll((elements) =>
    elements.map((row) => {
      const children = Array.from(row.children) as HTMLElement[];
      return { name: children[0]!.querySelector('.clw-label')!.textContent!, credits: children[1]!.textContent!, percent: children[2]!.textContent! };
    }),
  );
  return cells.map((row) => ({ ...row, credits: credits(row.credits) }));
}

/** The account total in the widget's footer. */
export async function footerTotal(page: Page): Promise<number> {
  return credits((await page.locator('.clw-footer .clw-credits').textContent())!);
}

/** Resolves once no query of the treegrid is in flight. */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('[role="treegrid"]')?.getAttribute('aria-busy') === 'false');
}
