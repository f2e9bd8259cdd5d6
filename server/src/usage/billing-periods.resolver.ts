/** Account.currentPeriod and Account.billingPeriods: the account's calendar months in its own time zone. */
import { billingPeriodContaining, lastBillingPeriods } from '@creditlens/usage-math';
import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { Account } from '../catalog';
import { InvalidInputError } from '../errors';
import { MAX_BILLING_PERIODS } from './billing-periods';
import type { UsageContext as Context } from './usage.context';
import { toUsageWindow } from './usage.mapping';
import { UsageWindow } from './usage.types';

@Resolver(() => Account)
export class BillingPeriodResolver {
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
}
