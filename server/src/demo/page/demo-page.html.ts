/** The demo host page's HTML: a shell for the bundled demo app, with its configuration inline. */

export interface DemoPageConfig {
  readonly endpoint: string;
  readonly token: string;
  readonly accountId: string;
}

export const DEMO_ASSETS_PATH = '/demo-assets';

// Inside <script type="application/json">, "<" is the only character that could end the element early.
function inlineJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

export function demoPageHtml(config: DemoPageConfig): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Billing → Usage · Creditlens demo</title>
<link rel="icon" href="data:,">
<style>
  :root { color-scheme: light dark; --host-bg: #f6f8fa; --host-fg: #1f2328; --host-nav: #24292f; --host-muted: #59636e; }
  @media (prefers-color-scheme: dark) { :root { --host-bg: #010409; --host-fg: #e6edf3; --host-nav: #161b22; --host-muted: #9198a1; } }
  body { margin: 0; background: var(--host-bg); color: var(--host-fg); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
  .host { display: grid; grid-template-columns: 13rem 1fr; min-height: 100vh; }
  .host-nav { background: var(--host-nav); color: #fff; padding: 1.25rem 1rem; display: flex; flex-direction: column; gap: .4rem; }
  .host-nav a { color: #c9d1d9; text-decoration: none; padding: .3rem .5rem; border-radius: 6px; }
  .host-nav a[aria-current=page] { background: rgba(255,255,255,.12); color: #fff; }
  .host-brand { font-weight: 700; margin-bottom: 1rem; }
  .host-main { padding: 1.5rem 2.5rem; max-width: 60rem; min-width: 0; }
  .host-crumbs { color: var(--host-muted); margin: 0; font-size: 13px; }
  .host-header { display: flex; align-items: center; justify-content: space-between; gap: 1rem; }
  .host-header h1 { margin: .25rem 0; font-size: 1.6rem; }
  .host-period select { font: inherit; padding: .3rem .5rem; margin-left: .4rem; }
  .host-lede { color: var(--host-muted); }
  @media (max-width: 40rem) {
    .host { grid-template-columns: minmax(0, 1fr); min-height: 0; }
    .host-nav { flex-direction: row; flex-wrap: wrap; align-items: center; padding: .6rem 1rem; }
    .host-brand { margin: 0 .5rem 0 0; }
    .host-main { padding: 1rem; }
    .host-header { flex-wrap: wrap; }
  }
</style>
</head>
<body>
<div id="root"></div>
<script id="creditlens-demo-config" type="application/json">${inlineJson(config)}</script>
<script type="module" src="${DEMO_ASSETS_PATH}/demo.js"></script>
</body>
</html>
`;
}
