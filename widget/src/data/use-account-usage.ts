import { useQuery } from '@apollo/client/react';
import { PAGE_QUERY } from './queries';
import type { AccountUsageData, UsageWindow } from './usage.types';

export interface AccountUsageState {
  readonly loading: boolean;
  readonly error: unknown;
  /** undefined while loading or failed; null when the account does not exist or the credential may not see it. */
  readonly usage: AccountUsageData | null | undefined;
  retry(): void;
}

/** The page query: the account total and its workspace rows, for `window` (default: the current billing period). */
export function useAccountUsage(accountId: string, window: UsageWindow | undefined): AccountUsageState {
  const { data, loading, error, refetch } = useQuery(PAGE_QUERY, {
    variables: { accountId, window: window ? { from: window.from, to: window.to } : null },
  });
  return {
    loading,
    error,
    usage: error ? undefined : data === undefined ? undefined : (data.account?.usage ?? null),
    // A failed refetch is shown through `error`; the rejected promise itself carries nothing more.
    retry: () => void refetch().catch(() => undefined),
  };
}
