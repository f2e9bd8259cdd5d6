/** Mutation.closeBillingPeriod: an ended billing period's invoice made final (Account.invoice reads it). */
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { assertAdmin } from '../access';
import { InvalidInputError } from '../errors';
import type { UsageContext as Context } from './usage.context';
import { toInvoice } from './usage.mapping';
import { Invoice, UsageWindowInput } from './usage.types';

@Resolver()
export class InvoicesResolver {
  @Mutation(() => Invoice, {
    description:
      'Close a billing period that has ended (admin key only): from then on its invoice is final and recordUsage refuses entries dated in it (corrections go into an open period). Closing it again answers the same invoice.',
  })
  async closeBillingPeriod(
    @Arg('accountId', () => ID, { description: "The host platform's account id." }) accountId: string,
    @Arg('period', () => UsageWindowInput, { description: 'Exactly one billing period of the account that has ended.' }) period: UsageWindowInput,
    @Ctx() ctx: Context,
  ): Promise<Invoice> {
    assertAdmin(ctx.principal, 'closeBillingPeriod');
    const { catalog, usage, invoices } = ctx.services;
    const account = await catalog.findAccount(accountId);
    if (!account) throw InvalidInputError.of('accountId', `unknown account "${accountId}"`);
    return toInvoice(await invoices.close(ctx.principal, account, usage.checkWindow(period, 'period'), ctx.now));
  }
}
