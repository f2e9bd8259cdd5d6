import * as apiKeys from './api-keys';
import type { ApiKeyRepository, StoredApiKey } from './api-key.repository';
import { createAuthenticator } from './authenticate';
import { createEmbedKeyring } from './embed-tokens';

const NOW = new Date('2026-06-10T12:00:00Z');

describe('authenticate', () => {
  const live = apiKeys.mintApiKey();
  const revoked = apiKeys.mintApiKey();
  const unknown = apiKeys.mintApiKey();
  const expired = apiKeys.mintApiKey();
  const expiring = apiKeys.mintApiKey();
  const storedKey = (minted: apiKeys.MintedApiKey, fields: Partial<StoredApiKey> = {}): [string, StoredApiKey] => [
    minted.keyId,
    { accountId: 'acct', keyId: minted.keyId, secretHash: minted.secretHash, scopes: ['USAGE_READ'], revokedAt: null, label: null, createdAt: NOW, expiresAt: null, lastUsedAt: null, ...fields },
  ];
  const stored = new Map<string, StoredApiKey>([
    storedKey(live),
    storedKey(revoked, { revokedAt: NOW }),
    storedKey(expired, { expiresAt: NOW }),
    storedKey(expiring, { expiresAt: new Date(NOW.getTime() + 1) }),
  ]);
  const lookups: string[] = [];
  const uses: Array<{ keyId: string; at: number }> = [];
  const repository = {
    findByKeyId: async (keyId: string) => (lookups.push(keyId), stored.get(keyId) ?? null),
    recordUse: async (_accountId: string, keyId: string, now: Date) => {
      uses.push({ keyId, at: now.getTime() });
      const key = stored.get(keyId)!;
      stored.set(keyId, { ...key, lastUsedAt: now });
    },
  } as unknown as ApiKeyRepository;
  const authenticator = createAuthenticator({ adminApiKey: 'admin-key-0123456789' }, repository, createEmbedKeyring('k'.repeat(32), []));

  /** The work and the answer of one attempt: lookups, hash comparisons and the error message. */
  async function attempt(credential: string, now = NOW) {
    lookups.length = 0;
    const compare = jest.spyOn(apiKeys, 'secretMatches');
    const outcome = await authenticator.authenticate(`Bearer ${credential}`, now).then(
      () => 'authenticated',
      (error: Error) => error.message,
    );
    const work = { lookups: lookups.length, comparisons: compare.mock.calls.length, outcome };
    compare.mockRestore();
    return work;
  }

  it('accepts a live key after one lookup and one hash comparison', async () => {
    expect(await attempt(live.secret)).toEqual({ lookups: 1, comparisons: 1, outcome: 'authenticated' });
  });

  it('does the same work and says the same for an unknown key id, a wrong secret, a revoked key and an expired key', async () => {
    const wrongSecret = `${live.secret.slice(0, -4)}AAAA`;
    const answers = [await attempt(unknown.secret), await attempt(wrongSecret), await attempt(revoked.secret), await attempt(expired.secret)];
    expect(answers[0]).toEqual({ lookups: 1, comparisons: 1, outcome: expect.stringMatching(/API key is not valid/) });
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    expect(answers[3]).toEqual(answers[0]);
  });

  it('accepts a key until the instant it expires, and refuses it from then on', async () => {
    expect((await attempt(expiring.secret)).outcome).toBe('authenticated');
    expect((await attempt(expiring.secret, new Date(NOW.getTime() + 1))).outcome).toMatch(/API key is not valid/);
  });

  it('writes a key\'s last use at most once per granularity, whatever the number of requests', async () => {
    const key = apiKeys.mintApiKey();
    stored.set(...storedKey(key));
    const at = (ms: number) => new Date(NOW.getTime() + ms);
    const step = apiKeys.LAST_USED_GRANULARITY_MS;
    for (const offset of [0, 1, 1000, step - 1, step, step + 5, 2 * step + 1]) expect((await attempt(key.secret, at(offset))).outcome).toBe('authenticated');
    expect(uses.filter((use) => use.keyId === key.keyId).map((use) => use.at - NOW.getTime())).toEqual([0, step, 2 * step + 1]);
  });

  it('does not write a use that another replica stored within the granularity', async () => {
    const key = apiKeys.mintApiKey();
    stored.set(...storedKey(key, { lastUsedAt: new Date(NOW.getTime() - 1000) }));
    expect((await attempt(key.secret)).outcome).toBe('authenticated');
    expect(uses.filter((use) => use.keyId === key.keyId)).toEqual([]);
  });

  it('tells a tampered embed token from nothing but calls it invalid', async () => {
    const keyring = createEmbedKeyring('k'.repeat(32), []);
    const token = await keyring.sign({ accountId: 'acct', workspaceIds: null, expiresAt: new Date(NOW.getTime() + 60_000) });
    const [header, payload, signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), sub: 'acct_other' })).toString('base64url');
    expect((await attempt(`${header}.${forged}.${signature}`)).outcome).toMatch(/credential is not valid/);
  });
});
