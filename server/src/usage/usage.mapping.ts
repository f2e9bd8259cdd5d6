/** Domain models (exact bigint credits) to the contract's types (SafeInt numbers). */
import type { CreditKind, Granularity, TimeWindow } from '@creditlens/usage-math';
import { asInstanceOf, toSafeInt } from '../graphql';
import type { AccountUsageModel, CampaignUsageModel, KindCredits, WorkspaceUsageModel } from './usage.model';
import type { InvoiceModel } from './invoices.service';
import { AccountUsage, CampaignUsage, PageReads, WorkspaceUsage, type CampaignRowOrigin, type Invoice, type KindUsage, type UsageWindow } from './usage.types';

export function toUsageWindow(window: TimeWindow): UsageWindow {
  return { from: window.from, to: window.to };
}

export function toKindUsage(line: KindCredits): KindUsage {
  return { kind: line.kind as CreditKind, credits: toSafeInt(line.credits) };
}

export function toWorkspaceUsage(model: WorkspaceUsageModel, visibleWorkspaceIds: ReadonlySet<string> | null, timeZone: string, pageReads: PageReads): WorkspaceUsage {
  return asInstanceOf(WorkspaceUsage, {
    id: model.id,
    workspace: { ...model.workspace, accountId: model.snapshot.accountId },
    credits: toSafeInt(model.credits),
    placement: { share: model.share, percent: model.percent },
    snapshot: model.snapshot,
    visibleWorkspaceIds,
    timeZone,
    pageReads,
  });
}

export function toAccountUsage(
  model: AccountUsageModel,
  visibleWorkspaceIds: ReadonlySet<string> | null,
  timeZone: string,
  pageSeriesRead: ReadonlySet<Granularity>,
  pageReads: PageReads,
): AccountUsage {
  return asInstanceOf(AccountUsage, {
    window: toUsageWindow(model.snapshot.window),
    asOf: new Date(model.snapshot.asOf),
    totalCredits: toSafeInt(model.totalCredits),
    byKind: model.byKind.map(toKindUsage),
    workspaces: model.workspaces.map((row) => toWorkspaceUsage(row, visibleWorkspaceIds, timeZone, pageReads)),
    snapshot: model.snapshot,
    timeZone,
    visibleWorkspaceIds,
    pageSeriesRead,
    pageReads,
  });
}

export function toCampaignUsage(model: CampaignUsageModel, origin: Omit<CampaignRowOrigin, 'campaignId'>): CampaignUsage {
  return asInstanceOf(CampaignUsage, {
    campaign: model.campaign,
    label: model.label,
    credits: toSafeInt(model.credits),
    share: model.share,
    percent: model.percent,
    byKind: model.byKind.map(toKindUsage),
    origin: { ...origin, campaignId: model.campaign?.id ?? null },
  });
}

export function toInvoice(model: InvoiceModel): Invoice {
  return {
    period: toUsageWindow(model.period),
    lines: model.lines.map(toKindUsage),
    totalCredits: toSafeInt(model.totalCredits),
    asOf: new Date(model.asOf),
    final: model.closedAt !== null,
    closedAt: model.closedAt,
  };
}
