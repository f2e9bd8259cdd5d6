/**
 * Credentials: API keys (minted, hashed, revoked, listed), embed tokens (signed, verified), the
 * authentication of a request's bearer credential into a Principal, and the middlewares that
 * put it on the request (CORS for embed tokens included). Who may do what is access/'s.
 */
export { ApiKeyRepository, type ApiKeyRecord, type StoredApiKey } from './api-key.repository';
export type { AuthContext, AuthServices } from './auth.context';
export { createAuthenticator, type Authenticator } from './authenticate';
export { corsForEmbedTokens, embedTokensOnlyCrossOrigin } from './cors.middleware';
export { credentialOf, requestCredential, requireCredential, type RequestCredential } from './credential.middleware';
export { constantTimeEquals, mintApiKey, type MintedApiKey } from './api-keys';
export { AccountApiKeysResolver, CredentialsResolver } from './credentials.resolver';
export { createEmbedKeyring, type EmbedClaims, type EmbedKeyring } from './embed-tokens';
