import { lastBillingPeriods, billingPeriodContaining } from '@creditlens/usage-math';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { assertAdmin, assertCanReadUsage, canSeeAccount } from '../auth/principal';
import { InvalidInputError } from '../errors/domain-errors';
import type { Context } from '../graphql/context';
import { UsageWindow } from '../usage/usage.types';
import { toUsageWindow } from '../usage/usage.mapping';
import { Account, AccountInput, Campaign, CampaignInput, Workspace, WorkspaceInput } from './catalog.types';
import { checkText, checkTimeZone, MAX_ID_LENGTH, MAX_NAME_LENGTH } from './catalog.validation';

export const MAX_BILLING_PERIODS = 120;

@Resolver(() => Account)
export class CatalogResolver {
  @Query(() => Account, {
    nullable: true,
    description: 'An account, or null when it does not exist or the credential may not see it (the two answers are identical).',
  })
  async account(@Arg('id', () => ID, { description: "The host platform's account id." }) id: string, @Ctx() ctx: Context): Promise<Account | null> {
    if (!canSeeAccount(ctx.principal, id)) return null;
    const account = await ctx.services.catalog.findAccount(id);
    if (!account) return null;
    assertCanReadUsage(ctx.principal);
    return { id: account.id, name: account.name, timezone: account.timezone, ledgerClock: account.ledgerClock };
  }

  @FieldResolver(() => UsageWindow, { description: "The current billing period: this calendar month in the account's time zone." })
  currentPeriod(@Root() account: Account, @Ctx() ctx: Context): UsageWindow {
    return toUsageWindow(billingPeriodContaining(ctx.now, account.timezone));
  }

  @FieldResolver(() => [UsageWindow], { description: 'The current billing period and the ones before it, newest first (empty periods included).' })
  billingPeriods(
    @Root() account: Account,
    @Arg('last', () => Int, { nullable: true, defaultValue: 12, description: `How many periods, 1 to ${MAX_BILLING_PERIODS}.` }) last: number | null,
    @Ctx() ctx: Context,
  ): UsageWindow[] {
    const count = last ?? 12;
    if (count < 1 || count > MAX_BILLING_PERIODS) {
      throw InvalidInputError.of('last', `must be from 1 to ${MAX_BILLING_PERIODS}, got ${count}`);
    }
    return lastBillingPeriods(ctx.now, account.timezone, count).map(toUsageWindow);
  }

  @Mutation(() => Account, { description: 'Create or rename an account (admin key only).' })
  async upsertAccount(@Arg('input', () => AccountInput, { description: 'The account: your own id, its display name and its IANA time zone.' }) input: AccountInput, @Ctx() ctx: Context): Promise<Account> {
    assertAdmin(ctx.principal, 'upsertAccount');
    const record = await ctx.services.catalog.upsertAccount(
      {
        id: checkText(input.id, 'input.id', MAX_ID_LENGTH),
        name: checkText(input.name, 'input.name', MAX_NAME_LENGTH),
        timezone: checkTimeZone(input.timezone, 'input.timezone'),
      },
      ctx.now,
    );
    return { id: record.id, name: record.name, timezone: record.timezone };
  }

  @Mutation(() => Workspace, { description: 'Create or rename a workspace of an existing account (admin key only).' })
  async upsertWorkspace(@Arg('input', () => WorkspaceInput, { description: 'The workspace: your own id, the id of its (existing) account and its display name.' }) input: WorkspaceInput, @Ctx() ctx: Context): Promise<Workspace> {
    assertAdmin(ctx.principal, 'upsertWorkspace');
    const record = await ctx.services.catalog.upsertWorkspace({
      id: checkText(input.id, 'input.id', MAX_ID_LENGTH),
      accountId: input.accountId,
      name: checkText(input.name, 'input.name', MAX_NAME_LENGTH),
    });
    return { id: record.id, name: record.name };
  }

  @Mutation(() => Campaign, { description: 'Create, rename, archive or unarchive a campaign of an existing workspace (admin key only).' })
  async upsertCampaign(@Arg('input', () => CampaignInput, { description: 'The campaign: your own id, the id of its (existing) workspace, its display name and optionally the archived flag.' }) input: CampaignInput, @Ctx() ctx: Context): Promise<Campaign> {
    assertAdmin(ctx.principal, 'upsertCampaign');
    const record = await ctx.services.catalog.upsertCampaign({
      id: checkText(input.id, 'input.id', MAX_ID_LENGTH),
      workspaceId: input.workspaceId,
      name: checkText(input.name, 'input.name', MAX_NAME_LENGTH),
      archived: input.archived,
    });
    return { id: record.id, name: record.name, archived: record.archived };
  }
}
