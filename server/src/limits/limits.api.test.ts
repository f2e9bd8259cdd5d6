import { getIntrospectionQuery } from 'graphql';
import { describeEachDatabase } from '../testing/test-databases';
import { startTestServer, TEST_ADMIN_KEY, type TestServer } from '../testing/test-server';
import { PAGE_QUERY, upsertCatalog } from '../testing/operations';

const CREATE_KEY = `mutation($accountId: ID!) { createApiKey(accountId: $accountId, scopes: [USAGE_READ]) { secret } }`;

describeEachDatabase('limits over HTTP', (kind) => {
  let server: TestServer;
  let now = 0;
  let readKey: string;

  beforeAll(async () => {
    server = await startTestServer(kind, { limits: { rateLimit: { burst: 2, perSecond: 0.5 }, clock: () => now } });
    await upsertCatalog(server, { accountId: 'acct_limits', workspaces: [{ id: 'ws_limits' }] });
    readKey = (await server.graphql(CREATE_KEY, { accountId: 'acct_limits' })).data!.createApiKey.secret;
  });
  afterAll(() => server.stop());

  it('answers 429 with Retry-After once a credential used its burst, and lets it in again after that', async () => {
    now += 3_600_000;
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await server.graphql(PAGE_QUERY, { accountId: 'acct_limits' }, readKey)).status);
    expect(statuses).toEqual([200, 200, 429]);
    const refused = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${readKey}` },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('2');
    expect(await refused.json()).toEqual({ errors: [{ message: expect.stringContaining('retry after 2 s'), extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 2, requestId: expect.any(String) } }] });
    now += 2000;
    expect((await server.graphql(PAGE_QUERY, { accountId: 'acct_limits' }, readKey)).status).toBe(200);
  });

  it('never throttles the admin key', async () => {
    const statuses = new Set<number>();
    for (let i = 0; i < 10; i += 1) statuses.add((await server.graphql(PAGE_QUERY, { accountId: 'acct_limits' }, TEST_ADMIN_KEY)).status);
    expect([...statuses]).toEqual([200]);
  });

  it('answers introspection to a credential and 401 to none', async () => {
    const query = getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true });
    const anonymous = await server.graphql(query, {}, null);
    expect(anonymous.status).toBe(401);
    expect(anonymous.data).toBeUndefined();
    const admin = await server.graphql(query);
    expect(admin.errors).toBeUndefined();
    expect(admin.data!.__schema.queryType.name).toBe('Query');
  });

  it('refuses an over-limit query with 400 before it runs, saying which limit', async () => {
    const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: account(id: "acct_limits") { id }`).join(' ');
    const response = await server.graphql(`{ ${aliases} }`);
    expect(response.status).toBe(400);
    expect(response.errors![0]).toMatchObject({ message: expect.stringContaining('31 root fields'), extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'rootFields' } });
  });

  it('refuses a query of more than 3,000 tokens with 400 before parsing it, naming the limit, and lets 3,000 through', async () => {
    const aliases = Array.from({ length: 999 }, (_, i) => `a${i}: __typename`).join(' ');
    const threeThousand = `{ __typename ${aliases} }`;
    expect(await server.graphql(threeThousand)).toMatchObject({ status: 200, data: { __typename: 'Query', a998: 'Query' } });
    const oneMore = `{ __typename __typename ${aliases} }`;
    const refused = await server.graphql(oneMore);
    expect(refused.status).toBe(400);
    expect(refused.errors).toEqual([
      {
        message: 'the query has more than 3,000 tokens (names, punctuation and values), the most one request may hold: split it into several requests',
        extensions: { code: 'BAD_USER_INPUT', limit: 'tokens', locations: [{ line: 1, column: oneMore.length }], requestId: expect.any(String) },
      },
    ]);
  });

  it('refuses a query over the token limit sent by GET too', async () => {
    const query = `{ ${'$'.repeat(3_000)} }`;
    const response = await fetch(`${server.url}/graphql?query=${encodeURIComponent(query)}`, { headers: { authorization: `Bearer ${TEST_ADMIN_KEY}`, 'apollo-require-preflight': '1' } });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: Array<{ extensions: { limit: string } }> }).errors[0]!.extensions.limit).toBe('tokens');
  });

  it('refuses brackets nested deeper than 32 with 400 before parsing, saying where', async () => {
    const nested = (depth: number) => `{ account(id: ${'['.repeat(depth)}"a"${']'.repeat(depth)}) { id } }`;
    expect((await server.graphql(nested(30))).errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const refused = await server.graphql(nested(1_400));
    expect(refused.status).toBe(400);
    expect(refused.errors).toEqual([
      {
        message: 'the query opens more than 32 brackets ({, [ or () inside each other at line 1, column 45; at most 32 are allowed',
        extensions: { code: 'BAD_USER_INPUT', limit: 'nesting', locations: [{ line: 1, column: 45 }], requestId: expect.any(String) },
      },
    ]);
  });

  it('refuses a body over 8 MiB with 413', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ADMIN_KEY}` },
      body: JSON.stringify({ query: '{ __typename }', variables: { padding: 'x'.repeat(8 * 1024 * 1024) } }),
    });
    expect(response.status).toBe(413);
  });
});
