import * as apiKeys from './api-keys';
import type { ApiKeyRepository, StoredApiKey } from './api-key.repository';
import { createAuthenticator } from './authenticate';
import { createEmbedKeyring } from './embed-tokens';

const NOW = new Date('2026-06-10T12:00:00Z');

describe('authenticate', () => {
  const live = apiKeys.mintApiKey();
  const revoked = apiKeys.mintApiKey();
  const unknown = apiKeys.mintApiKey();
  const stored = new Map<string, StoredApiKey>([
    [live.keyId, { accountId: 'acct', keyId: live.keyId, secretHash: live.secretHash, scopes: ['USAGE_READ'], revokedAt: null }],
    [revoked.keyId, { accountId: 'acct', keyId: revoked.keyId, secretHash: revoked.secretHash, scopes: ['USAGE_READ'], revokedAt: NOW }],
  ]);
  const lookups: string[] = [];
  const repository = {
    findByKeyId: async (keyId: string) => (lookups.push(keyId), stored.get(keyId) ?? null),
  } as unknown as ApiKeyRepository;
  const authenticator = createAuthenticator({ adminApiKey: 'admin-key-0123456789' }, repository, createEmbedKeyring('k'.repeat(32), []));

  /** The work and the answer of one attempt: lookups, hash comparisons and the error message. */
  async function attempt(credential: string) {
    lookups.length = 0;
    const compare = jest.spyOn(apiKeys, 'secretMatches');
    const outcome = await authenticator.authenticate(`Bearer ${credential}`, NOW).then(
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

  it('does the same work and says the same for an unknown key id, a wrong secret and a revoked key', async () => {
    const wrongSecret = `${live.secret.slice(0, -4)}AAAA`;
    const answers = [await attempt(unknown.secret), await attempt(wrongSecret), await attempt(revoked.secret)];
    expect(answers[0]).toEqual({ lookups: 1, comparisons: 1, outcome: expect.stringMatching(/API key is not valid/) });
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
  });

  it('tells a tampered embed token from nothing but calls it invalid', async () => {
    const keyring = createEmbedKeyring('k'.repeat(32), []);
    const token = await keyring.sign({ accountId: 'acct', workspaceIds: null, expiresAt: new Date(NOW.getTime() + 60_000) });
    const [header, payload, signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), sub: 'acct_other' })).toString('base64url');
    expect((await attempt(`${header}.${forged}.${signature}`)).outcome).toMatch(/credential is not valid/);
  });
});
