/** The one write of the ledger: recordUsage, a batch at a time. */
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { UsageContext as Context } from './usage.context';
import { RecordUsageResult, UsageEntryInput } from './usage.types';

@Resolver()
export class RecordUsageResolver {
  @Mutation(() => RecordUsageResult, {
    description: 'Record a batch of at most 10,000 ledger entries: atomic (all or nothing) and idempotent per (account, idempotencyKey). A rejection names every bad entry by index and field.',
  })
  recordUsage(
    @Arg('entries', () => [UsageEntryInput], { description: 'The entries: at most 10,000 per batch and 8 MiB per request. Resend a failed batch as is: recorded keys count as duplicates.' }) entries: UsageEntryInput[],
    @Ctx() ctx: Context,
  ): Promise<RecordUsageResult> {
    return ctx.services.recordUsage.record(ctx.principal, entries, ctx.now);
  }
}
