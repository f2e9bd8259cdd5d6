/** Usage answers: Account.usage and Account.invoice, and the expand query's workspace row with its campaign rows. */
import { sumCredits, type Granularity } from '@creditlens/usage-math';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, Float, ID, Info, Query, Resolver, Root } from 'type-graphql';
import { assertAccountWide, assertCanReadAccount, assertCanReadUsage, canSeeWorkspace, visibleWorkspaces } from '../access';
import { Account, toWorkspace } from '../catalog';
import type { UsageContext as Context } from './usage.context';
import { argumentsBelow, asInstanceOf, DateTimeScalar, toSafeInt } from '../graphql';
import { workspaceUsageId } from './breakdown';
import { toAccountUsage, toCampaignUsage, toInvoice } from './usage.mapping';
import type { UsageSnapshot } from './usage.model';
import { isEmptyWindow } from './snapshot';
import {
  AccountUsage,
  CampaignUsage,
  Invoice,
  PageReads,
  UsageWindowInput,
  WorkspaceUsage,
} from './usage.types';

const AS_OF_DESCRIPTION =
  'A ledger snapshot, as returned in AccountUsage.asOf: entries recorded after it are not counted. Leave it out for everything recorded so far; pass the page\'s asOf when expanding a row so the numbers add up.';

@Resolver(() => Account)
export class AccountUsageResolver {
  @FieldResolver(() => AccountUsage, { description: 'Usage of the account in a window (default: the current billing period), as of a ledger snapshot.' })
  async usage(
    @Root() account: Account,
    @Arg('window', () => UsageWindowInput, { nullable: true, description: 'The window; default: currentPeriod.' }) window: UsageWindowInput | null,
    @Arg('asOf', () => DateTimeScalar, { nullable: true, description: AS_OF_DESCRIPTION }) asOf: Date | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<AccountUsage> {
    assertCanReadAccount(ctx.principal, account.id);
    const { usage } = ctx.services;
    const checked = window ? usage.checkWindow(window, 'window') : usage.currentPeriod(account, ctx.now);
    const snapshot = await usage.snapshot(account, checked, asOf);
    const visible = visibleWorkspaces(ctx.principal);
    const pageReads = new PageReads();
    const pageSeriesRead = visible === null ? startPageSeries(info, snapshot, account.timezone, pageReads, ctx) : new Set<Granularity>();
    startComparisonPage(info, snapshot, account.timezone, visible, pageReads, ctx);
    return toAccountUsage(await ctx.loaders.accountPages.load({ snapshot, workspaceIds: visible }), visible, account.timezone, pageSeriesRead, pageReads);
  }

  @FieldResolver(() => Invoice, { description: 'The invoice of one billing period (past, current as a running total, or future). Any other window is BAD_USER_INPUT.' })
  async invoice(
    @Root() account: Account,
    @Arg('period', () => UsageWindowInput, { description: 'Exactly one billing period, e.g. from currentPeriod or billingPeriods.' }) period: UsageWindowInput,
    @Arg('asOf', () => DateTimeScalar, { nullable: true, description: "A ledger snapshot: before the period's close, the running invoice then; left out or at/after the close, the final invoice of a closed period." }) asOf: Date | null,
    @Ctx() ctx: Context,
  ): Promise<Invoice> {
    assertCanReadAccount(ctx.principal, account.id);
    assertAccountWide(ctx.principal, 'invoices are account-wide');
    const checked = ctx.services.usage.checkWindow(period, 'period');
    return toInvoice(await ctx.services.invoices.invoice(account, checked, asOf));
  }
}

@Resolver(() => WorkspaceUsage)
export class WorkspaceUsageResolver {
  @Query(() => WorkspaceUsage, {
    nullable: true,
    description: 'One workspace row in a window and snapshot (the expand query). Null when the workspace does not exist, the credential may not see it, or it had no usage in the window.',
  })
  async workspaceUsage(
    @Arg('workspaceId', () => ID, { description: "The host platform's workspace id." }) workspaceId: string,
    @Arg('window', () => UsageWindowInput, { description: 'The window, as on the page.' }) window: UsageWindowInput,
    @Arg('asOf', () => DateTimeScalar, { nullable: true, description: AS_OF_DESCRIPTION }) asOf: Date | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<WorkspaceUsage | null> {
    const { catalog, usage } = ctx.services;
    const found = await catalog.findWorkspaceWithAccount(workspaceId);
    if (!found || !canSeeWorkspace(ctx.principal, found.account.id, found.workspace.id)) return null;
    assertCanReadUsage(ctx.principal);
    const snapshot = await usage.snapshot(found.account, usage.checkWindow(window, 'window'), asOf);
    const campaignSeriesRead = startExpandReads(info, found.workspace.id, snapshot, found.account.timezone, ctx);
    // The row's credits are its campaign rows' sum: one statement answers both, and they cannot disagree.
    const campaigns = await ctx.loaders.campaignRows.load({ workspaceId: found.workspace.id, snapshot });
    if (campaigns.length === 0) return null;
    return asInstanceOf(WorkspaceUsage, {
      id: workspaceUsageId(found.workspace.id, snapshot),
      workspace: toWorkspace(found.workspace),
      credits: toSafeInt(sumCredits(campaigns)),
      snapshot,
      visibleWorkspaceIds: visibleWorkspaces(ctx.principal),
      timeZone: found.account.timezone,
      campaignSeriesRead,
    });
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description: "Exact fraction of the account's total credits in the window (of the visible workspaces' total for a workspace-scoped token); null when that total is <= 0.",
  })
  share(@Root() row: WorkspaceUsage, @Ctx() ctx: Context): number | null | Promise<number | null> {
    // Synchronous for rows of a page (hundreds per answer); only a lone row awaits its page.
    return row.placement ? row.placement.share : placementOf(row, ctx).then((placed) => placed.share);
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description: 'share × 100 rounded to one decimal so that sibling rows sum to exactly 100.0 (largest remainder); null likewise.',
  })
  percent(@Root() row: WorkspaceUsage, @Ctx() ctx: Context): number | null | Promise<number | null> {
    return row.placement ? row.placement.percent : placementOf(row, ctx).then((placed) => placed.percent);
  }

