/** The catalog as the domain sees it (the host platform's ids, upserted with their names). */
export interface AccountRecord {
  readonly id: string;
  readonly name: string;
  readonly timezone: string;
  readonly createdAt: Date;
  /** The committed ledger clock when the row was read: the default snapshot (see usage/snapshot.ts). */
  readonly ledgerClock: number;
}

export interface WorkspaceRecord {
  readonly accountId: string;
  readonly id: string;
  readonly name: string;
}

export interface CampaignRecord {
  readonly accountId: string;
  readonly workspaceId: string;
  readonly id: string;
  readonly name: string;
  readonly archived: boolean;
}
