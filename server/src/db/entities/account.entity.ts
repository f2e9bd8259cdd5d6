import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Storage row of an account (the billing tenant). `ledgerClock` orders its usage snapshots. */
@Entity({ name: 'accounts' })
export class AccountEntity {
  @PrimaryColumn({ name: 'account_id', type: 'text' })
  accountId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  timezone!: string;

  /** Epoch ms of the newest usage snapshot of this account (see usage/snapshot.ts). */
  @Column({ name: 'ledger_clock', type: 'bigint' })
  ledgerClock!: string;

  /** Lifetime sum of |credits| of its ledger, kept at most 2^53−1 by recordUsage (so every window's sum is a SafeInt). */
  @Column({ name: 'absolute_credits', type: 'bigint', default: 0 })
  absoluteCredits!: string;

  @Column({ name: 'created_at', type: 'bigint' })
  createdAt!: string;
}
