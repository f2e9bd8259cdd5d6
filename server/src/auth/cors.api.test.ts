import { startTestServer, TEST_ADMIN_KEY, type TestServer } from '../testing/test-server';
import { upsertCatalog } from '../testing/operations';

const ALLOWED = 'https://app.host.example';
const CREATE_EMBED = `mutation { createEmbedToken(accountId: "acct_cors") { token } }`;

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

  it('leaves same-origin requests and server calls without Origin alone', async () => {
    expect((await post(server.url, TEST_ADMIN_KEY)).status).toBe(200);
    expect((await post(null, TEST_ADMIN_KEY)).status).toBe(200);
  });
});
