import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WIDGET_CSS } from '../../src/ui/widget-css';

/**
 * A host app on its own origin: serves the harness page in the variants the browser tests need
 * (each with its Content-Security-Policy), the bundled app, the widget's stylesheet as the
 * package ships it, and `/token`, which mints embed tokens with the admin key as a host's
 * backend would.
 */
export type Variant = 'plain' | 'strict' | 'linked';

export interface PageOptions {
  readonly variant: Variant;
  /** The host page's `color-scheme`; "none" declares nothing. */
  readonly scheme: 'light' | 'dark' | 'none';
  readonly ttlSeconds: number;
  /** Adds the host rule `.clw{--clw-bar:rgb(200, 0, 100)}`. */
  readonly override: boolean;
}

export const NONCE = 'aGFybmVzcy1ub25jZQ';
export const OVERRIDE_BAR = 'rgb(200, 0, 100)';

export interface Harness {
  readonly origin: string;
  /** The API's origin, known once the API listens (it needs the harness origin in CORS_ORIGINS first). */
  api: string;
  readonly tokensMinted: () => number;
  pageUrl(options: Partial<PageOptions>): string;
  close(): Promise<void>;
}

export async function startHarness(appJs: string, adminKey: string): Promise<Harness> {
  let minted = 0;
  const harness = {
    origin: '',
    api: '',
    tokensMinted: () => minted,
    pageUrl: (options: Partial<PageOptions>) => `${harness.origin}/page?${new URLSearchParams(Object.entries(options).map(([k, v]) => [k, String(v)]))}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };

  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://harness');
    const send = (status: number, type: string, body: string, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
      response.end(body);
    };
    if (url.pathname === '/harness.js') return send(200, 'text/javascript', appJs);
    if (url.pathname === '/styles.css') return send(200, 'text/css', WIDGET_CSS);
    if (url.pathname === '/host.css') return send(200, 'text/css', hostCss(url.searchParams.get('scheme') ?? 'light', url.searchParams.get('override') === 'true'));
    if (url.pathname === '/token') {
      mintToken(harness.api, adminKey, Number(url.searchParams.get('ttl') ?? 900)).then(
        (token) => {
          minted += 1;
          send(200, 'text/plain', token);
        },
        (error: unknown) => send(502, 'text/plain', String(error)),
      );
      return;
    }
    if (url.pathname === '/page') {
      const options: PageOptions = {
        variant: (url.searchParams.get('variant') as Variant | null) ?? 'plain',
        scheme: (url.searchParams.get('scheme') as PageOptions['scheme'] | null) ?? 'light',
        ttlSeconds: Number(url.searchParams.get('ttlSeconds') ?? 900),
        override: url.searchParams.get('override') === 'true',
      };
      return send(200, 'text/html; charset=utf-8', pageHtml(options, harness.api), csp(options.variant, harness.api));
    }
    send(404, 'text/plain', 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  harness.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return harness;
}

function csp(variant: Variant, api: string): Record<string, string> {
  const common = `default-src 'none'; script-src 'self'; connect-src 'self' ${api}; img-src 'self' data:`;
  if (variant === 'strict') return { 'content-security-policy': `${common}; style-src 'nonce-${NONCE}'` };
  if (variant === 'linked') return { 'content-security-policy': `${common}; style-src 'self'` };
  return {};
}

function hostCss(scheme: string, override: boolean): string {
  return [
    scheme === 'none' ? '' : `:root{color-scheme:${scheme}}`,
    'body{margin:0;font:15px/1.5 system-ui,sans-serif;background:Canvas;color:CanvasText}',
    '#root{padding:16px;max-width:1200px}',
    'h1{font-size:20px;margin:0 0 12px}',
    override ? `.clw{--clw-bar:${OVERRIDE_BAR}}` : '',
  ].join('\n');
}

function pageHtml(options: PageOptions, api: string): string {
  const config = { endpoint: `${api}/graphql`, accountId: 'acct_demo', ttlSeconds: options.ttlSeconds, injectStyles: options.variant !== 'linked', ...(options.variant === 'strict' ? { nonce: NONCE } : {}) };
  const css = hostCss(options.scheme, options.override);
  const styles =
    options.variant === 'linked'
      ? `<link rel="stylesheet" href="/host.css?scheme=${options.scheme}&override=${options.override}"><link rel="stylesheet" href="/styles.css">`
      : `<style${options.variant === 'strict' ? ` nonce="${NONCE}"` : ''}>${css}</style>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Harness host page</title>
<link rel="icon" href="data:,">
${styles}
</head>
<body>
<main id="root"></main>
<script id="harness-config" type="application/json">${JSON.stringify(config).replace(/</g, '\\u003c')}</script>
<script type="module" src="/harness.js"></script>
</body>
</html>`;
}

async function mintToken(api: string, adminKey: string, ttlSeconds: number): Promise<string> {
  const response = await fetch(`${api}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}` },
    body: JSON.stringify({
      query: 'mutation Mint($ttl: Int) { createEmbedToken(accountId: "acct_demo", ttlSeconds: $ttl) { token } }',
      variables: { ttl: ttlSeconds },
    }),
  });
  const body = (await response.json()) as { data?: { createEmbedToken: { token: string } }; errors?: unknown };
  if (!body.data) throw new Error(`createEmbedToken failed: ${JSON.stringify(body.errors)}`);
  return body.data.createEmbedToken.token;
}
