import { startTestServer, TEST_ADMIN_KEY, type TestServer } from '../testing/test-server';
import { EXPLORER_CSP } from './explorer.route';

const asBrowser = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

function configOf(html: string): { endpoint: string; tabs: Array<{ query: string; variables?: string }> } {
  const json = /<script type="application\/json" id="explorer-config">(.*?)<\/script>/s.exec(html)?.[1];
  if (!json) throw new Error('the page has no explorer config');
  return JSON.parse(json);
}

describe('the explorer at GET /graphql', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite', { explorer: true });
  });
  afterAll(() => server.stop());

  it('answers a browser with the GraphiQL page, locked to this origin by its Content-Security-Policy', async () => {
    const response = await fetch(`${server.url}/graphql`, { headers: asBrowser });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toBe(EXPLORER_CSP);
    expect(EXPLORER_CSP).toContain("connect-src 'self'");
    const html = await response.text();
    const references = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
    expect(references.sort()).toEqual(['/explorer/explorer.css', '/explorer/explorer.js']);
  });

  it('opens with the page query, the expand query with asOf and recordUsage', async () => {
    const config = configOf(await (await fetch(`${server.url}/graphql`, { headers: asBrowser })).text());
    expect(config.endpoint).toBe('/graphql');
    expect(config.tabs.map((tab) => /^(query|mutation) (\w+)/m.exec(tab.query)?.[2])).toEqual(['Page', 'Expand', 'Record']);
    expect(config.tabs[1]!.query).toContain('$asOf: DateTime');
    expect(JSON.parse(config.tabs[2]!.variables!).entries).toHaveLength(2);
  });

  it('runs its example operations as they are, once given a credential', async () => {
    const config = configOf(await (await fetch(`${server.url}/graphql`, { headers: asBrowser })).text());
    for (const tab of config.tabs) {
      const answer = await server.graphql(tab.query, JSON.parse(tab.variables ?? '{}'));
      // The test database has no demo account: reads answer null, the mutation names the unknown account.
      const codes = (answer.errors ?? []).map((error) => error.extensions?.code);
      expect(codes.every((code) => code === 'BAD_USER_INPUT')).toBe(true);
      expect(answer.status).toBe(200);
    }
  });

  it('serves GraphiQL and its styles from the installed packages', async () => {
    const script = await fetch(`${server.url}/explorer/explorer.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    const code = await script.text();
    expect(code).toContain('graphiql');
    expect(code).toContain('creditlens:credential');
    const styles = await fetch(`${server.url}/explorer/explorer.css`);
    expect(styles.status).toBe(200);
    expect(await styles.text()).toContain('.graphiql-container');
  });

  it('leaves API requests to the API: POST, and GET asking for JSON', async () => {
    const post = await server.graphql('{ __typename }');
    expect(post.data).toEqual({ __typename: 'Query' });
    const get = await fetch(`${server.url}/graphql?query=%7B__typename%7D`, { headers: { accept: 'application/json' } });
    expect(get.headers.get('content-type')).not.toMatch(/text\/html/);
  });
});

describe('with the explorer off', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite', { explorer: false });
  });
  afterAll(() => server.stop());

  it('serves no page and no assets', async () => {
    const page = await fetch(`${server.url}/graphql`, { headers: { ...asBrowser, authorization: `Bearer ${TEST_ADMIN_KEY}` } });
    expect(page.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
    expect((await fetch(`${server.url}/explorer/explorer.js`)).status).toBe(404);
  });
});
