/**
 * # Snapshots (`asOf`)
 *
 * Each account has a ledger clock (accounts.ledger_clock, epoch ms). A recordUsage transaction
 * first advances the clock of every account it writes to, to max(clock + 1, now) — an UPDATE
 * that row-locks the account until commit, so writers of one account commit one after another,
 * in clock order — and stamps its entries' recorded_at with that value. A reader takes the
 * *committed* clock as its asOf and counts entries with recorded_at <= asOf.
 *
 * Why a transaction that began before a snapshot and commits after it can never appear in it:
 * while it runs it holds the account's lock with a clock value greater than the committed one,
 * and a reader only ever sees committed values; so its recorded_at is greater than any asOf
 * handed out before it committed. A requested asOf later than the clock is clamped to the
 * clock, so no client can name a snapshot that a future commit could still fall into.
 * (SQLite runs one write transaction at a time anyway; the same rule holds there.)
 */

import type { UsageSnapshot } from './usage.model';

/** The snapshot a query reads: the requested one, or the latest committed, never past it. */
export function effectiveAsOf(requested: Date | null | undefined, committedClock: number): number {
  if (!requested) return committedClock;
  return Math.min(requested.getTime(), committedClock);
}

/** True when the snapshot's window holds no instant (a comparison window cut to nothing, say): nothing to read. */
export function isEmptyWindow(snapshot: UsageSnapshot): boolean {
  return snapshot.window.from.getTime() >= snapshot.window.to.getTime();
}

/** Names one snapshot (account, window, asOf): two reads with the same key count the same entries. */
export function snapshotKey(snapshot: UsageSnapshot): string {
  // Every row of a page shares its snapshot object, and loaders key each row's read by it.
  let key = keysOfSnapshots.get(snapshot);
  if (key === undefined) {
    key = `${snapshot.accountId}\u0000${snapshot.window.from.getTime()}\u0000${snapshot.window.to.getTime()}\u0000${snapshot.asOf}`;
    keysOfSnapshots.set(snapshot, key);
  }
  return key;
}
const keysOfSnapshots = new WeakMap<UsageSnapshot, string>();

