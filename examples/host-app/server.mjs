// The host app's backend, as small as it can be: it serves the built page (dist/) and mints
// Creditlens embed tokens for the signed-in user's account with the admin key, which never
// leaves this process. A real host checks its own session before minting; this example has one
// account and no sign-in.
//
//   CREDITLENS_GRAPHQL_URL   the API, e.g. http://127.0.0.1:4000/graphql (another origin than this page)
//   CREDITLENS_ADMIN_API_KEY the API's ADMIN_API_KEY (required)
//   CREDITLENS_ACCOUNT_ID    the account whose usage the page shows (default: the demo data's acct_demo)
//   HOST / PORT              where this server listens (default 127.0.0.1:5173; PORT=0 picks a free port)
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const config = readConfig(process.env);
const distDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'dist');
const EMBED_SESSION_PATH = '/api/creditlens/embed-token';
const TOKEN_TTL_SECONDS = 15 * 60;
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

async function mintEmbedSession() {
  const response = await fetch(config.endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${config.adminApiKey}` },
    body: JSON.stringify({ query: MINT_EMBED_TOKEN, variables: { accountId: config.accountId, ttlSeconds: TOKEN_TTL_SECONDS } }),
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
    try {
      const session = await mintEmbedSession();
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(session));
    } catch (error) {
      res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' }).end(error instanceof Error ? error.message : String(error));
    }
    return;
  }
  // Static files of the build; every other path is the page itself (a single-page app).
  const file = path.resolve(distDir, `.${safeDecode(url.pathname)}`);
  if (file.startsWith(distDir + path.sep) && isFile(file)) return sendFile(res, file);
  const page = path.join(distDir, 'index.html');
  if (!isFile(page)) return void res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('dist/index.html is missing: run `npm run build` first');
  sendFile(res, page);
});

server.listen(config.port, config.host, () => {
  const { port } = server.address();
  console.log(`host app listening on http://${config.host}:${port}/ (Creditlens at ${config.endpoint})`);
});
