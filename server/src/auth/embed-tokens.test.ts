import { SignJWT } from 'jose';
import { createEmbedKeyring, keyIdOf, MAX_EMBED_TTL_SECONDS } from './embed-tokens';

const KEY = 'k'.repeat(32);
const NOW = new Date('2026-06-10T12:00:00Z');
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

/** A token signed with the real key, as a minting script holding EMBED_SIGNING_KEY could make it. */
function signed(claims: { iat?: number; exp: number }): Promise<string> {
  const jwt = new SignJWT({ ws: null }).setProtectedHeader({ alg: 'HS256', kid: keyIdOf(KEY), typ: 'JWT' }).setSubject('acct').setIssuer('creditlens').setAudience('creditlens-embed').setExpirationTime(claims.exp);
  if (claims.iat !== undefined) jwt.setIssuedAt(claims.iat);
  return jwt.sign(new TextEncoder().encode(KEY));
}

describe('embed tokens', () => {
  const keyring = createEmbedKeyring(KEY, []);

  it('accepts a validly signed token that lives exactly 24 hours', async () => {
    const token = await signed({ iat: seconds(NOW), exp: seconds(NOW) + MAX_EMBED_TTL_SECONDS });
    expect(await keyring.verify(token, NOW)).toEqual({ accountId: 'acct', workspaceIds: null, expiresAt: new Date((seconds(NOW) + MAX_EMBED_TTL_SECONDS) * 1000) });
  });

  it('refuses a validly signed token whose lifetime is longer than 24 hours', async () => {
    const token = await signed({ iat: seconds(NOW), exp: seconds(NOW) + MAX_EMBED_TTL_SECONDS + 1 });
    expect(await keyring.verify(token, NOW)).toBeNull();
  });

  it('refuses a validly signed token without an issue time, whose lifetime cannot be told', async () => {
    expect(await keyring.verify(await signed({ exp: seconds(NOW) + 60 }), NOW)).toBeNull();
  });

  it('signs with the issue time it is given, so a token minted at a test clock verifies at it', async () => {
    const token = await keyring.sign({ accountId: 'acct', workspaceIds: ['ws'], expiresAt: new Date(NOW.getTime() + MAX_EMBED_TTL_SECONDS * 1000) }, NOW);
    expect(await keyring.verify(token, NOW)).toEqual({ accountId: 'acct', workspaceIds: ['ws'], expiresAt: new Date(NOW.getTime() + MAX_EMBED_TTL_SECONDS * 1000) });
  });
});
