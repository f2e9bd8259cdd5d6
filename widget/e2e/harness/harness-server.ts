import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A host page on its own origin for what examples/host-app does not show (host-owned row
 * actions, a 280 px container): serves the page, the bundled app, and `/token`, which mints
 * embed tokens with the admin key as a host's backend would.
 */
export interface PageOptions {
  /** The host page's `color-scheme`. */
  readonly scheme: 'light' | 'dark';
  /** Padding around the widget, in px: 16 leaves a 312 px page a 280 px container. */
  readonly padding: number;
}

export interface Harness {
  readonly origin: string;
  /** The API's origin, known once the API listens (it needs the harness origin in CORS_ORIGINS first). */
  api: string;
  pageUrl(options: Partial<PageOptions>): string;
  close(): Promise<void>;
}

export async function startHarness(appJs: string, adminKey: string): Promise<Harness> {
  const harness = {
    origin: '',
    api: '',
    pageUrl: (options: Partial<PageOptions>) => `${harness.origin}/page?${new URLSearchParams(Object.entries(options).map(([k, v]) => [k, String(v)]))}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };

  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://harness');
    const send = (status: number, type: string, body: string) => {
      response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      response.end(body);
    };
    if (url.pathname === '/harness.js') return send(200, 'text/javascript', appJs);
    if (url.pathname === '/token') {
      mintToken(harness.api, adminKey).then(
        (token) => send(200, 'text/plain', token),
        (error: unknown) => send(502, 'text/plain', String(error)),
      );
      return;
    }
    if (url.pathname === '/page') {
      const options: PageOptions = {
        scheme: url.searchParams.get('scheme') === 'dark' ? 'dark' : 'light',
        padding: Number(url.searchParams.get('padding') ?? 16),
      };
      return send(200, 'text/html; charset=utf-8', pageHtml(options, harness.api));
    }
    send(404, 'text/plain', 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  harness.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return harness;
}

function pageHtml(options: PageOptions, api: string): string {
  const config = { endpoint: `${api}/graphql`, accountId: 'acct_demo' };
  const css = [
    `:root{color-scheme:${options.scheme}}`,
    'body{margin:0;font:15px/1.5 system-ui,sans-serif;background:Canvas;color:CanvasText}',
    `#root{padding:${options.padding}px;max-width:1200px}`,
    'h1{font-size:20px;margin:0 0 12px}',
  ].join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Harness host page</title>
<link rel="icon" href="data:,">
<style>${css}</style>
</head>
<body>
<main id="root"></main>
<script id="harness-config" type="application/json">${JSON.stringify(config).replace(/</g, '\\u003c')}</script>
<script type="module" src="/harness.js"></script>
</body>
</html>`;
}

async function mintToken(api: string, adminKey: string): Promise<string> {
  const response = await fetch(`${api}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}` },
    body: JSON.stringify({ query: 'mutation Mint { createEmbedToken(accountId: "acct_demo") { token } }' }),
  });
  const body = (await response.json()) as { data?: { createEmbedToken: { token: string } }; errors?: unknown };
  if (!body.data) throw new Error(`createEmbedToken failed: ${JSON.stringify(body.errors)}`);
  return body.data.createEmbedToken.token;
}
