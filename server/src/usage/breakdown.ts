/**
 * Pure assembly of usage answers from grouped ledger sums: totals, sorting, shares and
 * percents. Every level is the sum of the level below, so the page always reconciles.
 */
import { CREDIT_KINDS, NO_CAMPAIGN_LABEL, sortBySpend, sumCredits, withShares, type CreditKind } from '@creditlens/usage-math';
import type { CampaignKindSum, PageSums } from './usage.repository';
import type { AccountUsageModel, CampaignUsageModel, KindCredits, UsageSnapshot, WorkspaceUsageModel } from './usage.model';

export function workspaceUsageId(workspaceId: string, snapshot: UsageSnapshot): string {
  return `${workspaceId}|${snapshotSuffix(snapshot)}`;
}

function snapshotSuffix(snapshot: UsageSnapshot): string {
  return [snapshot.window.from.toISOString(), snapshot.window.to.toISOString(), new Date(snapshot.asOf).toISOString()].join('|');
}

/** Sums per kind, in the contract's kind order, leaving out kinds with no entries. */
export function byKindOf(sums: readonly { kind: CreditKind; credits: bigint }[]): KindCredits[] {
  const totals = new Map<CreditKind, bigint>();
  for (const sum of sums) totals.set(sum.kind, (totals.get(sum.kind) ?? 0n) + sum.credits);
  return CREDIT_KINDS.filter((kind) => totals.has(kind)).map((kind) => ({ kind, credits: totals.get(kind)! }));
}

export function buildAccountUsage(snapshot: UsageSnapshot, sums: PageSums): AccountUsageModel {
  const sorted = sortBySpend(sums.workspaces.map((row) => ({ id: row.workspaceId, name: row.workspaceName, credits: row.credits })));
  const totalCredits = sumCredits(sorted);
  const suffix = snapshotSuffix(snapshot);
  return {
    snapshot,
    totalCredits,
    byKind: byKindOf(sums.byKind),
    workspaces: withShares(sorted, totalCredits).map(({ row, share, percent }): WorkspaceUsageModel => ({
      id: `${row.id}|${suffix}`,
      snapshot,
      workspace: { id: row.id, name: row.name },
      credits: row.credits,
      share,
      percent,
    })),
  };
}

/**
 * The campaign rows of one workspace: one row per campaign with usage, plus the No campaign
 * row for entries without one (never-attributed kinds, or attributable work recorded without
 * a campaign). The rows sum to the workspace total by construction.
 */
export function buildCampaignRows(sums: readonly CampaignKindSum[]): CampaignUsageModel[] {
  const groups = new Map<string | null, CampaignKindSum[]>();
  for (const sum of sums) groups.set(sum.campaignId, [...(groups.get(sum.campaignId) ?? []), sum]);

  const rows = [...groups.entries()].map(([campaignId, group]) => {
    const first = group[0]!;
    const campaign = campaignId === null ? null : { id: campaignId, name: first.campaignName ?? campaignId, archived: first.archived };
    return {
      // The sort key: the No campaign row sorts by its label and an empty id.
      id: campaign?.id ?? '',
      name: campaign?.name ?? NO_CAMPAIGN_LABEL,
      credits: sumCredits(group),
      campaign,
      byKind: byKindOf(group),
    };
  });
  const sorted = sortBySpend(rows);
  return withShares(sorted, sumCredits(sorted)).map(({ row, share, percent }) => ({
    campaign: row.campaign,
    label: row.name,
    credits: row.credits,
    share,
    percent,
    byKind: row.byKind,
  }));
}
