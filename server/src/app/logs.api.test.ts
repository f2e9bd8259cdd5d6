import { describeEachDatabase } from '../testing/test-databases';
import { startTestServer, TEST_ADMIN_KEY, type TestServer } from '../testing/test-server';
import { createLogger } from '../logging';
import { JUNE_2026, PAGE_QUERY, RECORD_USAGE, entry, upsertCatalog } from '../testing/operations';

/** The lines of internal errors (level 50), without the one line per request (level 30). */
const errorsOf = (lines: Record<string, any>[]) => lines.filter((line) => line.level >= 50);

/** A logger whose JSON lines the test reads back. */
function recordingLogger() {
  const lines: Record<string, any>[] = [];
  const logger = createLogger({ level: 'info', destination: { write: (line: string) => void lines.push(JSON.parse(line)) } });
  return { logger, lines };
}

describeEachDatabase('internal errors', (kind) => {
  let server: TestServer;
  let lines: Record<string, any>[];
  beforeAll(async () => {
    const recording = recordingLogger();
    lines = recording.lines;
    server = await startTestServer(kind, { production: true, logger: recording.logger });
    await upsertCatalog(server, { accountId: 'acct_log', workspaces: [{ id: 'ws_log', campaigns: [] }] });
  });
  afterAll(() => server.stop());
  beforeEach(() => {
    lines.length = 0;
    jest.restoreAllMocks();
  });

  it('are logged as JSON with the request id that the masked client error and the x-request-id header carry', async () => {
    jest.spyOn(server.creditlens.services.recordUsage, 'record').mockRejectedValueOnce(new Error('disk on fire under SELECT secret_hash'));
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ADMIN_KEY}` },
      body: JSON.stringify({ query: RECORD_USAGE, variables: { entries: [entry({ key: 'k', accountId: 'acct_log', workspaceId: 'ws_log', credits: 1 })] } }),
    });
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const text = await response.text();
    expect(text).not.toMatch(/disk on fire|secret_hash|stacktrace/);
    const body = JSON.parse(text);
    expect(body.errors[0]).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } });
    expect(errorsOf(lines)).toEqual([
      expect.objectContaining({ level: 50, msg: 'internal error', requestId, service: 'creditlens', path: ['recordUsage'], err: expect.objectContaining({ message: 'disk on fire under SELECT secret_hash', stack: expect.any(String) }) }),
    ]);
  });

  it('of the CSV export are logged and answered 500 with the request id, nothing more', async () => {
    jest.spyOn(server.creditlens.services.catalog, 'findAccount').mockRejectedValueOnce(new Error('catalog exploded'));
    const response = await fetch(`${server.url}/export/usage.csv?${new URLSearchParams({ accountId: 'acct_log', ...JUNE_2026 })}`, { headers: { authorization: `Bearer ${TEST_ADMIN_KEY}` } });
    expect(response.status).toBe(500);
    const requestId = response.headers.get('x-request-id');
    expect(await response.json()).toEqual({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } }] });
    expect(errorsOf(lines)).toEqual([expect.objectContaining({ level: 50, requestId, path: '/export/usage.csv', err: expect.objectContaining({ message: 'catalog exploded' }) })]);
  });

  it('leave every other error answered with the request id of its x-request-id header too: GraphQL input errors, refusals before GraphQL, the export routes', async () => {
    const answers = [
      await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ADMIN_KEY}` },
        body: JSON.stringify({ query: RECORD_USAGE, variables: { entries: [entry({ key: '', accountId: 'acct_log', workspaceId: 'ws_log', credits: 1 })] } }),
      }),
      await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer not-a-credential' }, body: JSON.stringify({ query: '{ __typename }' }) }),
      await fetch(`${server.url}/export/usage.csv?${new URLSearchParams({ accountId: 'acct_nowhere', ...JUNE_2026 })}`, { headers: { authorization: `Bearer ${TEST_ADMIN_KEY}` } }),
    ];
    for (const response of answers) {
      const requestId = response.headers.get('x-request-id');
      const body = (await response.json()) as { errors: { extensions: Record<string, unknown> }[] };
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(body.errors.length).toBeGreaterThan(0);
      for (const error of body.errors) expect(error.extensions).toMatchObject({ code: expect.any(String), requestId });
    }
    expect(answers.map((response) => response.status)).toEqual([200, 401, 404]);
  });

  it('are the only errors logged: bad input, refusals and null answers write nothing', async () => {
    await server.graphql(PAGE_QUERY, { accountId: 'acct_log', window: { from: JUNE_2026.to, to: JUNE_2026.from } });
    await server.graphql(PAGE_QUERY, { accountId: 'nobody', window: JUNE_2026 }, null);
    await server.graphql('{ nope }');
    expect(errorsOf(lines)).toEqual([]);
  });

  it('give every request its own id', async () => {
    const ids = await Promise.all([1, 2, 3].map(async () => (await fetch(`${server.url}/healthz`)).headers.get('x-request-id')));
    expect(new Set(ids).size).toBe(3);
  });
});

const CREATE_KEY = `mutation($accountId: ID!) { createApiKey(accountId: $accountId, scopes: [USAGE_READ, USAGE_WRITE]) { id secret } }`;
const MINT = `mutation($accountId: ID!) { createEmbedToken(accountId: $accountId, ttlSeconds: 600) { token } }`;

