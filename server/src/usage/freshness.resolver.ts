/** AccountUsage.lastRecordedAt: when the usage a page counts last arrived. */
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { DateTimeScalar } from '../graphql';
import type { UsageContext as Context } from './usage.context';
import { AccountUsage } from './usage.types';

@Resolver(() => AccountUsage)
export class FreshnessResolver {
  @FieldResolver(() => DateTimeScalar, {
    nullable: true,
    description: 'The latest recordedAt (at or before asOf) among exactly the entries counted in totalCredits (the window, the asOf, the visible workspaces); null when none.',
  })
  async lastRecordedAt(@Root() usage: AccountUsage, @Ctx() ctx: Context): Promise<Date | null> {
    const last = await ctx.services.entries.lastRecordedAt(usage.snapshot, usage.visibleWorkspaceIds);
    return last === null ? null : new Date(last);
  }
}
