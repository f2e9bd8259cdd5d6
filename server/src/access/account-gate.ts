/**
 * The one gate for reading an account: the GraphQL queries, the CSV export and the fields of
 * Account itself pass through it. A caller that may not see the account gets the same answer as
 * for an account that does not exist (null); one that sees it without the read scope gets
 * FORBIDDEN — in that order, so another tenant's ids never reach the FORBIDDEN message.
 */
import { ForbiddenError } from '../errors';
import { assertCanReadUsage, canSeeAccount, type Principal } from './principal';

/** The account found by `find`, or null when it does not exist or the caller may not see it. */
export async function openAccount<A>(principal: Principal, accountId: string, find: (accountId: string) => Promise<A | null>): Promise<A | null> {
  if (!canSeeAccount(principal, accountId)) return null;
  const account = await find(accountId);
  if (!account) return null;
  assertCanReadUsage(principal);
  return account;
}

/**
 * The same gate for an account already in hand (Account.usage, Account.invoice): every Account
 * reaching a field passed openAccount, and this keeps it so should a new query return one.
 */
export function assertCanReadAccount(principal: Principal, accountId: string): void {
  if (!canSeeAccount(principal, accountId)) throw new ForbiddenError(`this credential may not read account "${accountId}"`);
  assertCanReadUsage(principal);
}
