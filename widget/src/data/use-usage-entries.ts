import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import type { UsageEntryFilter } from './generated/graphql';
import { ENTRIES_QUERY } from './queries';
import type { EntriesPageData, UsageWindow } from './usage.types';

export interface UsageEntriesState {
  /** The page on screen: while the next one loads, still the previous one (and `loading`). */
  readonly page: EntriesPageData | null | undefined;
  readonly loading: boolean;
  readonly error: unknown;
  /** 0-based number of the page on screen. */
  readonly index: number;
  readonly hasPrevious: boolean;
  next(): void;
  previous(): void;
  retry(): void;
}

/**
 * A row's ledger entries one page at a time, at the page's asOf (so they add up to the row). The
 * cursors walked so far are kept, so Previous asks for a page already in Apollo's cache.
 */
export function useUsageEntries(accountId: string, window: UsageWindow, asOf: string, filter: UsageEntryFilter, pageSize: number): UsageEntriesState {
  const [cursors, setCursors] = useState<readonly (string | null)[]>([null]);
  const after = cursors[cursors.length - 1] ?? null;
  const { data, previousData, loading, error, refetch } = useQuery(ENTRIES_QUERY, {
    variables: { accountId, window: { from: window.from, to: window.to }, asOf, filter, first: pageSize, after },
  });
  const page = error ? undefined : (data ?? previousData)?.usageEntries;
  const endCursor = data?.usageEntries?.pageInfo.hasNextPage ? data.usageEntries.pageInfo.endCursor : null;
  return {
    page,
    loading,
    error,
    index: cursors.length - 1,
    hasPrevious: cursors.length > 1,
    next: () => endCursor && setCursors((previous) => [...previous, endCursor]),
    previous: () => setCursors((previous) => (previous.length > 1 ? previous.slice(0, -1) : previous)),
    retry: () => void refetch().catch(() => undefined),
  };
}
