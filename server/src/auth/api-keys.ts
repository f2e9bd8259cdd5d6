import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Account API keys look like `clk_key_<keyId>_<secret>`: the prefix makes a leaked key easy to
 * recognise (secret scanners), the key id finds the row, and only SHA-256(secret) is stored.
 * A fast hash is enough: the secret is 32 random bytes, not a password.
 */
const PREFIX = 'clk_key_';

/** How stale ApiKey.lastUsedAt may be: a key's use is written at most once per this span. */
export const LAST_USED_GRANULARITY_MS = 60_000;

export interface MintedApiKey {
  readonly keyId: string;
  readonly secret: string;
  readonly secretHash: string;
}

export function mintApiKey(): MintedApiKey {
  const keyId = randomBytes(9).toString('base64url').replace(/[-_]/g, 'x');
  const secretPart = randomBytes(32).toString('base64url');
  const secret = `${PREFIX}${keyId}_${secretPart}`;
  return { keyId, secret, secretHash: hashSecret(secret) };
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** The key id of something shaped like an API key, else null. */
export function apiKeyIdOf(credential: string): string | null {
  const match = /^clk_key_([A-Za-z0-9]{12})_[A-Za-z0-9_-]{43}$/.exec(credential);
  return match ? match[1]! : null;
}

export function secretMatches(credential: string, storedHash: string): boolean {
  const given = Buffer.from(hashSecret(credential), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}

export function constantTimeEquals(a: string, b: string): boolean {
  const left = createHash('sha256').update(a).digest();
  const right = createHash('sha256').update(b).digest();
  return timingSafeEqual(left, right);
}
