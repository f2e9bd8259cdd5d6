/** The catalog's queries and mutations: accounts (through the account gate), workspaces, campaigns. */
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { assertAdmin, assertCanReadUsage, canSeeWorkspace, openAccount, visibleWorkspaces } from '../access';
import { checkText, checkTimeZone, MAX_ID_LENGTH, MAX_NAME_LENGTH } from '../errors';
import type { CatalogContext as Context } from './catalog.context';
import { connectionOf, PageArgs, type Listing } from '../graphql';
import type { AccountRecord, CampaignRecord, WorkspaceRecord } from './catalog.model';
import { toAccount, toCampaign, toWorkspace } from './catalog.mapping';
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
    const account = await openAccount(ctx.principal, id, (accountId) => ctx.services.catalog.findAccount(accountId));
    return account && toAccount(account);
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
