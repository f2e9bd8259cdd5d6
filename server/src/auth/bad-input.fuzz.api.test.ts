import fc from 'fast-check';
import { describeEachDatabase } from '../testing/test-databases';
import { startTestServer, TEST_ADMIN_KEY, type GraphQLResponse, type TestServer } from '../testing/test-server';
import { JUNE_2026, RECORD_USAGE, expectNoErrors, record, upsertCatalog } from '../testing/operations';

/**
 * Property-based bad input: random malformed entries, windows, ids and credentials thrown at
 * the API. Whatever comes in: never a 500, never a partial write, and every refusal is
 * BAD_USER_INPUT, UNAUTHENTICATED or FORBIDDEN with a message that says what was wrong.
 */

const RUNS = 100;
const REFUSALS = new Set(['BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN']);

/** Strings a careless or hostile client sends: unicode, NUL, SQL, huge, empty, other tenants' ids. */
const nastyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '\u0000', 'a\u0000b', "'; DROP TABLE usage_entries; --", '%', '_', '\\', '\ud800', 'acct_theirs', 'ws_theirs', 'c_theirs', '🙂'.repeat(100)),
  fc.string({ minLength: 250, maxLength: 300 }),
);
const instantLike = fc.oneof(
  fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString()),
  fc.constantFrom('2026-06-10T12:00:00Z', '2026-02-30T00:00:00Z', '2026-06-10T24:00:00Z', '2026-13-01T00:00:00Z', '2026-06-10T12:60:00Z', '2026-06-10', '2026-06-10T12:00:00', 'yesterday', '', '9999-12-31T23:59:59Z', '+275760-09-13T00:00:00Z'),
  nastyString,
);
const notAString = fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant([]), fc.constant({}));

const goodEntry = fc.record({
  idempotencyKey: fc.uuid(),
  accountId: fc.constant('acct_mine'),
  workspaceId: fc.constant('ws_mine'),
  campaignId: fc.constantFrom(null, 'c_mine'),
  kind: fc.constant('REPLY'),
  credits: fc.integer({ min: -1000, max: 1000 }),
  occurredAt: fc.constant('2026-06-10T12:00:00Z'),
});
/** A good entry with one to three fields spoiled. */
const badEntry = fc
  .tuple(
    goodEntry,
    fc.uniqueArray(fc.constantFrom('idempotencyKey', 'accountId', 'workspaceId', 'campaignId', 'kind', 'credits', 'occurredAt'), { minLength: 1, maxLength: 3 }),
    fc.array(fc.oneof(nastyString, notAString, instantLike, fc.constantFrom(2 ** 53, -(2 ** 53), 1.5, 'LEAD_FINDING', 'NOPE', Number.MAX_VALUE)), { minLength: 3, maxLength: 3 }),
  )
  .map(([entry, fields, values]) => {
    const spoiled: Record<string, unknown> = { ...entry };
    fields.forEach((field, i) => {
      spoiled[field] = values[i];
    });
    return spoiled;
  });

