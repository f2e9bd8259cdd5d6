/** Access: the caller (Principal) and every rule about what it may see and do. A leaf-most domain: it imports only errors/. */
export { assertCanReadAccount, openAccount } from './account-gate';
export {
  API_SCOPES,
  assertAccountWide,
  assertAdmin,
  assertCanManageBudgets,
  assertCanReadUsage,
  assertCanRecordUsage,
  assertCanWriteUsage,
  canReadLedger,
  canSeeAccount,
  canSeeWorkspace,
  credentialId,
  visibleWorkspaces,
  type ApiScope,
  type Principal,
} from './principal';
