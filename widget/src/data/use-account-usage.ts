import { useQuery } from '@apollo/client/react';
import { useEffect, useRef } from 'react';
import { PAGE_QUERY } from './queries';
import type { AccountUsageData, UsageWindow } from './usage.types';

/** A cached page older than this is fetched again when the host switches back to its window. */
export const FRESH_FOR_MS = 60_000;

export interface AccountUsageState {
  readonly error: unknown;
  /**
   * undefined while the first answer loads or after a failure; null when the account does not
   * exist or the credential may not see it. While another window or a refresh loads, this is
   * still the previous answer and `stale` is true.
   */
  readonly usage: AccountUsageData | null | undefined;
  readonly timezone: string | undefined;
  readonly stale: boolean;
  retry(): void;
  /** A new snapshot (`asOf`) of the same window. */
  refresh(): void;
}

/** The page query: the account total and its workspace rows, for `window` (default: the current billing period). */
export function useAccountUsage(accountId: string, window: UsageWindow | undefined): AccountUsageState {
  const key = JSON.stringify([accountId, window?.from ?? null, window?.to ?? null]);
  // When each window's answer arrived: a cached answer older than FRESH_FOR_MS is not current
  // any more, so it is fetched again (the previous rows stay, dimmed, until it arrives).
  const answeredAt = useRef(new Map<string, number>());
  const age = Date.now() - (answeredAt.current.get(key) ?? Number.NEGATIVE_INFINITY);
  const { data, previousData, loading, error, refetch } = useQuery(PAGE_QUERY, {
    variables: { accountId, window: window ? { from: window.from, to: window.to } : null },
    fetchPolicy: age > FRESH_FOR_MS ? 'network-only' : 'cache-first',
  });
  const asOf = data?.account?.usage.asOf;
  useEffect(() => {
    if (asOf !== undefined) answeredAt.current.set(key, Date.now());
  }, [key, asOf]);

  const shown = error ? undefined : (data ?? previousData);
  // A failed refetch is shown through `error`; the rejected promise itself carries nothing more.
  const again = () => void refetch().catch(() => undefined);
  return {
    error,
    usage: shown === undefined ? undefined : (shown.account?.usage ?? null),
    timezone: shown?.account?.timezone,
    stale: loading && shown !== undefined,
    retry: again,
    refresh: again,
  };
}
