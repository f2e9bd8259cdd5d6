import { isBillingPeriod, type TimeWindow } from '@creditlens/usage-math';
import { assertAdmin, type Principal } from '../access';
import type { Database } from '../db';
import { InvalidInputError } from '../errors';
import { ClosedPeriodsRepository } from './closed-periods.repository';
import type { KindCredits } from './usage.model';
import type { UsageRepository } from './usage.repository';
import type { AccountRef, UsageService } from './usage.service';

export interface InvoiceModel {
  readonly period: TimeWindow;
  readonly lines: readonly KindCredits[];
  readonly totalCredits: bigint;
  /** The ledger snapshot counted (epoch ms). */
  readonly asOf: number;
  /** The close, when the invoice is final. */
  readonly closedAt: Date | null;
}

/**
 * Invoices and their close. A closed period's invoice is the ledger at the close's asOf; no
 * entry of the period can be recorded after it (closed-periods.guard.ts), so that invoice, the
 * usage page of the period and the entries behind it never change again.
 */
export class InvoiceService {
  private readonly closed: ClosedPeriodsRepository;

  constructor(
    private readonly db: Database,
    private readonly ledger: UsageRepository,
    private readonly usage: UsageService,
  ) {
    this.closed = new ClosedPeriodsRepository(db);
  }

  /**
   * The invoice of one billing period at `asOf`: the running one (final: false) before the
   * period's close or while it is open, else the closed one at the close's asOf.
   */
  async invoice(account: AccountRef, period: TimeWindow, asOf: Date | null | undefined): Promise<InvoiceModel> {
    checkBillingPeriod(account, period);
    const closed = await this.closed.find(account.id, period.from.getTime());
    const final = closed !== null && (!asOf || asOf.getTime() >= closed.asOf);
    const snapshot = final ? { accountId: account.id, window: period, asOf: closed.asOf } : await this.usage.snapshot(account, period, asOf);
    const page = await this.usage.accountUsage(snapshot, null);
    return { period, lines: page.byKind, totalCredits: page.totalCredits, asOf: snapshot.asOf, closedAt: final ? new Date(closed.closedAt) : null };
  }

  /**
   * Closes a billing period that has ended (admin key only); closing it again answers the same
   * close. The clock lock it takes first is the one every recordUsage of the account takes
   * first: the close waits for the writers holding it, and the writers after it find the close
   * (closed-periods.guard.ts). Its asOf is the clock it sets, past every committed entry.
   */
  async close(principal: Principal, account: AccountRef, period: TimeWindow, now: Date): Promise<InvoiceModel> {
    assertAdmin(principal, 'closeBillingPeriod');
    checkBillingPeriod(account, period);
    if (period.to.getTime() > now.getTime()) {
      throw InvalidInputError.of('period', `has not ended yet (it ends ${period.to.toISOString()}): only an ended billing period can be closed`);
    }
    await this.db.writeTransaction(async (tx) => {
      const { clocks } = await this.ledger.advanceClocks(tx, [account.id], now, new Map());
      await this.closed.insertOnce(tx, { accountId: account.id, from: period.from.getTime(), to: period.to.getTime(), asOf: clocks.get(account.id)!, closedAt: now.getTime() });
    });
    return this.invoice({ id: account.id, timezone: account.timezone }, period, null);
  }
}

function checkBillingPeriod(account: AccountRef, period: TimeWindow): void {
  if (!isBillingPeriod(period, account.timezone)) {
    throw InvalidInputError.of(
      'period',
      `must be one calendar month in the account's time zone (${account.timezone}), from local midnight of the 1st to the next 1st; got ${period.from.toISOString()} – ${period.to.toISOString()}`,
    );
  }
}