  @FieldResolver(() => [CampaignUsage], {
    description: 'The campaign rows of this workspace with the No campaign row: credits descending, then name, then id. They sum to this row\'s credits. Resolved only when selected; batched across rows.',
  })
  async campaigns(@Root() row: WorkspaceUsage, @Ctx() ctx: Context): Promise<CampaignUsage[]> {
    const rows = await ctx.loaders.campaignRows.load({ workspaceId: row.workspace.id, snapshot: row.snapshot });
    return rows.map((campaignRow) => toCampaignUsage(campaignRow, { workspaceId: row.workspace.id, snapshot: row.snapshot, timeZone: row.timeZone }));
  }
}

/**
 * The series that the page's rows select (workspaces { series }) are read for the whole account
 * (pageSeries), which needs nothing from the page: started here, the statement runs beside the
 * page's sums instead of after them and the rows built from them. What arrives goes into
 * `pageReads` for the rows' resolvers; before that they find the read in the loader, and what
 * fails here fails again there, as their error.
 */
function startPageSeries(info: GraphQLResolveInfo, snapshot: UsageSnapshot, timeZone: string, pageReads: PageReads, ctx: Context): Set<Granularity> {
  const started = new Set<Granularity>();
  for (const args of argumentsBelow(info, ['workspaces', 'series'])) {
    const granularity = args['granularity'] as Granularity;
    ctx.loaders.pageSeries.load({ snapshot, timeZone, granularity }).then(
      (series) => pageReads.series.set(granularity, series),
      () => undefined,
    );
    started.add(granularity);
  }
  return started;
}

/**
 * The comparison window's page, when the selection compares (the account's comparison, a row's
 * previousCredits or change): it needs nothing from this page either, so it is read beside it
 * rather than once the rows ask for it; it goes into `pageReads` as well.
 */
function startComparisonPage(info: GraphQLResolveInfo, snapshot: UsageSnapshot, timeZone: string, visible: ReadonlySet<string> | null, pageReads: PageReads, ctx: Context): void {
  const compared = [['comparison'], ['workspaces', 'previousCredits'], ['workspaces', 'change']].some((path) => argumentsBelow(info, path).length > 0);
  if (!compared) return;
  const previous = ctx.services.usageOverTime.comparisonSnapshot(snapshot, timeZone);
  if (isEmptyWindow(previous)) return;
  ctx.loaders.accountPages.load({ snapshot: previous, workspaceIds: visible }).then(
    (page) => (pageReads.previousPage = page),
    () => undefined,
  );
}

/**
 * The expand's reads that its fields select and that need nothing from its campaign rows — the
 * row's series, its campaign rows' series, the comparison window's campaign rows (previousCredits
 * and change) — start beside the campaign rows' own statement (as startPageSeries does for a page).
 * Answers the granularities of the campaign rows' series: the row's own series at one of them is
 * their sum (its campaign rows and No campaign hold all of its entries), so it is not read apart.
 */
function startExpandReads(info: GraphQLResolveInfo, workspaceId: string, snapshot: UsageSnapshot, timeZone: string, ctx: Context): Set<Granularity> {
  const ignore = () => undefined;
  const seriesKey = (args: Record<string, unknown>) => ({ snapshot, timeZone, workspaceId, granularity: args['granularity'] as Granularity });
  const campaignSeriesRead = new Set<Granularity>();
  for (const args of argumentsBelow(info, ['campaigns', 'series'])) {
    ctx.loaders.campaignSeries.load(seriesKey(args)).catch(ignore);
    campaignSeriesRead.add(args['granularity'] as Granularity);
  }
  for (const args of argumentsBelow(info, ['series'])) {
    if (!campaignSeriesRead.has(args['granularity'] as Granularity)) ctx.loaders.workspaceSeries.load(seriesKey(args)).catch(ignore);
  }
  const compared = [['previousCredits'], ['change'], ['campaigns', 'previousCredits'], ['campaigns', 'change']].some((path) => argumentsBelow(info, path).length > 0);
  const previous = ctx.services.usageOverTime.comparisonSnapshot(snapshot, timeZone);
  if (compared && !isEmptyWindow(previous)) ctx.loaders.campaignRows.load({ workspaceId, snapshot: previous }).catch(ignore);
  return campaignSeriesRead;
}

/** A row's share and percent among its siblings: from its page, or by answering that page (once per request). */
async function placementOf(row: WorkspaceUsage, ctx: Context): Promise<{ share: number | null; percent: number | null }> {
  const page = await ctx.loaders.accountPages.load({ snapshot: row.snapshot, workspaceIds: row.visibleWorkspaceIds });
  const placed = page.workspaces.find((sibling) => sibling.workspace.id === row.workspace.id);
  return { share: placed?.share ?? null, percent: placed?.percent ?? null };
}
