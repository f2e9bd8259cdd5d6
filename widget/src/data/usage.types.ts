import type { CreditKind } from '@creditlens/usage-math';
import type { UsageWindow } from './usage-window';

/** The shapes the widget reads from the Creditlens GraphQL contract (see schema.graphql). */

export type { UsageWindow };

export interface KindUsage {
  readonly kind: CreditKind;
  readonly credits: number;
}

export interface WorkspaceRowData {
  /** Stable per (workspace, window, asOf): the Apollo cache key. */
  readonly id: string;
  readonly workspace: { readonly id: string; readonly name: string };
  readonly credits: number;
  readonly share: number | null;
  readonly percent: number | null;
}

export interface CampaignRowData {
  /** null on the No campaign row. */
  readonly campaign: { readonly id: string; readonly name: string; readonly archived: boolean } | null;
  readonly label: string;
  readonly credits: number;
  readonly share: number | null;
  readonly percent: number | null;
  readonly byKind: readonly KindUsage[];
}

export interface AccountUsageData {
  readonly window: UsageWindow;
  /** The ledger snapshot of the page: every expand query passes it back so the rows add up. */
  readonly asOf: string;
  readonly totalCredits: number;
  readonly workspaces: readonly WorkspaceRowData[];
}
