import { createContext, useContext } from 'react';
import type { UsageWindow } from '../data/usage.types';
import type { Formatters } from './format';

/** What every row of one treegrid shares: the page snapshot, formatting, and the roving tab stop. */
export interface TreeContextValue {
  readonly formatters: Formatters;
  readonly window: UsageWindow;
  readonly asOf: string;
  /** The one row with tabIndex 0 (roving tab index): Tab enters the grid once, arrows move inside. */
  readonly tabStop: string | null;
  /** An expanded row reports its loading state, so the treegrid can carry aria-busy. */
  reportBusy(rowKey: string, busy: boolean): void;
  reportError(error: unknown): void;
}

export const TreeContext = createContext<TreeContextValue | null>(null);

export function useTree(): TreeContextValue {
  const tree = useContext(TreeContext);
  if (!tree) throw new Error('a CreditUsageBreakdown row was rendered outside its treegrid');
  return tree;
}

/** Unique among all rows whatever characters the host's ids contain (a workspace row's key is its id). */
export function campaignRowKey(workspaceId: string, campaignId: string | null): string {
  return JSON.stringify([workspaceId, campaignId]);
}