describeEachDatabase('the request log', (kind) => {
  let server: TestServer;
  let lines: Record<string, any>[];
  let raw: string[];
  let key: { id: string; secret: string };
  beforeAll(async () => {
    lines = [];
    raw = [];
    const logger = createLogger({ level: 'info', destination: { write: (line: string) => void (raw.push(line), lines.push(JSON.parse(line))) } });
    server = await startTestServer(kind, { production: true, logger, limits: { rateLimit: { burst: 1, perSecond: 0.001 } } });
    await upsertCatalog(server, { accountId: 'acct_reqlog', workspaces: [{ id: 'ws_reqlog', campaigns: [] }] });
    key = (await server.graphql(CREATE_KEY, { accountId: 'acct_reqlog' })).data!.createApiKey;
  });
  afterAll(() => server.stop());
  beforeEach(() => {
    lines.length = 0;
    raw.length = 0;
  });
  const requestLines = () => lines.filter((line) => line.msg === 'request');

  it('writes one JSON line per request: id, operation and its name, credential kind and key id, status, outcome and duration', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key.secret}` },
      body: JSON.stringify({ query: `query UsagePage($accountId: ID!, $window: UsageWindowInput) { account(id: $accountId) { id usage(window: $window) { totalCredits } } }`, variables: { accountId: 'acct_reqlog', window: JUNE_2026 } }),
    });
    expect(response.status).toBe(200);
    expect(requestLines()).toEqual([
      {
        level: 30,
        time: expect.any(Number),
        service: 'creditlens',
        msg: 'request',
        requestId: response.headers.get('x-request-id'),
        method: 'POST',
        path: '/graphql',
        operation: 'account',
        operationName: 'UsagePage',
        credential: 'apiKey',
        keyId: key.id,
        accountId: 'acct_reqlog',
        status: 200,
        outcome: 'ok',
        durationMs: expect.any(Number),
      },
    ]);
    expect(requestLines()[0].durationMs).toBeGreaterThan(0);
  });

  it('names a refusal by its code, and never writes a secret or a token', async () => {
    const token = (await server.graphql(MINT, { accountId: 'acct_reqlog' })).data!.createEmbedToken.token as string;
    const withToken = await server.graphql(PAGE_QUERY, { accountId: 'acct_reqlog', window: JUNE_2026 }, token);
    expect(withToken.status).toBe(200);
    // The burst of 1 is spent by the first test's request: this one is refused before the body is read.
    const refused = await server.graphql(PAGE_QUERY, { accountId: 'acct_reqlog', window: JUNE_2026 }, key.secret);
    expect(refused.status).toBe(429);
    const anonymous = await server.graphql(PAGE_QUERY, { accountId: 'acct_reqlog' }, 'clk_not_a_key');
    expect(anonymous.status).toBe(401);
    const [mint, embed, limited, unknown] = requestLines();
    expect(mint).toMatchObject({ credential: 'admin', operation: 'mutation createEmbedToken', outcome: 'ok' });
    expect(mint.keyId).toBeUndefined();
    expect(embed).toMatchObject({ credential: 'embed', keyId: expect.any(String), accountId: 'acct_reqlog', status: 200 });
    expect(limited).toMatchObject({ credential: 'apiKey', keyId: key.id, operation: 'graphql', status: 429, outcome: 'rate_limited' });
    expect(unknown).toMatchObject({ credential: 'none', status: 401, outcome: 'unauthenticated' });
    const written = raw.join('');
    for (const secret of [key.secret, token, TEST_ADMIN_KEY, 'clk_not_a_key']) expect(written).not.toContain(secret);
  });

  it('writes the internal error with its stack and the request line with the same request id', async () => {
    jest.spyOn(server.creditlens.services.catalog, 'findAccount').mockRejectedValueOnce(new Error('catalog exploded'));
    const response = await fetch(`${server.url}/export/usage.csv?${new URLSearchParams({ accountId: 'acct_reqlog', ...JUNE_2026 })}`, { headers: { authorization: `Bearer ${TEST_ADMIN_KEY}` } });
    expect(response.status).toBe(500);
    const requestId = response.headers.get('x-request-id');
    expect(lines).toEqual([
      expect.objectContaining({ level: 50, msg: 'internal error', requestId, err: expect.objectContaining({ stack: expect.stringContaining('catalog exploded') }) }),
      expect.objectContaining({ level: 30, msg: 'request', requestId, operation: '/export/usage.csv', status: 500, outcome: 'internal_server_error' }),
    ]);
  });

  it('writes probes of /healthz and /metrics at debug level only', async () => {
    await fetch(`${server.url}/healthz`);
    await fetch(`${server.url}/metrics`);
    expect(lines).toEqual([]);
  });
});

describe('LOG_LEVEL', () => {
  it('drops the request lines below the level set', async () => {
    const lines: string[] = [];
    const server = await startTestServer('sqlite', { logger: createLogger({ level: 'warn', destination: { write: (line: string) => void lines.push(line) } }) });
    try {
      expect((await server.graphql('{ __typename }')).status).toBe(200);
      expect(lines).toEqual([]);
    } finally {
      await server.stop();
    }
  });
});
