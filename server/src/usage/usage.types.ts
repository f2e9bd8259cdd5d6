import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Campaign, Workspace } from '../catalog';
import type { CreditKind, Granularity } from '@creditlens/usage-math';
import { CreditKindEnum, DateTimeScalar, SafeIntScalar } from '../graphql';
import type { AccountUsageModel, UsageSnapshot } from './usage.model';
import type { Series } from './usage-over-time.service';

@InputType({ description: 'A time window, half-open: entries with from <= occurredAt < to. from must be before to; at most 366 days.' })
export class UsageWindowInput {
  @Field(() => DateTimeScalar, { description: 'Start instant, included.' })
  from!: Date;

  @Field(() => DateTimeScalar, { description: 'End instant, excluded.' })
  to!: Date;
}

@ObjectType({ description: 'A time window, half-open: [from, to).' })
export class UsageWindow {
  @Field(() => DateTimeScalar, { description: 'Start instant, included.' })
  from!: Date;

  @Field(() => DateTimeScalar, { description: 'End instant, excluded.' })
  to!: Date;
}

@ObjectType({ description: 'Credits of one kind of credit use.' })
export class KindUsage {
  @Field(() => CreditKindEnum, { description: 'The kind of credit use.' })
  kind!: CreditKind;

  @Field(() => SafeIntScalar, { description: 'Whole credits (net of refunds) of this kind.' })
  credits!: number;
}

@ObjectType({ description: "One workspace's usage in a window, as of a ledger snapshot." })
export class WorkspaceUsage {
  @Field(() => ID, { description: 'Stable per (workspace, window, asOf): the client cache key.' })
  id!: string;

  @Field(() => Workspace, { description: 'The workspace.' })
  workspace!: Workspace;

  @Field(() => SafeIntScalar, { description: 'Whole credits the workspace used in the window (net of refunds).' })
  credits!: number;

  /**
   * Not in the schema: share and percent when the row came from its account's page; a row
   * answered by itself (the expand query) computes them only if they are selected.
   */
  placement?: { readonly share: number | null; readonly percent: number | null };

  /** Not in the schema: which workspaces the caller sees, for that computation. */
  visibleWorkspaceIds!: ReadonlySet<string> | null;

  /** Not in the schema: what the campaigns field resolver reads. */
  snapshot!: UsageSnapshot;

  /** Not in the schema: the account's time zone, for series buckets and the comparison window. */
  timeZone!: string;
  /** Not in the schema: a page row's share of its page's early reads (see PageReads). */
  pageReads?: PageReads;
  /** Not in the schema: on the expand's row, the granularities its campaign rows' series are read at (its own series is their sum). */
  campaignSeriesRead?: ReadonlySet<Granularity>;
}

/**
 * Not in the schema: the reads that a page's rows select and that start beside the page's own
 * sums (every row's series, the comparison window's page), filled in as they arrive. A row field
 * resolved after its read arrived answers from here at once: no promise, no loader call per row
 * (a page is 200 rows). Else, or when the read failed, the field asks its loader, which answers
 * the same read (or its error).
 */
export class PageReads {
  /** Every row's series of a whole page, by granularity, then workspace id. */
  readonly series = new Map<Granularity, ReadonlyMap<string, Series>>();
  /** The comparison window's page, as the page's rows see it; undefined until read. */
  previousPage: AccountUsageModel | undefined;
}

@ObjectType({ description: 'One campaign row of a workspace, or its No campaign row.' })
export class CampaignUsage {
  @Field(() => Campaign, { nullable: true, description: 'The campaign; null on the No campaign row.' })
  campaign!: Campaign | null;

  @Field(() => String, { description: 'The campaign name, or "No campaign" for spend without a campaign.' })
  label!: string;

  @Field(() => SafeIntScalar, { description: 'Whole credits of this row in the window.' })
  credits!: number;

  @Field(() => Float, { nullable: true, description: "Exact fraction of the workspace's credits; null when those are <= 0." })
  share!: number | null;

  @Field(() => Float, { nullable: true, description: 'share × 100 rounded to one decimal; sibling rows sum to exactly 100.0.' })
  percent!: number | null;

  @Field(() => [KindUsage], { description: 'Credits of this row per kind (kinds with entries only, in CreditKind order). On the No campaign row it tells what the spend was.' })
  byKind!: KindUsage[];

