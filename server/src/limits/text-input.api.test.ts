import { describeEachDatabase } from '../testing/test-databases';
import { startTestServer, TEST_ADMIN_KEY, type TestServer } from '../testing/test-server';
import { JUNE_2026, PAGE_QUERY, entry, record, upsertCatalog, type EntrySpec } from '../testing/operations';
import { deepJsonArray } from './attacks';

const UPSERT_ACCOUNT = `mutation($input: AccountInput!) { upsertAccount(input: $input) { id name } }`;
const UPSERT_WORKSPACE = `mutation($input: WorkspaceInput!) { upsertWorkspace(input: $input) { id name } }`;
const UPSERT_CAMPAIGN = `mutation($input: CampaignInput!) { upsertCampaign(input: $input) { id name } }`;

describeEachDatabase('text and nesting of the input', (kind) => {
  let server: TestServer;
  const accountId = 'acct_text';
  const e = (key: string, credits = 1): EntrySpec => ({ key, accountId, workspaceId: 'ws_text', credits });

  beforeAll(async () => {
    // Production mode, as an attacker meets it: no stack traces in the answers.
    server = await startTestServer(kind, { production: true });
    await upsertCatalog(server, { accountId, workspaces: [{ id: 'ws_text', campaigns: [{ id: 'c_text' }] }] });
  });
  afterAll(() => server.stop());

  async function totalCredits(): Promise<number> {
    return (await server.graphql(PAGE_QUERY, { accountId, window: JUNE_2026 })).data!.account.usage.totalCredits;
  }

  /** POSTs a JSON body written out by hand (JSON.stringify cannot write 100,000 levels). */
  async function post(body: string) {
    const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ADMIN_KEY}` }, body });
    return { status: response.status, ...((await response.json()) as { errors?: Array<{ message: string; extensions: Record<string, unknown> }> }) };
  }

  it('refuses an idempotency key with a lone surrogate, naming the entry and field, and records nothing of the batch', async () => {
    const batch = [e('s-1'), e('s-2'), e('s-3'), e('k-\ud800')];
    const refused = await record(server, batch);
    expect(refused.status).toBe(400);
    expect(refused.errors).toEqual([
      { message: expect.stringMatching(/^entries\[3\]\.idempotencyKey: contains an unpaired UTF-16 surrogate \(U\+D800\)/), extensions: { code: 'BAD_USER_INPUT', field: 'entries[3].idempotencyKey', requestId: expect.any(String) } },
    ]);
    // Resent, it is refused the same way (not an internal error against a stored U+FFFD), and the key with U+FFFD is new.
    expect((await record(server, batch)).errors![0]!.extensions!.field).toBe('entries[3].idempotencyKey');
    expect((await record(server, [...batch.slice(0, 3), e('k-\ufffd')])).data!.recordUsage).toEqual({ accepted: 4, duplicates: 0 });
    expect(await totalCredits()).toBe(4);
  });

  it('refuses lone surrogates in the ids and names of upserts, naming the field, and stores nothing', async () => {
    const account = await server.graphql(UPSERT_ACCOUNT, { input: { id: 'acct_surrogate', name: 'Acme \udc00', timezone: 'UTC' } });
    expect(account).toMatchObject({ status: 400, errors: [{ extensions: { code: 'BAD_USER_INPUT', field: 'input.name' } }] });
    expect((await server.graphql(`{ account(id: "acct_surrogate") { id } }`)).data).toEqual({ account: null });
    const workspace = await server.graphql(UPSERT_WORKSPACE, { input: { id: 'ws_\ud83d', accountId, name: 'Sales' } });
    expect(workspace).toMatchObject({ status: 400, errors: [{ extensions: { code: 'BAD_USER_INPUT', field: 'input.id' } }] });
    const campaign = await server.graphql(UPSERT_CAMPAIGN, { input: { id: 'c_text', workspaceId: 'ws_text', name: '\ud800 launch' } });
    expect(campaign).toMatchObject({ status: 400, errors: [{ extensions: { code: 'BAD_USER_INPUT', field: 'input.name' } }] });
  });

  it('keeps paired surrogates (emoji) in keys and names exactly', async () => {
    const account = await server.graphql(UPSERT_ACCOUNT, { input: { id: 'acct_emoji_🙂', name: 'Acme 🙂 𝄞', timezone: 'UTC' } });
    expect(account.data).toEqual({ upsertAccount: { id: 'acct_emoji_🙂', name: 'Acme 🙂 𝄞' } });
    expect((await record(server, [e('key-🙂', 2)])).data!.recordUsage).toEqual({ accepted: 1, duplicates: 0 });
    expect((await record(server, [e('key-🙂', 2)])).data!.recordUsage).toEqual({ accepted: 0, duplicates: 1 });
  });

  it('refuses a lone surrogate in an inline literal before it runs (the parser does), raw or escaped, and records nothing', async () => {
    const before = await totalCredits();
    const withKey = (key: string) =>
      `mutation { recordUsage(entries: [{ idempotencyKey: "${key}", accountId: "${accountId}", workspaceId: "ws_text", kind: LEAD_FINDING, credits: 1, occurredAt: "2026-06-10T12:00:00Z" }]) { accepted } }`;
    const raw = await server.graphql(withKey('lit-\ud800'));
    expect(raw).toMatchObject({ status: 400, errors: [{ message: expect.stringContaining('U+D800'), extensions: { code: 'GRAPHQL_PARSE_FAILED' } }] });
    const escaped = await server.graphql(withKey('lit-\\ud800'));
    expect(escaped).toMatchObject({ status: 400, errors: [{ message: expect.stringContaining('\\ud800'), extensions: { code: 'GRAPHQL_PARSE_FAILED' } }] });
    expect(await totalCredits()).toBe(before);
  });

  it('names the entry and field of a NUL character in an inline literal', async () => {
    const response = await server.graphql(
      `mutation { recordUsage(entries: [{ idempotencyKey: "nul-\\u0000", accountId: "${accountId}", workspaceId: "ws_text", kind: LEAD_FINDING, credits: 1, occurredAt: "2026-06-10T12:00:00Z" }]) { accepted } }`,
    );
    expect(response).toMatchObject({ status: 400, errors: [{ message: expect.stringMatching(/^entries\[0\]\.idempotencyKey: contains the NUL character/), extensions: { code: 'BAD_USER_INPUT', field: 'entries[0].idempotencyKey' } }] });
  });

  it('refuses variables nested 100,000 deep with 400 naming where the nesting limit was passed', async () => {
    const response = await post(`{"query":"{ __typename }","variables":{"deep":${deepJsonArray(100_000)}}}`);
    expect(response.status).toBe(400);
    expect(response.errors).toEqual([
      { message: expect.stringContaining('nests deeper than 32 levels'), extensions: { code: 'BAD_USER_INPUT', field: `deep${'[0]'.repeat(32)}`, limit: 'nesting', requestId: expect.any(String) } },
    ]);
  });

  it('refuses an entry whose field nests 100,000 deep, naming the entry, and records nothing', async () => {
    const before = await totalCredits();
    const good = JSON.stringify(entry(e('deep-ok')));
    const deep = JSON.stringify(entry(e('placeholder'))).replace('"placeholder"', deepJsonArray(100_000));
    const response = await post(`{"query":"mutation($entries: [UsageEntryInput!]!) { recordUsage(entries: $entries) { accepted } }","variables":{"entries":[${good},${deep}]}}`);
    expect(response.status).toBe(400);
    expect(response.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', field: `entries[1].idempotencyKey${'[0]'.repeat(30)}`, limit: 'nesting', requestId: expect.any(String) });
    expect(await totalCredits()).toBe(before);
  });
});
