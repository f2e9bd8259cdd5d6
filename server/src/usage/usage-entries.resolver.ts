/** Query.usageEntries: the ledger entries behind any row of a usage page, a keyset page at a time. */
import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { openAccount } from '../access';
import { DateTimeScalar, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, toSafeInt } from '../graphql';
import type { NamedEntryRow } from './usage-entries.repository';
import { UsageEntry, UsageEntryConnection, UsageEntryFilter } from './usage-entries.types';
import type { UsageContext as Context } from './usage.context';
import { UsageWindowInput } from './usage.types';

@Resolver()
export class UsageEntriesResolver {
  @Query(() => UsageEntryConnection, {
    nullable: true,
    description:
      'The ledger entries behind a row of a usage page (the account, a workspace, a campaign or a No campaign row, optionally by kinds) at one asOf: totalCount and totalCredits are the row\'s. Null when the account does not exist or the credential may not see it.',
  })
  async usageEntries(
    @Arg('accountId', () => ID, { description: "The host platform's account id." }) accountId: string,
    @Arg('window', () => UsageWindowInput, { description: 'The window, as on the page.' }) window: UsageWindowInput,
    @Arg('asOf', () => DateTimeScalar, { nullable: true, description: "The page's asOf. On a later page it may be left out: the cursor's is used." }) asOf: Date | null,
    @Arg('filter', () => UsageEntryFilter, { nullable: true, description: 'Which row; left out, every entry of the account (of the visible workspaces for a workspace-scoped token).' }) filter: UsageEntryFilter | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE, description: `How many entries, 1 to ${MAX_PAGE_SIZE}; default ${DEFAULT_PAGE_SIZE}.` }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor (or an edge cursor) of the previous page of this same listing; left out, the first page.' }) after: string | null,
    @Ctx() ctx: Context,
  ): Promise<UsageEntryConnection | null> {
    const { catalog, usage, entries } = ctx.services;
    const account = await openAccount(ctx.principal, accountId, (id) => catalog.findAccount(id));
    if (!account) return null;
    const page = await entries.page(ctx.principal, account, { window: usage.checkWindow(window, 'window'), asOf, filter, first, after });
    const edges = page.rows.map((row, index) => ({ cursor: page.cursors[index]!, node: toUsageEntry(accountId, row) }));
    return {
      edges,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.cursors.at(-1) ?? null },
      totalCount: page.totals.count,
      totalCredits: toSafeInt(page.totals.credits),
      asOf: new Date(page.asOf),
    };
  }
}

function toUsageEntry(accountId: string, row: NamedEntryRow): UsageEntry {
  return {
    idempotencyKey: row.idempotencyKey,
    occurredAt: new Date(row.occurredAt),
    recordedAt: new Date(row.recordedAt),
    kind: row.kind,
    credits: toSafeInt(row.credits),
    workspace: { id: row.workspaceId, name: row.workspaceName, accountId },
    campaign: row.campaign,
  };
}