describeEachDatabase('bad input, fuzzed', (kind) => {
  let server: TestServer;
  let writeKey: string;
  let readKey: string;
  let embedToken: string;
  let fuzzed = 0;

  beforeAll(async () => {
    server = await startTestServer(kind, { limits: { rateLimit: { burst: 1_000_000, perSecond: 1_000_000 } } });
    await upsertCatalog(server, { accountId: 'acct_mine', workspaces: [{ id: 'ws_mine', campaigns: [{ id: 'c_mine' }] }] });
    await upsertCatalog(server, { accountId: 'acct_theirs', workspaces: [{ id: 'ws_theirs', campaigns: [{ id: 'c_theirs' }] }] });
    expectNoErrors(await record(server, [{ key: 'seed', accountId: 'acct_mine', workspaceId: 'ws_mine', credits: 5 }]));
    const key = async (scope: string) =>
      (await server.graphql(`mutation($s: [ApiScope!]!) { createApiKey(accountId: "acct_mine", scopes: $s) { secret } }`, { s: [scope] })).data!.createApiKey.secret as string;
    writeKey = await key('USAGE_WRITE');
    readKey = await key('USAGE_READ');
    embedToken = (await server.graphql(`mutation { createEmbedToken(accountId: "acct_mine") { token } }`)).data!.createEmbedToken.token;
  });
  afterAll(async () => {
    console.log(`bad input, fuzzed (${kind}): ${fuzzed} inputs`);
    await server.stop();
  });

  /** A refusal with one of the contract's codes and a message that names what was wrong. */
  function expectExplainedRefusal(response: GraphQLResponse, mentions: RegExp): void {
    expect(response.status).not.toBe(500);
    for (const error of response.errors!) {
      expect(REFUSALS).toContain(error.extensions?.code);
      expect(error.message).toMatch(mentions);
    }
  }

  async function ledgerSize(): Promise<number> {
    const rows = await server.scratch.db.reader.query<{ n: unknown }>('SELECT COUNT(*) AS n FROM usage_entries');
    return Number(rows[0]!.n);
  }

  it('records a batch with bad entries all or nothing, naming the problem', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof({ weight: 1, arbitrary: goodEntry }, { weight: 2, arbitrary: badEntry }), { minLength: 1, maxLength: 5 }), fc.boolean(), async (entries, asWriteKey) => {
        fuzzed += 1;
        const before = await ledgerSize();
        const response = await server.graphql(RECORD_USAGE, { entries }, asWriteKey ? writeKey : TEST_ADMIN_KEY);
        if (!response.errors) {
          expect(response.data!.recordUsage.accepted + response.data!.recordUsage.duplicates).toBe(entries.length);
          return;
        }
        expectExplainedRefusal(response, /entries|idempotencyKey|accountId|workspaceId|campaignId|kind|credits|occurredAt|account/);
        expect(await ledgerSize()).toBe(before);
      }),
      { numRuns: RUNS },
    );
  });

  it('tells a write-only key probing a recorded key with any content nothing of what was stored', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({ campaignId: fc.constantFrom(null, 'c_mine'), kind: fc.constantFrom('REPLY', 'LEAD_FINDING'), credits: fc.integer({ min: -10, max: 10 }), hour: fc.integer({ min: 0, max: 23 }) }),
        async ({ hour, ...guess }) => {
          fuzzed += 1;
          const probe = { idempotencyKey: 'seed', accountId: 'acct_mine', workspaceId: 'ws_mine', ...guess, occurredAt: `2026-06-10T${String(hour).padStart(2, '0')}:00:00Z` };
          if (probe.kind === 'LEAD_FINDING') probe.campaignId = null;
          const response = await server.graphql(RECORD_USAGE, { entries: [probe] }, writeKey);
          if (!response.errors) return expect(response.data!.recordUsage).toEqual({ accepted: 0, duplicates: 1 });
          expect(response.errors).toEqual([
            expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', problems: [{ index: 0, field: 'idempotencyKey', message: '"seed" was already recorded with different content' }], requestId: expect.any(String) } }),
          ]);
        },
      ),
      { numRuns: 40 },
    );
  }, 30_000);

  it('refuses bad windows and snapshots with BAD_USER_INPUT saying what is wrong', async () => {
    await fc.assert(
      fc.asyncProperty(instantLike, instantLike, fc.option(instantLike), async (from, to, asOf) => {
        fuzzed += 1;
        const query = `query($w: UsageWindowInput!, $asOf: DateTime) { account(id: "acct_mine") { usage(window: $w, asOf: $asOf) { totalCredits } } workspaceUsage(workspaceId: "ws_mine", window: $w, asOf: $asOf) { credits } }`;
        const response = await server.graphql(query, { w: { from, to }, asOf }, readKey);
        if (response.errors) expectExplainedRefusal(response, /window|from|to|asOf|DateTime|\$w/);
        else expect(response.status).toBe(200);
      }),
      { numRuns: RUNS },
    );
  });

  it('answers any id with null or BAD_USER_INPUT, over GraphQL and CSV', async () => {
    await fc.assert(
      fc.asyncProperty(nastyString, fc.constantFrom(TEST_ADMIN_KEY, 'readKey', 'embedToken'), async (id, which) => {
        fuzzed += 1;
        const credential = which === 'readKey' ? readKey : which === 'embedToken' ? embedToken : which;
        const response = await server.graphql(
          `query($id: ID!, $w: UsageWindowInput!) { account(id: $id) { id } workspaceUsage(workspaceId: $id, window: $w) { credits } }`,
          { id, w: JUNE_2026 },
          credential,
        );
        if (response.errors) expectExplainedRefusal(response, /id|\$id/i);
        // The admin key sees every tenant; the others see nothing but null outside their own ids.
        else if (credential !== TEST_ADMIN_KEY) expect(response.data).toEqual({ account: null, workspaceUsage: null });
        const csv = await fetch(`${server.url}/export/usage.csv?${new URLSearchParams({ accountId: id, ...JUNE_2026 })}`, { headers: { authorization: `Bearer ${credential}` } });
        expect(credential === TEST_ADMIN_KEY ? [200, 400, 404] : [400, 404]).toContain(csv.status);
      }),
      { numRuns: RUNS },
    );
  });

  it('answers any malformed or tampered credential with 401 UNAUTHENTICATED', async () => {
    const printable = fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((code) => String.fromCharCode(code)), minLength: 1, maxLength: 200 });
    const tampered = fc.tuple(fc.constantFrom(embedToken, readKey, writeKey), fc.nat(), fc.integer({ min: 0x21, max: 0x7e })).map(([credential, at, code]) => {
      const index = at % credential.length;
      const replacement = String.fromCharCode(code) === credential[index] ? (credential[index] === 'A' ? 'B' : 'A') : String.fromCharCode(code);
      return credential.slice(0, index) + replacement + credential.slice(index + 1);
    });
    const jwtShaped = fc.tuple(printable, printable, printable).map((parts) => parts.map((part) => Buffer.from(part).toString('base64url')).join('.'));
    const algNone = fc.constant(`${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${embedToken.split('.')[1]}.`);
    await fc.assert(
      fc.asyncProperty(fc.oneof(printable, tampered, jwtShaped, algNone, fc.constant('clk_key_AAAAAAAAAAAA_' + 'a'.repeat(43))), async (credential) => {
        fuzzed += 1;
        const response = await server.graphql(`{ account(id: "acct_theirs") { id name } }`, {}, credential);
        if (response.status === 200) {
          // A change in base64url's unused last bits can leave a token intact; it still sees only its own account.
          expect(response.data).toEqual({ account: null });
          return;
        }
        expect(response.status).toBe(401);
        expectExplainedRefusal(response, /credential|API key|embed token/);
      }),
      { numRuns: RUNS },
    );
  });
});
