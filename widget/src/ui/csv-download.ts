import type { UsageWindow } from '../data/usage-window';

/** The CSV export beside the GraphQL endpoint (same origin, `/export/usage.csv`), at the page's snapshot. */
export function usageCsvUrl(endpoint: string, accountId: string, window: UsageWindow, asOf: string): string {
  return exportUrl(endpoint, '/export/usage.csv', { accountId, from: window.from, to: window.to, asOf });
}

/** The entries CSV of one row (`/export/entries.csv`): exactly the entries its panel lists, at the same asOf. */
export function entriesCsvUrl(endpoint: string, accountId: string, window: UsageWindow, asOf: string, filter: { workspaceId?: string | null; campaignId?: string | null; noCampaign?: boolean | null }): string {
  const params: Record<string, string> = { accountId, from: window.from, to: window.to, asOf };
  if (filter.workspaceId) params['workspaceId'] = filter.workspaceId;
  if (filter.campaignId) params['campaignId'] = filter.campaignId;
  if (filter.noCampaign) params['noCampaign'] = '1';
  return exportUrl(endpoint, '/export/entries.csv', params);
}

function exportUrl(endpoint: string, path: string, params: Record<string, string>): string {
  const url = new URL(path, new URL(endpoint, globalThis.location?.href));
  url.search = new URLSearchParams(params).toString();
  return url.toString();
}

/**
 * Fetches the CSV with the widget's token (a plain link could not send `Authorization`) and
 * hands it to the browser as a download.
 */
export async function downloadCsv(fetcher: typeof fetch, url: string, filename: string): Promise<void> {
  const response = await fetcher(url);
  if (!response.ok) throw new Error(`the CSV export answered HTTP ${response.status}`);
  const href = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = href;
  link.download = filename;
  link.hidden = true;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The browser reads the blob after the click's task; revoke it once that has happened.
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
