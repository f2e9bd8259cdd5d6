import type { CreditKind } from '@creditlens/usage-math';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Campaign, Workspace } from '../catalog';
import { CreditKindEnum, DateTimeScalar, PageInfo, SafeIntScalar } from '../graphql';

@InputType({ description: 'Which row of a usage page the entries explain: the account (no filter), a workspace, a campaign, or a No campaign row; optionally only some kinds.' })
export class UsageEntryFilter {
  @Field(() => ID, { nullable: true, description: 'Only entries of this workspace. Unknown or invisible: an empty connection.' })
  workspaceId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only entries of this campaign (of workspaceId when given, else BAD_USER_INPUT). Unknown or invisible: an empty connection.' })
  campaignId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true: only entries without a campaign (the No campaign row of workspaceId, or of every workspace); false or null: no filter. Not with campaignId.' })
  noCampaign?: boolean | null;

  @Field(() => [CreditKindEnum], { nullable: true, description: 'Only entries of these kinds (at least one); null: every kind.' })
  kinds?: CreditKind[] | null;
}

@ObjectType({ description: 'One ledger entry, as recorded (entries are never changed; corrections are new entries).' })
export class UsageEntry {
  @Field(() => String, { description: 'The idempotency key it was recorded with (unique per account).' })
  idempotencyKey!: string;

  @Field(() => DateTimeScalar, { description: 'When the credits were used: decides the window and billing period.' })
  occurredAt!: Date;

  @Field(() => DateTimeScalar, { description: 'When the ledger acknowledged it, on the account ledger clock: an asOf at or after it counts it.' })
  recordedAt!: Date;

  @Field(() => CreditKindEnum, { description: 'The kind of credit use.' })
  kind!: CreditKind;

  @Field(() => SafeIntScalar, { description: 'Whole credits; negative for refunds and corrections.' })
  credits!: number;

  @Field(() => Workspace, { description: 'Its workspace (current name).' })
  workspace!: Workspace;

  @Field(() => Campaign, { nullable: true, description: 'Its campaign (current name); null for an entry of No campaign.' })
  campaign!: Campaign | null;
}

@ObjectType({ description: 'One ledger entry of the listing with its position.' })
export class UsageEntryEdge {
  @Field(() => String, { description: 'The position of this entry: pass it as `after` to continue after it (it carries the listing and its asOf).' })
  cursor!: string;

  @Field(() => UsageEntry, { description: 'The entry.' })
  node!: UsageEntry;
}

@ObjectType({ description: 'A page of the ledger entries behind a row, by occurredAt descending then idempotencyKey ascending (code-unit order), at one asOf.' })
export class UsageEntryConnection {
  @Field(() => [UsageEntryEdge], { description: "The entries of this page, in the listing's order." })
  edges!: UsageEntryEdge[];

  @Field(() => PageInfo, { description: 'Whether more entries follow, and the cursor to ask for them.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'How many entries the whole listing has at asOf (the same on every page).' })
  totalCount!: number;

  @Field(() => SafeIntScalar, { description: "The credits of the whole listing at asOf: equal to the credits of the row the filter names (the same on every page)." })
  totalCredits!: number;

  @Field(() => DateTimeScalar, { description: 'The ledger snapshot listed: every page of one walk answers the same one.' })
  asOf!: Date;
}
