/** Usage over time on the page's rows: series, the comparison window, previousCredits and change, and a workspace's kinds. */
import type { Granularity } from '@creditlens/usage-math';
import { Arg, Ctx, FieldResolver, Float, Resolver, Root } from 'type-graphql';
import { GranularityEnum, SafeIntScalar, toSafeInt } from '../graphql';
import { toKindUsage, toUsageWindow } from './usage.mapping';
import type { UsageContext as Context } from './usage.context';
import type { AccountUsageModel, UsageSnapshot } from './usage.model';
import { isEmptyWindow } from './snapshot';
import { UsageBucket, UsageComparison } from './usage-over-time.types';
import { noCredits, seriesTotal, type Series } from './usage-over-time.service';
import { AccountUsage, CampaignUsage, KindUsage, WorkspaceUsage } from './usage.types';

const GRANULARITY_DESCRIPTION = "Bucket size, in the account's time zone. HOUR is for windows of at most 31 days.";
const PREVIOUS_DESCRIPTION = 'This row\'s credits in the comparison window (AccountUsage.comparison.window), at the same asOf; 0 when it had none.';
const CHANGE_DESCRIPTION = '(credits − previousCredits) / previousCredits, a fraction (0.42 = 42 % more); null when previousCredits <= 0 (a new row, for one).';

/** The edges of a series as Dates, made once per edges array (the service keeps one array per window and granularity) and shared by every row's buckets. */
const edgeDates = new WeakMap<readonly number[], readonly Date[]>();
function datesOf(edges: readonly number[]): readonly Date[] {
  let dates = edgeDates.get(edges);
  if (!dates) {
    dates = Object.freeze(edges.map((edge) => new Date(edge)));
    edgeDates.set(edges, dates);
  }
  return dates;
}

function toBuckets(series: Series): UsageBucket[] {
  const dates = datesOf(series.edges);
  return series.credits.map((credits, i) => ({ from: dates[i]!, to: dates[i + 1]!, credits }));
}

/** A row's series when its read found no rollup rows for it: every bucket, all zero. */
function noSeries(edges: readonly number[]): Series {
  return { edges, credits: noCredits(edges) };
}

function changeOf(credits: number, previous: number): number | null {
  return previous > 0 ? (credits - previous) / previous : null;
}

function originOf(usage: AccountUsage): { snapshot: UsageSnapshot; timeZone: string; visible: ReadonlySet<string> | null } {
  return { snapshot: usage.snapshot, timeZone: usage.timeZone, visible: usage.visibleWorkspaceIds };
}

@Resolver(() => AccountUsage)
export class AccountUsageOverTimeResolver {
  @FieldResolver(() => [UsageBucket], { description: "The account's credits (of the visible workspaces, for a workspace-scoped token) per bucket: every bucket, zeros included, oldest first; they sum to totalCredits." })
  async series(
    @Root() usage: AccountUsage,
    @Arg('granularity', () => GranularityEnum, { defaultValue: 'DAY', description: GRANULARITY_DESCRIPTION }) granularity: Granularity,
    @Ctx() ctx: Context,
  ): Promise<UsageBucket[]> {
    const { snapshot, timeZone, visible } = originOf(usage);
    const key = { snapshot, timeZone, granularity };
    // Read with every row's anyway: the same ranges, summed over the workspaces here.
    if (visible === null && usage.pageSeriesRead.has(granularity)) {
      const rows = usage.pageReads.series.get(granularity) ?? (await ctx.loaders.pageSeries.load(key));
      return toBuckets(seriesTotal(ctx.services.usageOverTime.edges(key), rows.values()));
    }
    return toBuckets(await ctx.services.usageOverTime.accountSeries(key, visible));
  }

  @FieldResolver(() => UsageComparison, { description: 'The comparison window and its total, at the same asOf (see UsageComparison.window).' })
  async comparison(@Root() usage: AccountUsage, @Ctx() ctx: Context): Promise<UsageComparison> {
    const { snapshot, timeZone, visible } = originOf(usage);
    const previous = ctx.services.usageOverTime.comparisonSnapshot(snapshot, timeZone);
    const totalCredits = isEmptyWindow(previous) ? 0 : toSafeInt((await ctx.loaders.accountPages.load({ snapshot: previous, workspaceIds: visible })).totalCredits);
    return { window: toUsageWindow(previous.window), totalCredits };
  }
}

@Resolver(() => WorkspaceUsage)
export class WorkspaceUsageOverTimeResolver {
  @FieldResolver(() => [KindUsage], { description: "This workspace's credits per kind (kinds with entries only, in CreditKind order). Batched across rows." })
  async byKind(@Root() row: WorkspaceUsage, @Ctx() ctx: Context): Promise<KindUsage[]> {
    return (await ctx.loaders.workspaceKinds.load({ snapshot: row.snapshot, workspaceId: row.workspace.id })).map(toKindUsage);
  }

  // previousCredits, change and series answer at once, without a promise, when their page's
  // read has arrived (PageReads); else they await it.
  @FieldResolver(() => SafeIntScalar, { description: PREVIOUS_DESCRIPTION })
  previousCredits(@Root() row: WorkspaceUsage, @Ctx() ctx: Context): number | Promise<number> {
    return previousOfWorkspace(row, ctx);
  }

  @FieldResolver(() => Float, { nullable: true, description: CHANGE_DESCRIPTION })
  change(@Root() row: WorkspaceUsage, @Ctx() ctx: Context): number | null | Promise<number | null> {
    const previous = previousOfWorkspace(row, ctx);
    return typeof previous === 'number' ? changeOf(row.credits, previous) : previous.then((credits) => changeOf(row.credits, credits));
  }

