import { createHash } from 'node:crypto';
import { SignJWT, decodeProtectedHeader, errors, jwtVerify } from 'jose';

/**
 * Embed tokens are HS256 JWTs (jose). The header's `kid` is derived from the signing key, so
 * a verifier picks the right key among the current and the previous ones: rotating
 * EMBED_SIGNING_KEY keeps live tokens valid while their old key stays in
 * EMBED_PREVIOUS_SIGNING_KEYS.
 */
export interface EmbedClaims {
  readonly accountId: string;
  readonly workspaceIds: readonly string[] | null;
  readonly expiresAt: Date;
}

export const DEFAULT_EMBED_TTL_SECONDS = 15 * 60;
export const MAX_EMBED_TTL_SECONDS = 24 * 60 * 60;
const ISSUER = 'creditlens';
const AUDIENCE = 'creditlens-embed';

export interface EmbedKeyring {
  /** `issuedAt` defaults to the wall clock; verify() refuses a lifetime (exp − iat) past MAX_EMBED_TTL_SECONDS. */
  sign(claims: EmbedClaims, issuedAt?: Date): Promise<string>;
  /** The claims of a valid token; 'expired' for a genuine token past its expiry; null for anything else. */
  verify(token: string, now: Date): Promise<EmbedClaims | 'expired' | null>;
}

export function keyIdOf(key: string): string {
  return createHash('sha256').update(`creditlens-embed-kid:${key}`).digest('base64url').slice(0, 16);
}

export function createEmbedKeyring(currentKey: string, previousKeys: readonly string[]): EmbedKeyring {
  const encoder = new TextEncoder();
  const keys = new Map<string, Uint8Array>();
  for (const key of [currentKey, ...previousKeys]) keys.set(keyIdOf(key), encoder.encode(key));
  const currentKid = keyIdOf(currentKey);
  const currentSecret = keys.get(currentKid)!;

  return {
    sign(claims, issuedAt = new Date()) {
      return new SignJWT({ ws: claims.workspaceIds })
        .setProtectedHeader({ alg: 'HS256', kid: currentKid, typ: 'JWT' })
        .setSubject(claims.accountId)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt(Math.floor(issuedAt.getTime() / 1000))
        .setExpirationTime(Math.floor(claims.expiresAt.getTime() / 1000))
        .sign(currentSecret);
    },
    async verify(token, now) {
      try {
        const { kid } = decodeProtectedHeader(token);
        const secret = kid ? keys.get(kid) : undefined;
        if (!secret) return null;
        const { payload } = await jwtVerify(token, secret, {
          algorithms: ['HS256'],
          issuer: ISSUER,
          audience: AUDIENCE,
          currentDate: now,
          requiredClaims: ['sub', 'exp', 'iat'],
        });
        // A signing key that leaked into a minting script must not yield tokens that live for
        // months: the 24-hour bound holds for every token, whoever signed it.
        if (payload.exp! - payload.iat! > MAX_EMBED_TTL_SECONDS) return null;
        const workspaceIds = payload.ws;
        if (workspaceIds !== null && !(Array.isArray(workspaceIds) && workspaceIds.every((id) => typeof id === 'string'))) {
          return null;
        }
        return { accountId: payload.sub!, workspaceIds: workspaceIds as string[] | null, expiresAt: new Date(payload.exp! * 1000) };
      } catch (error) {
        return error instanceof errors.JWTExpired ? 'expired' : null;
      }
    },
  };
}
