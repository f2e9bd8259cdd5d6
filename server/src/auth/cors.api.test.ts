import { startTestServer, TEST_ADMIN_KEY, type TestServer } from '../testing/test-server';
import { upsertCatalog } from '../testing/operations';

const ALLOWED = 'https://app.host.example';
const CREATE_EMBED = `mutation { createEmbedToken(accountId: "acct_cors") { token } }`;

const preflight = (url: string, origin: string) =>
  fetch(url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' } });

describe.each([false, true])('CORS preflights with the explorer %s', (explorer) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite', { corsOrigins: [ALLOWED], explorer });
  });
  afterAll(() => server.stop());

  it.each(['/graphql', '/export/usage.csv'])('answers a preflight to %s from a listed origin with the CORS headers', async (path) => {
    const response = await preflight(`${server.url}${path}`, ALLOWED);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-allow-headers')).toContain('authorization');
  });

  it.each(['/graphql', '/export/usage.csv'])('refuses a preflight to %s from an unlisted origin with 403 and no CORS headers', async (path) => {
    const response = await preflight(`${server.url}${path}`, 'https://evil.example');
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('CORS for embed tokens', () => {
  let server: TestServer;
  let token: string;
  beforeAll(async () => {
    server = await startTestServer('sqlite', { corsOrigins: [ALLOWED] });
    await upsertCatalog(server, { accountId: 'acct_cors', workspaces: [{ id: 'ws_cors' }] });
    token = (await server.graphql(CREATE_EMBED)).data!.createEmbedToken.token;
  });
  afterAll(() => server.stop());

  const post = (origin: string | null, credential: string) =>
    fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}`, ...(origin ? { origin } : {}) },
      body: JSON.stringify({ query: '{ account(id: "acct_cors") { id } }' }),
    });

  it('answers a preflight from an allowed origin with the headers the widget needs', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: ALLOWED, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(response.headers.get('access-control-allow-headers')).toContain('authorization');
  });

  it('lets an allowed origin read with an embed token, an answer no shared cache may keep', async () => {
    const response = await post(ALLOWED, token);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ data: { account: { id: 'acct_cors' } } });
  });

  it('refuses any other origin with 403 and no CORS headers, preflight or not', async () => {
    for (const method of ['OPTIONS', 'POST']) {
      const response = await fetch(`${server.url}/graphql`, { method, headers: { origin: 'https://evil.example', authorization: `Bearer ${token}` } });
      expect(response.status).toBe(403);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    }
    const csv = await fetch(`${server.url}/export/usage.csv?accountId=acct_cors`, { headers: { origin: 'https://evil.example', authorization: `Bearer ${token}` } });
    expect(csv.status).toBe(403);
  });

  it('refuses the admin key from a browser origin, even an allowed one', async () => {
    const response = await post(ALLOWED, TEST_ADMIN_KEY);
    expect(response.status).toBe(403);
    expect(JSON.stringify(await response.json())).toContain('only embed tokens');
  });

  it('takes a page on the same host but another scheme for another origin', async () => {
    const otherScheme = server.url.replace(/^http:/, 'https:');
    const response = await post(otherScheme, TEST_ADMIN_KEY);
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('reads the scheme a TLS-terminating proxy forwarded', async () => {
    const https = server.url.replace(/^http:/, 'https:');
    const call = (origin: string, proto: string) =>
      fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ADMIN_KEY}`, origin, 'x-forwarded-proto': proto },
        body: JSON.stringify({ query: '{ account(id: "acct_cors") { id } }' }),
      });
    expect((await call(https, 'https')).status).toBe(200);
    expect((await call(server.url, 'https')).status).toBe(403);
  });

  it('leaves same-origin requests and server calls without Origin alone', async () => {
    expect((await post(server.url, TEST_ADMIN_KEY)).status).toBe(200);
    expect((await post(null, TEST_ADMIN_KEY)).status).toBe(200);
  });
});