  @FieldResolver(() => [UsageBucket], { description: "This workspace's credits per bucket: every bucket, zeros included, oldest first; they sum to credits. Batched across rows." })
  series(
    @Root() row: WorkspaceUsage,
    @Arg('granularity', () => GranularityEnum, { defaultValue: 'DAY', description: GRANULARITY_DESCRIPTION }) granularity: Granularity,
    @Ctx() ctx: Context,
  ): UsageBucket[] | Promise<UsageBucket[]> {
    const key = { snapshot: row.snapshot, timeZone: row.timeZone, granularity, workspaceId: row.workspace.id };
    if (row.campaignSeriesRead?.has(granularity)) {
      return ctx.loaders.campaignSeries.load(key).then((byCampaign) => toBuckets(seriesTotal(ctx.services.usageOverTime.edges(key), byCampaign.values())));
    }
    if (!isRowOfWholePage(row)) return ctx.loaders.workspaceSeries.load(key).then(toBuckets);
    const ofRow = (page: ReadonlyMap<string, Series>) => toBuckets(page.get(row.workspace.id) ?? noSeries(ctx.services.usageOverTime.edges(key)));
    const arrived = row.pageReads?.series.get(granularity);
    return arrived ? ofRow(arrived) : ctx.loaders.pageSeries.load(key).then(ofRow);
  }
}

/** A row of an account's page for a caller that sees every workspace: its series comes with the whole page's (pageSeries). */
export function isRowOfWholePage(row: WorkspaceUsage): boolean {
  return row.placement !== undefined && row.visibleWorkspaceIds === null;
}

/**
 * A workspace row's credits in the comparison window. A row of a page reads the comparison page
 * (workspace rollups, one statement for every row); a lone row (the expand query) reads its own
 * campaign rows there, which the expand's campaign rows need anyway.
 */
function previousOfWorkspace(row: WorkspaceUsage, ctx: Context): number | Promise<number> {
  const previous = ctx.services.usageOverTime.comparisonSnapshot(row.snapshot, row.timeZone);
  if (isEmptyWindow(previous)) return 0;
  const arrived = row.placement ? row.pageReads?.previousPage : undefined;
  if (arrived) return toSafeInt(creditsById(arrived).get(row.workspace.id) ?? 0n);
  // previousCredits and change both ask: read once per row.
  let read = previousByRow.get(row);
  if (!read) {
    read = readPreviousOfWorkspace(row, previous, ctx);
    previousByRow.set(row, read);
  }
  return read;
}
const previousByRow = new WeakMap<WorkspaceUsage, Promise<number>>();

async function readPreviousOfWorkspace(row: WorkspaceUsage, previous: UsageSnapshot, ctx: Context): Promise<number> {
  if (row.placement) {
    const page = await ctx.loaders.accountPages.load({ snapshot: previous, workspaceIds: row.visibleWorkspaceIds });
    return toSafeInt(creditsById(page).get(row.workspace.id) ?? 0n);
  }
  const campaigns = await ctx.loaders.campaignRows.load({ workspaceId: row.workspace.id, snapshot: previous });
  return toSafeInt(campaigns.reduce((sum, campaign) => sum + campaign.credits, 0n));
}

/** A comparison page's credits by workspace id, made once per page however many rows ask. */
const creditsByPage = new WeakMap<AccountUsageModel, Map<string, bigint>>();
function creditsById(page: AccountUsageModel): Map<string, bigint> {
  let byId = creditsByPage.get(page);
  if (!byId) {
    byId = new Map(page.workspaces.map((sibling) => [sibling.workspace.id, sibling.credits]));
    creditsByPage.set(page, byId);
  }
  return byId;
}

@Resolver(() => CampaignUsage)
export class CampaignUsageOverTimeResolver {
  @FieldResolver(() => SafeIntScalar, { description: PREVIOUS_DESCRIPTION })
  async previousCredits(@Root() row: CampaignUsage, @Ctx() ctx: Context): Promise<number> {
    return previousOfCampaign(row, ctx);
  }

  @FieldResolver(() => Float, { nullable: true, description: CHANGE_DESCRIPTION })
  async change(@Root() row: CampaignUsage, @Ctx() ctx: Context): Promise<number | null> {
    return changeOf(row.credits, await previousOfCampaign(row, ctx));
  }

  @FieldResolver(() => [UsageBucket], { description: "This row's credits per bucket: every bucket, zeros included, oldest first; they sum to credits. Batched across rows and workspaces." })
  async series(
    @Root() row: CampaignUsage,
    @Arg('granularity', () => GranularityEnum, { defaultValue: 'DAY', description: GRANULARITY_DESCRIPTION }) granularity: Granularity,
    @Ctx() ctx: Context,
  ): Promise<UsageBucket[]> {
    const origin = row.origin;
    const key = { snapshot: origin.snapshot, timeZone: origin.timeZone, granularity, workspaceId: origin.workspaceId };
    const edges = ctx.services.usageOverTime.edges(key);
    const series = (await ctx.loaders.campaignSeries.load(key)).get(origin.campaignId ?? '');
    return toBuckets(series ?? noSeries(edges));
  }
}

async function previousOfCampaign(row: CampaignUsage, ctx: Context): Promise<number> {
  const origin = row.origin;
  const previous = ctx.services.usageOverTime.comparisonSnapshot(origin.snapshot, origin.timeZone);
  if (isEmptyWindow(previous)) return 0;
  const campaigns = await ctx.loaders.campaignRows.load({ workspaceId: origin.workspaceId, snapshot: previous });
  const found = campaigns.find((campaign) => (campaign.campaign?.id ?? null) === origin.campaignId);
  return found ? toSafeInt(found.credits) : 0;
}
