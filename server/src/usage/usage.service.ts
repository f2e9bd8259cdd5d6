import { billingPeriodContaining, validateWindow, WindowError, type TimeWindow } from '@creditlens/usage-math';
import type { AccountRecord } from '../catalog';
import { InvalidInputError } from '../errors';
import { buildAccountUsage, buildCampaignRows } from './breakdown';
import { effectiveAsOf, snapshotKey } from './snapshot';
import type { AccountUsageModel, CampaignUsageModel, UsageSnapshot } from './usage.model';
import type { UsageRepository } from './usage.repository';

/** What usage answers need of an account. */
export type AccountRef = Pick<AccountRecord, 'id' | 'timezone'> & { readonly ledgerClock?: number };

/** One workspace row whose campaign rows are wanted. */
export interface CampaignBreakdownKey {
  readonly workspaceId: string;
  readonly snapshot: UsageSnapshot;
}

/** Usage answers: snapshots, account pages, workspace rows and their campaign breakdowns (invoices: invoices.service.ts). */
export class UsageService {
  constructor(private readonly usage: UsageRepository) {}

  /** Validates a window given by a caller; `argument` names it in the error. */
  checkWindow(window: TimeWindow, argument: string): TimeWindow {
    try {
      return validateWindow(window);
    } catch (error) {
      if (error instanceof WindowError) {
        const field = error.field === 'window' ? argument : `${argument}.${error.field}`;
        throw InvalidInputError.of(field, error.message);
      }
      throw error;
    }
  }

  currentPeriod(account: AccountRef, now: Date): TimeWindow {
    return billingPeriodContaining(now, account.timezone);
  }

  /** The snapshot a query reads; the clock comes with the account when it was just read, else from the database. */
  async snapshot(account: AccountRef, window: TimeWindow, requestedAsOf: Date | null | undefined): Promise<UsageSnapshot> {
    const clock = account.ledgerClock ?? (await this.usage.readClock(account.id)) ?? 0;
    return { accountId: account.id, window, asOf: effectiveAsOf(requestedAsOf, clock) };
  }

  /** The page of an account: `workspaceIds` null for every workspace, else only those (a scoped token). */
  async accountUsage(snapshot: UsageSnapshot, workspaceIds: ReadonlySet<string> | null): Promise<AccountUsageModel> {
    return buildAccountUsage(snapshot, await this.usage.sumPage(snapshot, workspaceIds === null ? null : [...workspaceIds]));
  }


  /**
   * Campaign rows for many workspace rows at once (the DataLoader batch): one statement per
   * distinct snapshot among them, however many workspaces, all at once (an expand asks for its
   * window's and the comparison window's in one batch).
   */
  async campaignBreakdowns(rows: readonly CampaignBreakdownKey[]): Promise<CampaignUsageModel[][]> {
    const bySnapshot = new Map<string, { snapshot: UsageSnapshot; workspaceIds: string[] }>();
    for (const row of rows) {
      const key = snapshotKey(row.snapshot);
      const group = bySnapshot.get(key) ?? { snapshot: row.snapshot, workspaceIds: [] };
      group.workspaceIds.push(row.workspaceId);
      bySnapshot.set(key, group);
    }
    const sumsBySnapshot = new Map(
      await Promise.all([...bySnapshot].map(async ([key, group]) => [key, await this.usage.sumByCampaignAndKind(group.snapshot, [...new Set(group.workspaceIds)])] as const)),
    );
    return rows.map((row) =>
      buildCampaignRows(sumsBySnapshot.get(snapshotKey(row.snapshot))!.filter((sum) => sum.workspaceId === row.workspaceId)),
    );
  }
}
