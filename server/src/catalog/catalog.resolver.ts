import { lastBillingPeriods, billingPeriodContaining } from '@creditlens/usage-math';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ApiKey } from '../auth/credentials.types';
import { assertAdmin, assertCanReadUsage, canSeeAccount, canSeeWorkspace, visibleWorkspaces } from '../auth/principal';
import { checkText, checkTimeZone, InvalidInputError, MAX_ID_LENGTH, MAX_NAME_LENGTH } from '../errors';
import type { Context } from '../app';
import { connectionOf, PageArgs, type Listing } from '../graphql/pagination';
import type { AccountRecord, CampaignRecord, WorkspaceRecord } from './catalog.model';
import { UsageWindow } from '../usage/usage.types';
import { toUsageWindow } from '../usage/usage.mapping';
import { toAccount, toApiKey, toCampaign, toWorkspace } from './catalog.mapping';
import {
  Account,
  AccountConnection,
  AccountInput,
  Campaign,
  CampaignConnection,
  CampaignInput,
  Workspace,
  WorkspaceConnection,
  WorkspaceInput,
} from './catalog.types';

export const MAX_BILLING_PERIODS = 120;

/** The catalog's listings: accounts by id, workspaces of an account and campaigns of a workspace by name then id. */
const ACCOUNTS: Listing<AccountRecord> = { name: 'accounts', scope: '', keyLength: 1, keyOf: (account) => [account.id] };
const workspacesOf = (accountId: string): Listing<WorkspaceRecord> => ({ name: 'workspaces', scope: accountId, keyLength: 2, keyOf: (row) => [row.name, row.id] });
const campaignsOf = (workspaceId: string): Listing<CampaignRecord> => ({ name: 'campaigns', scope: workspaceId, keyLength: 2, keyOf: (row) => [row.name, row.id] });

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
    return toAccount(account);
  }

  @Query(() => AccountConnection, { description: 'Every account, by id (admin key only).' })
  async accounts(
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
  ): Promise<AccountConnection> {
    assertAdmin(ctx.principal, 'accounts');
    return connectionOf(page, ACCOUNTS, (first, after) => ctx.services.catalog.listAccounts(first, after), toAccount);
  }

  @FieldResolver(() => WorkspaceConnection, {
    description: 'The workspaces of the account, usage or not, by name (code-point order) then id. A workspace-scoped embed token lists only its workspaces.',
  })
  async workspaces(
    @Root() account: Account,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
  ): Promise<WorkspaceConnection> {
    const visible = visibleWorkspaces(ctx.principal);
    return connectionOf(page, workspacesOf(account.id), (first, after) => ctx.services.catalog.listWorkspaces(account.id, visible, first, after), toWorkspace);
  }

  @FieldResolver(() => [ApiKey], { description: "The account's API keys, revoked and expired ones included, oldest first (admin key only). Secrets are never shown again." })
  async apiKeys(@Root() account: Account, @Ctx() ctx: Context): Promise<ApiKey[]> {
    assertAdmin(ctx.principal, 'apiKeys');
    return (await ctx.services.apiKeys.listForAccount(account.id)).map(toApiKey);
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
    return toAccount(record);
  }

  @Mutation(() => Workspace, { description: 'Create or rename a workspace of an existing account (admin key only).' })
  async upsertWorkspace(@Arg('input', () => WorkspaceInput, { description: 'The workspace: your own id, the id of its (existing) account and its display name.' }) input: WorkspaceInput, @Ctx() ctx: Context): Promise<Workspace> {
    assertAdmin(ctx.principal, 'upsertWorkspace');
    const record = await ctx.services.catalog.upsertWorkspace({
      id: checkText(input.id, 'input.id', MAX_ID_LENGTH),
      accountId: input.accountId,
      name: checkText(input.name, 'input.name', MAX_NAME_LENGTH),
    });
    return toWorkspace(record);
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
    return toCampaign(record);
  }
}

@Resolver(() => Workspace)
export class WorkspaceCatalogResolver {
  @FieldResolver(() => CampaignConnection, {
    description: 'The campaigns of the workspace, archived included, by name (code-point order) then id. Batched across the workspaces of a listing.',
  })
  async campaigns(
    @Root() workspace: Workspace,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
  ): Promise<CampaignConnection> {
    // Every Workspace reaching here was visible where it was read; this keeps it so should a new path appear.
    if (!canSeeWorkspace(ctx.principal, workspace.accountId, workspace.id)) return { edges: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: 0 };
    assertCanReadUsage(ctx.principal);
    const { accountId, id: workspaceId } = workspace;
    return connectionOf(page, campaignsOf(workspaceId), (first, after) => ctx.loaders.campaignPages.load({ accountId, workspaceId, first, after }), toCampaign);
  }
}
