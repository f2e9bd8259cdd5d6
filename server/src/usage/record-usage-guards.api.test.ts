import { describeEachDatabase } from '../testing/test-databases';
import { startTestServer, type TestServer } from '../testing/test-server';
import { JUNE_2026, PAGE_QUERY, record, upsertCatalog, type EntrySpec } from '../testing/operations';

const CREATE_KEY = `mutation($accountId: ID!, $scopes: [ApiScope!]!) { createApiKey(accountId: $accountId, scopes: $scopes) { secret } }`;
const CREATE_EMBED = `mutation($accountId: ID!) { createEmbedToken(accountId: $accountId) { token } }`;
const INVOICE = `query($id: ID!, $period: UsageWindowInput!) { account(id: $id) { invoice(period: $period) { totalCredits } } }`;
const MAX = Number.MAX_SAFE_INTEGER;

describeEachDatabase('recordUsage guards', (kind) => {
  let server: TestServer;
  const accountId = 'acct_guard';
  let writeOnly: string;
  let readWrite: string;
  let readOnly: string;
  let embed: string;

  beforeAll(async () => {
    server = await startTestServer(kind);
    for (const id of [accountId, 'acct_big', 'acct_big2', 'acct_race']) {
      await upsertCatalog(server, { accountId: id, workspaces: [{ id: `${id}_ws`, campaigns: [] }] });
    }
    const key = async (scopes: string[]) => (await server.graphql(CREATE_KEY, { accountId, scopes })).data!.createApiKey.secret as string;
    writeOnly = await key(['USAGE_WRITE']);
    readWrite = await key(['USAGE_READ', 'USAGE_WRITE']);
    readOnly = await key(['USAGE_READ']);
    embed = (await server.graphql(CREATE_EMBED, { accountId })).data!.createEmbedToken.token;
  });
  afterAll(() => server.stop());

  const e = (key: string, credits: number, account = accountId, extra: Partial<EntrySpec> = {}): EntrySpec => ({ key, accountId: account, workspaceId: `${account}_ws`, credits, ...extra });

  async function totalOf(account: string) {
    const { data, errors } = await server.graphql(PAGE_QUERY, { accountId: account, window: JUNE_2026 });
    return { total: data?.account?.usage.totalCredits as number | undefined, errors };
  }

  describe('a conflict on a recorded key', () => {
    beforeAll(async () => {
      expect((await record(server, [e('secret-1', 1234, accountId, { occurredAt: '2026-06-03T04:05:06Z' })])).data!.recordUsage.accepted).toBe(1);
    });

    it('tells a write-only key only that the key was recorded with different content, no field and no stored value', async () => {
      const response = await record(server, [e('secret-1', 1, accountId, { occurredAt: '2026-06-03T04:05:06Z' })], writeOnly);
      expect(response.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
      const problems = response.errors![0]!.extensions!.problems;
      expect(problems).toEqual([{ index: 0, field: 'idempotencyKey', message: '"secret-1" was already recorded with different content' }]);
      const text = JSON.stringify(response.errors);
      for (const leak of ['1234', 'credits:', 'occurredAt', '04:05:06', 'vs']) expect(text).not.toContain(leak);
    });

    it('tells a key that may read the ledger, and the admin key, what differs', async () => {
      for (const token of [readWrite, undefined]) {
        const response = await record(server, [e('secret-1', 1, accountId, { occurredAt: '2026-06-03T04:05:06Z' })], token);
        expect(response.errors![0]!.message).toContain('credits: 1234 vs 1');
      }
    });

    it('still counts a resend with the same content as a duplicate for a write-only key', async () => {
      const response = await record(server, [e('secret-1', 1234, accountId, { occurredAt: '2026-06-03T04:05:06Z' })], writeOnly);
      expect(response.data!.recordUsage).toEqual({ accepted: 0, duplicates: 1 });
    });
  });

  describe('read-only credentials', () => {
    for (const [name, token] of [
      ['a USAGE_READ-only key', () => readOnly],
      ['an embed token', () => embed],
    ] as const) {
      it(`answers FORBIDDEN to ${name}, for an empty batch too, and records nothing`, async () => {
        for (const entries of [[], [e(`ro-${name}`, 5)]]) {
          const response = await record(server, entries, token());
          expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
          expect(response.data?.recordUsage ?? null).toBeNull();
        }
        expect((await record(server, [e(`ro-${name}`, 6)])).data!.recordUsage).toEqual({ accepted: 1, duplicates: 0 });
      });
    }

    it('still accepts an empty batch from a write key', async () => {
      expect((await record(server, [], writeOnly)).data!.recordUsage).toEqual({ accepted: 0, duplicates: 0 });
    });
  });

  describe("an account's lifetime sum of |credits|", () => {
    it('refuses the entry that takes it past 2^53−1, naming it, and records nothing of the batch', async () => {
      const response = await record(server, [e('big-1', MAX - 10, 'acct_big'), e('big-2', 10, 'acct_big'), e('big-3', -1, 'acct_big')]);
      expect(response.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
      expect(response.errors![0]!.extensions!.problems).toEqual([expect.objectContaining({ index: 2, field: 'credits' })]);
      expect(response.errors![0]!.message).toContain('entries[2].credits');
      expect(await totalOf('acct_big')).toEqual({ total: 0, errors: undefined });
    });

    it('counts refunds by their size, across batches, so that the page and the invoice always answer', async () => {
      expect((await record(server, [e('b2-1', MAX - 1, 'acct_big2')])).data!.recordUsage.accepted).toBe(1);
      const passing = await record(server, [e('b2-2', -2, 'acct_big2')]);
      expect(passing.errors![0]!.extensions!.problems).toEqual([expect.objectContaining({ index: 0, field: 'credits' })]);
      expect((await record(server, [e('b2-3', -1, 'acct_big2')])).data!.recordUsage.accepted).toBe(1);
      expect(await totalOf('acct_big2')).toEqual({ total: MAX - 2, errors: undefined });
      const invoice = await server.graphql(INVOICE, { id: 'acct_big2', period: JUNE_2026 });
      expect(invoice.errors).toBeUndefined();
      expect(invoice.data!.account.invoice.totalCredits).toBe(MAX - 2);
      expect((await record(server, [e('b2-4', 1, 'acct_big2')])).errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    });

    it('does not count a resent entry twice: a duplicate adds nothing to the sum', async () => {
      expect((await record(server, [e('b2-1', MAX - 1, 'acct_big2'), e('b2-3', -1, 'acct_big2')])).data!.recordUsage).toEqual({ accepted: 0, duplicates: 2 });
      expect((await record(server, [e('b2-5', 0, 'acct_big2')])).data!.recordUsage).toEqual({ accepted: 1, duplicates: 0 });
    });

    it('lets exactly one of two concurrent batches that together pass the limit through', async () => {
      const half = Math.floor(MAX / 2) + 1;
      const answers = await Promise.all([record(server, [e('race-a', half, 'acct_race')]), record(server, [e('race-b', half, 'acct_race')])]);
      expect(answers.filter((answer) => answer.data?.recordUsage?.accepted === 1)).toHaveLength(1);
      expect(answers.filter((answer) => answer.errors?.[0]?.extensions?.code === 'BAD_USER_INPUT')).toHaveLength(1);
      expect(await totalOf('acct_race')).toEqual({ total: half, errors: undefined });
    });
  });
});
