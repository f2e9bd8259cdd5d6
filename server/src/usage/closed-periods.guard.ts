/**
 * recordUsage's guard of final invoices. It runs inside recordUsage's transaction after the
 * account clock locks are taken — the lock closeBillingPeriod takes too — so a close and a write
 * of one account never overlap: a close committed before the write is seen here (each statement
 * of a PostgreSQL READ COMMITTED transaction reads what was committed when it starts, and this
 * one starts after the lock was granted), and a close waiting behind the write takes its asOf
 * after the write committed, so counts it. Hence no entry of a closed period lands after its
 * close, and none acknowledged before it is left out of it.
 */
import type { InputProblem } from '../errors';
import type { SqlExecutor } from '../db';
import { closedPeriodsOverlapping } from './closed-periods.repository';
import { entryKey, type LedgerEntry, type UsageRepository } from './usage.repository';

/**
 * The problems of entries dated in a closed period: every such entry, unless the ledger already
 * holds it with the same content (a retry of a batch acknowledged before the close stays a
 * duplicate, and is counted as one by recordUsage).
 */
export async function closedPeriodProblems(
  tx: SqlExecutor,
  usage: Pick<UsageRepository, 'findRecorded'>,
  entries: readonly { readonly entry: LedgerEntry; readonly index: number }[],
): Promise<InputProblem[]> {
  const problems: InputProblem[] = [];
  for (const accountId of new Set(entries.map(({ entry }) => entry.accountId))) {
    const ofAccount = entries.filter(({ entry }) => entry.accountId === accountId);
    const instants = ofAccount.map(({ entry }) => entry.occurredAt.getTime());
    const closed = await closedPeriodsOverlapping(tx, accountId, Math.min(...instants), Math.max(...instants));
    if (closed.length === 0) continue;
    const dated = ofAccount.flatMap(({ entry, index }) => {
      const at = entry.occurredAt.getTime();
      const period = closed.find((candidate) => candidate.from <= at && at < candidate.to);
      return period ? [{ entry, index, period }] : [];
    });
    if (dated.length === 0) continue;
    const recorded = await usage.findRecorded(tx, dated.map(({ entry }) => entry));
    for (const { entry, index, period } of dated) {
      const earlier = recorded.get(entryKey(entry.accountId, entry.idempotencyKey));
      if (earlier && sameContent(earlier, entry)) continue;
      problems.push({
        index,
        field: 'occurredAt',
        message: `${entry.occurredAt.toISOString()} falls in the closed period [${new Date(period.from).toISOString()}, ${new Date(period.to).toISOString()}) of account "${accountId}", whose invoice is final: record a correction as a new entry dated in an open period`,
      });
    }
  }
  return problems;
}

function sameContent(a: LedgerEntry, b: LedgerEntry): boolean {
  return (
    a.workspaceId === b.workspaceId &&
    a.campaignId === b.campaignId &&
    a.kind === b.kind &&
    a.credits === b.credits &&
    a.occurredAt.getTime() === b.occurredAt.getTime()
  );
}
