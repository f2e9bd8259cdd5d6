import { describeEachDatabase } from '../testing/test-databases';
import { startTestServer, TEST_ADMIN_KEY, type TestServer } from '../testing/test-server';
import { createLogger } from '../logging';
import { JUNE_2026, PAGE_QUERY, RECORD_USAGE, entry, upsertCatalog } from '../testing/operations';

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
    expect(lines).toEqual([
      expect.objectContaining({ level: 50, msg: 'internal error', requestId, service: 'creditlens', path: ['recordUsage'], err: expect.objectContaining({ message: 'disk on fire under SELECT secret_hash', stack: expect.any(String) }) }),
    ]);
  });

  it('of the CSV export are logged and answered 500 with the request id, nothing more', async () => {
    jest.spyOn(server.creditlens.services.catalog, 'findAccount').mockRejectedValueOnce(new Error('catalog exploded'));
    const response = await fetch(`${server.url}/export/usage.csv?${new URLSearchParams({ accountId: 'acct_log', ...JUNE_2026 })}`, { headers: { authorization: `Bearer ${TEST_ADMIN_KEY}` } });
    expect(response.status).toBe(500);
    const requestId = response.headers.get('x-request-id');
    expect(await response.json()).toEqual({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } }] });
    expect(lines).toEqual([expect.objectContaining({ level: 50, requestId, path: '/export/usage.csv', err: expect.objectContaining({ message: 'catalog exploded' }) })]);
  });

  it('are the only errors logged: bad input, refusals and null answers write nothing', async () => {
    await server.graphql(PAGE_QUERY, { accountId: 'acct_log', window: { from: JUNE_2026.to, to: JUNE_2026.from } });
    await server.graphql(PAGE_QUERY, { accountId: 'nobody', window: JUNE_2026 }, null);
    await server.graphql('{ nope }');
    expect(lines).toEqual([]);
  });

  it('give every request its own id', async () => {
    const ids = await Promise.all([1, 2, 3].map(async () => (await fetch(`${server.url}/healthz`)).headers.get('x-request-id')));
    expect(new Set(ids).size).toBe(3);
  });
});
