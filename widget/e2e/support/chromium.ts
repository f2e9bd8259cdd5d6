import fs from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's chromium (.ci/run installs it), driven by playwright-core. */
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function requireChromium(): void {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (or set CHROMIUM_PATH)`);
}

export async function launchChromium(profileDir: string, viewport: { width: number; height: number }): Promise<{ browser: BrowserContext; page: Page }> {
  const browser = await chromium.launchPersistentContext(profileDir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport, colorScheme: 'light' });
  return { browser, page: browser.pages()[0] ?? (await browser.newPage()) };
}

export interface PageRecord {
  /** Every URL the page asked for. */
  readonly requests: string[];
  /** The operationName of every POST to a …/graphql URL, in order. */
  readonly graphqlOperations: string[];
  /** Console errors and warnings, HTTP answers ≥ 400, uncaught exceptions. */
  readonly problems: string[];
}

/** Records what a page does, for tests that then say what it must (not) have done. */
export function recordPage(page: Page): PageRecord {
  const record: PageRecord = { requests: [], graphqlOperations: [], problems: [] };
  page.on('request', (request) => {
    record.requests.push(request.url());
    if (request.method() === 'POST' && new URL(request.url()).pathname.endsWith('/graphql')) {
      record.graphqlOperations.push((request.postDataJSON() as { operationName: string }).operationName);
    }
  });
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') record.problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) record.problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  page.on('pageerror', (error) => record.problems.push(`pageerror: ${error.message}`));
  return record;
}

/** A browser for tests that open many pages, each in a fresh context (its own viewport and OS colour scheme). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}
