import { createContext, useContext, type ReactNode } from 'react';
import type { UsageWindow } from '../data/usage.types';
import type { Formatters } from './format';
import type { Labels } from './labels';
import type { SortOrder } from './trend';

/** The row a host's `renderRowActions` is called with; `campaignId` is null on workspace rows and the No campaign row (tell them apart by `level`). */
export interface RowActionTarget {
  readonly workspaceId: string;
  readonly campaignId: string | null;
  readonly label: string;
  readonly credits: number;
  /** 1: a workspace row, 2: a campaign row (No campaign included). */
  readonly level: 1 | 2;
}

export type RenderRowActions = (row: RowActionTarget) => ReactNode;

/** What every row of one treegrid shares: the page snapshot, formatting, and the roving tab stop. */
export interface TreeContextValue {
  readonly formatters: Formatters;
  readonly labels: Labels;
  readonly window: UsageWindow;
  readonly asOf: string;
  /** The window every row's change is against (AccountUsage.comparison.window). */
  readonly comparison: UsageWindow | null;
  /** The on-screen order of the rows (the API's is credits). */
  readonly sort: SortOrder;
  /** The one row with tabIndex 0 (roving tab index): Tab enters the grid once, arrows move inside. */
  readonly tabStop: string | null;
  readonly renderRowActions: RenderRowActions | undefined;
  /** Opens a row's entries panel (the `opener` gets focus back when it closes); undefined when `showEntries` is false. */
  readonly openEntries: ((row: RowActionTarget, opener: HTMLElement) => void) | undefined;
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

/** The key of the "N more workspaces" row: a JSON array, so no workspace id can be it. */
export const MORE_ROW_KEY = '["more"]';
