// The host app's backend, as small as it can be: it serves the built page (dist/) and mints
// Creditlens embed tokens for the signed-in user's account with the admin key, which never
// leaves this process. A real host checks its own session before minting; this example has one
// account and no sign-in.
//
//   CREDITLENS_GRAPHQL_URL   the API, e.g. http://127.0.0.1:4000/graphql (another origin than this page)
//   CREDITLENS_ADMIN_API_KEY the API's ADMIN_API_KEY (required)
//   CREDITLENS_ACCOUNT_ID    the account whose usage the page shows (default: the demo data's acct_demo)
//   HOST / PORT              where this server listens (default 127.0.0.1:5173; PORT=0 picks a free port)
//
// For the browser tests, the page can be asked for in the states a host meets (see README):
// `?csp=nonce` answers a strict Content-Security-Policy (`style-src 'nonce-…'`), `?csp=self` one
// with `style-src 'self'`; the token endpoint takes `?ttlSeconds=N` for short tokens.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const config = readConfig(process.env);
const distDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'dist');
const EMBED_SESSION_PATH = '/api/creditlens/embed-token';
const TOKEN_TTL_SECONDS = 15 * 60;
const MIN_TOKEN_TTL_SECONDS = 5;
// vite.config.ts's html.cspNonce: Vite writes it into index.html, replaced here on every request.
const CSP_NONCE_PLACEHOLDER = 'HOST_APP_CSP_NONCE';
const CONTENT_TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.map': 'application/json', '.svg': 'image/svg+xml' };

const MINT_EMBED_TOKEN = `mutation HostMintEmbedToken($accountId: ID!, $ttlSeconds: Int) {
  createEmbedToken(accountId: $accountId, ttlSeconds: $ttlSeconds) { token expiresAt }
}`;

function readConfig(env) {
  const adminApiKey = env.CREDITLENS_ADMIN_API_KEY;
  if (!adminApiKey) throw new Error('CREDITLENS_ADMIN_API_KEY is required: the API\'s ADMIN_API_KEY, to mint embed tokens');
  const endpoint = env.CREDITLENS_GRAPHQL_URL ?? 'http://127.0.0.1:4000/graphql';
  if (!/^https?:\/\//.test(endpoint)) throw new Error(`CREDITLENS_GRAPHQL_URL must be an http(s) URL ending in /graphql, got ${JSON.stringify(endpoint)}`);
  const port = Number(env.PORT ?? 5173);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got ${JSON.stringify(env.PORT)}`);
  return { adminApiKey, endpoint, accountId: env.CREDITLENS_ACCOUNT_ID ?? 'acct_demo', host: env.HOST ?? '127.0.0.1', port };
}

/** `?ttlSeconds=N` of the token endpoint, within [5 s, 15 min]; the default otherwise. */
function tokenTtl(url) {
  const asked = url.searchParams.get('ttlSeconds');
  if (asked === null) return TOKEN_TTL_SECONDS;
  const seconds = Number(asked);
  if (!Number.isInteger(seconds) || seconds < MIN_TOKEN_TTL_SECONDS || seconds > TOKEN_TTL_SECONDS) {
    throw new RangeError(`ttlSeconds must be a whole number of seconds from ${MIN_TOKEN_TTL_SECONDS} to ${TOKEN_TTL_SECONDS}, got ${JSON.stringify(asked)}`);
  }
  return seconds;
}

/** The Content-Security-Policy of the page for `?csp=nonce|self`; none otherwise (the usual dev setup). */
function contentSecurityPolicy(mode, nonce) {
  if (mode !== 'nonce' && mode !== 'self') return undefined;
  const api = new URL(config.endpoint).origin;
  const style = mode === 'nonce' ? `'nonce-${nonce}'` : `'self'`;
  return `default-src 'none'; script-src 'self'; connect-src 'self' ${api}; img-src 'self' data:; style-src ${style}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
}

function sendPage(res, url, page) {
  const nonce = randomBytes(16).toString('base64');
  const html = fs.readFileSync(page, 'utf8').replaceAll(CSP_NONCE_PLACEHOLDER, nonce);
  const policy = contentSecurityPolicy(url.searchParams.get('csp'), nonce);
  res.writeHead(200, { 'content-type': CONTENT_TYPES['.html'], 'cache-control': 'no-store', ...(policy ? { 'content-security-policy': policy } : {}) });
  res.end(html);
}

async function mintEmbedSession(ttlSeconds) {
  const response = await fetch(config.endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${config.adminApiKey}` },
    body: JSON.stringify({ query: MINT_EMBED_TOKEN, variables: { accountId: config.accountId, ttlSeconds } }),
  });
  const body = await response.json();
  if (!response.ok || body.errors) throw new Error(`createEmbedToken failed (HTTP ${response.status}): ${JSON.stringify(body.errors ?? body)}`);
  const { token, expiresAt } = body.data.createEmbedToken;
  return { endpoint: config.endpoint, accountId: config.accountId, token, expiresAt };
}

function isFile(file) {
  return fs.statSync(file, { throwIfNoEntry: false })?.isFile() === true;
}

function safeDecode(pathname) {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}

function sendFile(res, file) {
  res.writeHead(200, { 'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream' });
  fs.createReadStream(file).pipe(res);
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://host.invalid');
  if (url.pathname === EMBED_SESSION_PATH) {
    let ttlSeconds;
    try {
      ttlSeconds = tokenTtl(url);
    } catch (error) {
      return void res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end(error.message);
    }
    try {
      const session = await mintEmbedSession(ttlSeconds);
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(session));
    } catch (error) {
      res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' }).end(error instanceof Error ? error.message : String(error));
    }
    return;
  }
  // Static files of the build; every other path is the page itself (a single-page app).
  const file = path.resolve(distDir, `.${safeDecode(url.pathname)}`);
  if (file.startsWith(distDir + path.sep) && isFile(file) && path.basename(file) !== 'index.html') return sendFile(res, file);
  const page = path.join(distDir, 'index.html');
  if (!isFile(page)) return void res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('dist/index.html is missing: run `npm run build` first');
  sendPage(res, url, page);
});

server.listen(config.port, config.host, () => {
  const { port } = server.address();
  console.log(`host app listening on http://${config.host}:${port}/ (Creditlens at ${config.endpoint})`);
});
