/**
 * Who is calling and what that caller may do: every access decision of the server is a function
 * of this file, so "where is access checked?" has one answer (and account-gate.ts for reading
 * an account).
 */
import { ForbiddenError } from '../errors';

/** What an account API key may do: the one list, from which the GraphQL enum ApiScope is built. */
export const API_SCOPES = ['USAGE_READ', 'USAGE_WRITE'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** Who is calling, established once per request from its credential. */
export type Principal =
  | { readonly kind: 'admin' }
  | { readonly kind: 'apiKey'; readonly keyId: string; readonly accountId: string; readonly scopes: readonly ApiScope[] }
  | {
      readonly kind: 'embed';
      /** Names this one token (a hash of it) without carrying the token itself. */
      readonly tokenId: string;
      readonly accountId: string;
      /** null: the whole account; otherwise only these workspaces are visible. */
      readonly workspaceIds: readonly string[] | null;
      readonly expiresAt: Date;
    };

/** Whether the caller may read usage of this account at all (a "no" must look like "not found"). */
export function canSeeAccount(principal: Principal, accountId: string): boolean {
  switch (principal.kind) {
    case 'admin':
      return true;
    case 'apiKey':
    case 'embed':
      return principal.accountId === accountId;
  }
}

/**
 * Throws FORBIDDEN when the caller sees the account but lacks the read scope; callers check
 * canSeeAccount first so that another tenant's ids never reach this message.
 */
export function assertCanReadUsage(principal: Principal): void {
  if (principal.kind === 'apiKey' && !principal.scopes.includes('USAGE_READ')) {
    throw new ForbiddenError('this API key lacks the USAGE_READ scope');
  }
}

/** The workspaces the caller may see in an account it can see: null means all of them. */
export function visibleWorkspaces(principal: Principal): ReadonlySet<string> | null {
  return principal.kind === 'embed' && principal.workspaceIds ? new Set(principal.workspaceIds) : null;
}

export function canSeeWorkspace(principal: Principal, accountId: string, workspaceId: string): boolean {
  if (!canSeeAccount(principal, accountId)) return false;
  const visible = visibleWorkspaces(principal);
  return visible === null || visible.has(workspaceId);
}

/**
 * Whether the caller may read what the ledger holds. A conflict on an idempotency key answers
 * what was stored only to such callers: to a write-only key, even the list of differing fields
 * would answer guesses about recorded entries.
 */
export function canReadLedger(principal: Principal): boolean {
  return principal.kind !== 'apiKey' || principal.scopes.includes('USAGE_READ');
}

/** recordUsage at all, whatever the batch holds (an empty one too): the admin key or a USAGE_WRITE key. */
export function assertCanWriteUsage(principal: Principal): void {
  if (principal.kind === 'embed') throw new ForbiddenError('embed tokens are read-only');
  if (principal.kind === 'apiKey' && !principal.scopes.includes('USAGE_WRITE')) throw new ForbiddenError('this API key lacks the USAGE_WRITE scope');
}

/** recordUsage: the admin key anywhere, a USAGE_WRITE key only in its own account. */
export function assertCanRecordUsage(principal: Principal, accountId: string): void {
  assertCanWriteUsage(principal);
  if (principal.kind === 'apiKey' && principal.accountId !== accountId) {
    // Same words whether that account exists or not.
    throw new ForbiddenError(`this API key may only record usage for its own account, not "${accountId}"`);
  }
}

/** Catalog upserts and minting credentials belong to the host platform's backend. */
export function assertAdmin(principal: Principal, action: string): void {
  if (principal.kind !== 'admin') throw new ForbiddenError(`${action} needs the admin key`);
}

/**
 * What per-credential limits count by: the API key id or the embed token; null for the admin
 * key, which is the host platform's own backend and is not throttled.
 */
export function credentialId(principal: Principal): string | null {
  switch (principal.kind) {
    case 'admin':
      return null;
    case 'apiKey':
      return `key:${principal.keyId}`;
    case 'embed':
      return `embed:${principal.tokenId}`;
  }
}

/** Some answers only make sense for the whole account (invoices); a workspace-scoped token may not ask. */
export function assertAccountWide(principal: Principal, why: string): void {
  if (principal.kind === 'embed' && principal.workspaceIds) {
    throw new ForbiddenError(`this embed token sees only some workspaces, and ${why}`);
  }
}

/** Budgets of an account: the admin key anywhere, a USAGE_WRITE key only in its own account (as recordUsage). */
export function assertCanManageBudgets(principal: Principal, accountId: string): void {
  if (principal.kind === 'embed') throw new ForbiddenError('embed tokens are read-only');
  if (principal.kind === 'apiKey' && !principal.scopes.includes('USAGE_WRITE')) throw new ForbiddenError('this API key lacks the USAGE_WRITE scope');
  if (principal.kind === 'apiKey' && principal.accountId !== accountId) {
    // Same words whether that account exists or not.
    throw new ForbiddenError(`this API key may only manage budgets of its own account, not "${accountId}"`);
  }
}
