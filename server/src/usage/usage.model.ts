import type { CreditKind, TimeWindow } from '@creditlens/usage-math';

/** What a usage answer is computed from: one account, one window, one ledger snapshot. */
export interface UsageSnapshot {
  readonly accountId: string;
  readonly window: TimeWindow;
  /** Epoch ms on the account's ledger clock: entries recorded after it are not counted. */
  readonly asOf: number;
}

export interface KindCredits {
  readonly kind: CreditKind;
  readonly credits: bigint;
}

export interface WorkspaceUsageModel {
  /** Stable per (workspace, window, asOf): the client's cache key. */
  readonly id: string;
  readonly snapshot: UsageSnapshot;
  readonly workspace: { readonly id: string; readonly name: string };
  readonly credits: bigint;
  readonly share: number | null;
  readonly percent: number | null;
}

export interface AccountUsageModel {
  readonly snapshot: UsageSnapshot;
  readonly totalCredits: bigint;
  readonly byKind: readonly KindCredits[];
  readonly workspaces: readonly WorkspaceUsageModel[];
}

export interface CampaignUsageModel {
  /** null on the No campaign row. */
  readonly campaign: { readonly id: string; readonly name: string; readonly archived: boolean } | null;
  readonly label: string;
  readonly credits: bigint;
  readonly share: number | null;
  readonly percent: number | null;
  readonly byKind: readonly KindCredits[];
}