  /** Not in the schema: where the row sits, for its series, comparison and budget. */
  origin!: CampaignRowOrigin;
}

/** A campaign row's workspace, campaign (null: No campaign), snapshot and account time zone. */
export interface CampaignRowOrigin {
  readonly workspaceId: string;
  readonly campaignId: string | null;
  readonly snapshot: UsageSnapshot;
  readonly timeZone: string;
}

@ObjectType({ description: "An account's usage in a window, as of a ledger snapshot." })
export class AccountUsage {
  @Field(() => UsageWindow, { description: 'The window counted.' })
  window!: UsageWindow;

  @Field(() => DateTimeScalar, {
    description: 'The ledger snapshot: entries recorded after it are not counted. Pass it back as asOf (e.g. to expand a workspace) to get numbers that add up to this answer.',
  })
  asOf!: Date;

  @Field(() => SafeIntScalar, { description: 'Whole credits of the account (or of the workspaces the credential may see) in the window.' })
  totalCredits!: number;

  @Field(() => [KindUsage], { description: 'totalCredits per kind (kinds with entries only, in CreditKind order).' })
  byKind!: KindUsage[];

  @Field(() => [WorkspaceUsage], { description: 'Workspaces with usage in the window: credits descending, then name, then id.' })
  workspaces!: WorkspaceUsage[];

  /** Not in the schema: the snapshot counted, for the fields resolved from it (lastRecordedAt, series, comparison). */
  snapshot!: UsageSnapshot;

  /** Not in the schema: the account's time zone, for the series and comparison. */
  timeZone!: string;

  /** Not in the schema: which workspaces the caller sees (null: all). */
  visibleWorkspaceIds!: ReadonlySet<string> | null;

  /**
   * Not in the schema: the granularities whose page series (every row's, pageSeries) this request
   * reads because its rows select them; the account's series at one of them is their sum.
   */
  pageSeriesRead!: ReadonlySet<Granularity>;
  /** Not in the schema: the reads its rows share (WorkspaceUsage.pageReads). */
  pageReads!: PageReads;
}

@ObjectType({ description: 'The credits of one billing period, per kind: equal to the usage total of the period.' })
export class Invoice {
  @Field(() => UsageWindow, { description: 'The billing period (a calendar month in the account time zone).' })
  period!: UsageWindow;

  @Field(() => [KindUsage], { description: 'Credits per kind (kinds with entries only, in CreditKind order).' })
  lines!: KindUsage[];

  @Field(() => SafeIntScalar, { description: 'Total credits of the period; for the current period, a running total.' })
  totalCredits!: number;

  @Field(() => DateTimeScalar, { description: "The ledger snapshot counted: the close's for a final invoice, else the one asked for (or the latest)." })
  asOf!: Date;

  @Field(() => Boolean, { description: 'True once the period is closed (closeBillingPeriod) and asOf is not before the close: these numbers never change again.' })
  final!: boolean;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the period was closed; null unless final.' })
  closedAt!: Date | null;
}

@InputType({ description: 'One ledger line to record.' })
export class UsageEntryInput {
  @Field(() => String, { description: 'Unique per account: resending an entry with the same key and content is a no-op (a duplicate).' })
  idempotencyKey!: string;

  @Field(() => ID, { description: 'The account (must exist).' })
  accountId!: string;

  @Field(() => ID, { description: 'A workspace of that account (must exist).' })
  workspaceId!: string;

  @Field(() => ID, { nullable: true, description: 'A campaign of that workspace, for FIRST_EMAIL_DRAFT, LEAD_ENRICHMENT and REPLY only; left out, the entry lands in No campaign.' })
  campaignId?: string | null;

  @Field(() => CreditKindEnum, { description: 'The kind of credit use.' })
  kind!: CreditKind;

  @Field(() => SafeIntScalar, { description: 'Whole credits; negative for refunds and corrections.' })
  credits!: number;

  @Field(() => DateTimeScalar, { description: 'When the credits were used (decides the window and billing period).' })
  occurredAt!: Date;
}

@ObjectType({ description: 'What recordUsage did with a batch.' })
export class RecordUsageResult {
  @Field(() => Int, { description: 'Entries newly recorded.' })
  accepted!: number;

  @Field(() => Int, { description: 'Entries already recorded with the same key and content (in an earlier batch or earlier in this one): nothing changed for them.' })
  duplicates!: number;
}
