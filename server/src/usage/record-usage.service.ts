import { isAttributableKind, type CreditKind } from '@creditlens/usage-math';
import { assertCanRecordUsage, assertCanWriteUsage, canReadLedger, type Principal } from '../access';
import type { CatalogRepository } from '../catalog';
import type { Database, SqlExecutor } from '../db';
import { InvalidInputError, type InputProblem } from '../errors';
import { closedPeriodProblems } from './closed-periods.guard';
import { entryKey, type LedgerEntry, type UsageRepository } from './usage.repository';

export const MAX_BATCH_ENTRIES = 10_000;
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;
/** At most this many problems are spelled out in the message; extensions list them all. */
const PROBLEMS_IN_MESSAGE = 20;

export interface UsageEntryInput {
  readonly idempotencyKey: string;
  readonly accountId: string;
  readonly workspaceId: string;
  readonly campaignId?: string | null;
  readonly kind: CreditKind;
  readonly credits: number;
  readonly occurredAt: Date;
}

/**
 * Work that commits or rolls back with the entries it follows (budgets store their threshold
 * events here). Domains above usage/ implement it; the composition root passes them in, so
 * usage/ never imports them. Two steps, so that what needs no lock stays out of the locked part:
 * `prepare` runs before the write transaction, `afterRecord` inside it.
 */
export interface RecordedUsageListener {
  /**
   * Before the write transaction, outside the account's clock lock, with the entries the batch
   * may insert: reads what can be read without the lock and answers the work to run in the
   * transaction, or null when this batch needs none. What it read may be overtaken by a writer
   * that commits before the lock is taken: the work must stay exact then.
   */
  prepare(candidates: readonly LedgerEntry[]): Promise<RecordedUsageWork | null>;
}

export interface RecordedUsageWork {
  /**
   * Inside recordUsage's transaction, after the entries and rollups are written. `recorded`: the
   * entries it inserted (never duplicates), all accounts of the batch; `ledgerVersions`: the
   * version each account's ledger has with them (the last committed one plus one).
   */
  afterRecord(tx: SqlExecutor, recorded: readonly LedgerEntry[], ledgerVersions: ReadonlyMap<string, number>, now: Date): Promise<void>;
  /** After that transaction committed: what was kept of it may now be relied on. */
  afterCommit?(): void;
}

export interface RecordUsageResult {
  readonly accepted: number;
  readonly duplicates: number;
}

/**
 * recordUsage: validates the whole batch, then writes it in one transaction — all of it or
 * nothing. Idempotent per (account, idempotencyKey): an entry already recorded with the same
 * content is a duplicate and changes nothing; with other content it is an error.
 */
export class RecordUsageService {
  constructor(
    private readonly db: Database,
    private readonly catalog: CatalogRepository,
    private readonly usage: UsageRepository,
    private readonly listeners: readonly RecordedUsageListener[] = [],
  ) {}

  async record(principal: Principal, inputs: readonly UsageEntryInput[], now: Date): Promise<RecordUsageResult> {
    if (inputs.length > MAX_BATCH_ENTRIES) {
      throw InvalidInputError.of('entries', `a batch holds at most ${MAX_BATCH_ENTRIES.toLocaleString('en-US')} entries, got ${inputs.length.toLocaleString('en-US')}: split it`);
    }
    // Authorisation first, so that a refused caller learns nothing about the accounts' catalogs;
    // a read-only credential is refused even with an empty batch.
    assertCanWriteUsage(principal);
    const accountIds = [...new Set(inputs.map((input) => input.accountId))];
    for (const accountId of accountIds) assertCanRecordUsage(principal, accountId);

    const entries = inputs.map(toLedgerEntry);
    const problems = [...staticProblems(entries), ...(await this.catalogProblems(entries))];
    const { firsts, duplicates: batchDuplicates } = dedupeBatch(entries, problems);
    throwIfAny(problems);

    // Writers of one account queue on its clock lock, taken first: what the transaction does
    // after it bounds an account's ingest rate (an insert and one rollup statement, on PostgreSQL).
    const candidates = firsts.map(({ entry }) => entry);
    // A resent batch (a resumed import, a retry after a lost answer) is answered from one lookup
    // outside the write transaction: entries already committed with the same content change
    // nothing, so neither the clock lock nor a write is needed. Else the transaction decides.
    const recordedBefore = await this.usage.findRecorded(this.db.reader, candidates);
    if (recordedBefore.size === candidates.length) {
      return { accepted: 0, duplicates: batchDuplicates + duplicatesOrThrow(firsts, recordedBefore, canReadLedger(principal)) };
    }
    const added = absoluteCreditsByAccount(candidates);
    const work = (await Promise.all(this.listeners.map((listener) => listener.prepare(candidates)))).filter((step) => step !== null);
    const result = await this.db.writeTransaction(async (tx) => {
      const { clocks, absoluteCredits, versions, localDayZones } = await this.usage.advanceClocks(tx, accountIds, now, added);
      throwIfAny(await closedPeriodProblems(tx, this.usage, firsts));
      const inserted = await this.usage.insertNew(tx, candidates, clocks);
      const skipped = firsts.filter(({ entry }) => !inserted.has(entryKey(entry.accountId, entry.idempotencyKey)));
      const recorded = skipped.length === 0 ? new Map<string, LedgerEntry>() : await this.usage.findRecorded(tx, skipped.map(({ entry }) => entry));
      const duplicates = batchDuplicates + duplicatesOrThrow(skipped, recorded, canReadLedger(principal));
      await this.keepLifetimeSumsSafe(tx, absoluteCredits, added, firsts, inserted);
      if (inserted.size > 0) {
        const insertedEntries = inserted.size === candidates.length ? candidates : candidates.filter((entry) => inserted.has(entryKey(entry.accountId, entry.idempotencyKey)));
        await this.usage.addRecordedToRollups(tx, clocks, insertedEntries, localDayZones);
        for (const step of work) await step.afterRecord(tx, insertedEntries, versions, now);
      }
      return { accepted: inserted.size, duplicates };
    });
    for (const step of work) step.afterCommit?.();
    return result;
  }

  /**
   * Every window's sum of an account stays within SafeInt because its lifetime sum of |credits|
   * does: advanceClocks() added the whole batch's |credits| (capped, so that the bigint column
   * cannot overflow) to the account's running total under its clock lock. Nearly always every
   * entry was new and the total is within the limit: nothing more to do. Otherwise the exact
   * total is computed from the entries inserted, written back, and a batch that passes the limit
   * is refused (the transaction rolls back), naming the first entry that passes it.
   */
  private async keepLifetimeSumsSafe(
    tx: SqlExecutor,
    totals: ReadonlyMap<string, bigint>,
    added: ReadonlyMap<string, bigint>,
    firsts: readonly { entry: LedgerEntry; index: number }[],
    inserted: ReadonlySet<string>,
  ): Promise<void> {
    for (const [accountId, absoluteCredits] of totals) {
      const addedHere = added.get(accountId) ?? 0n;
      const allNew = firsts.every(({ entry }) => entry.accountId !== accountId || inserted.has(entryKey(accountId, entry.idempotencyKey)));
      if (allNew && absoluteCredits <= MAX_LIFETIME_ABSOLUTE_CREDITS) continue;
      let total = absoluteCredits - addedHere;
      for (const { entry, index } of firsts) {
        if (entry.accountId !== accountId || !inserted.has(entryKey(accountId, entry.idempotencyKey))) continue;
        total += abs(entry.credits);
        if (total > MAX_LIFETIME_ABSOLUTE_CREDITS) {
          throwIfAny([
            {
              index,
              field: 'credits',
              message: `would take the lifetime sum of absolute credits of account "${accountId}" past ${MAX_LIFETIME_ABSOLUTE_CREDITS.toLocaleString('en-US')} (2^53−1), beyond which its sums cannot be answered exactly`,
            },
          ]);
        }
      }
      await this.usage.setAbsoluteCredits(tx, accountId, total);
    }
  }

  private async catalogProblems(entries: readonly LedgerEntry[]): Promise<InputProblem[]> {
    const accountIds = [...new Set(entries.map((entry) => entry.accountId))];
    const knownAccounts = new Set<string>();
    for (const accountId of accountIds) if (await this.catalog.findAccount(accountId)) knownAccounts.add(accountId);
    const workspaces = new Map((await this.catalog.findWorkspaces(entries.map((entry) => entry.workspaceId))).map((w) => [w.id, w]));
    const campaignIds = entries.flatMap((entry) => (entry.campaignId === null ? [] : [entry.campaignId]));
    const campaigns = new Map((await this.catalog.findCampaigns(campaignIds)).map((c) => [c.id, c]));

    const problems: InputProblem[] = [];
    entries.forEach((entry, index) => {
      if (!knownAccounts.has(entry.accountId)) {
        problems.push({ index, field: 'accountId', message: `unknown account "${entry.accountId}": upsert it first` });
        return;
      }
      // A workspace or campaign of another account reads exactly like an unknown one.
      const workspace = workspaces.get(entry.workspaceId);
      if (!workspace || workspace.accountId !== entry.accountId) {
        problems.push({ index, field: 'workspaceId', message: `unknown workspace "${entry.workspaceId}" in account "${entry.accountId}": upsert it first` });
        return;
      }
      if (entry.campaignId === null) return;
      const campaign = campaigns.get(entry.campaignId);
      if (!campaign || campaign.accountId !== entry.accountId || campaign.workspaceId !== entry.workspaceId) {
        problems.push({ index, field: 'campaignId', message: `unknown campaign "${entry.campaignId}" in workspace "${entry.workspaceId}": upsert it first` });
      }
    });
    return problems;
  }
}

/**
 * The entries the ledger already held (a resent batch, or one racing this one), with what it
 * holds under their keys: each is a duplicate if recorded with the same content, else the whole
 * batch is refused, naming them.
 */
function duplicatesOrThrow(skipped: readonly { entry: LedgerEntry; index: number }[], recorded: ReadonlyMap<string, LedgerEntry>, mayReadLedger: boolean): number {
  const conflicts: InputProblem[] = [];
  let duplicates = 0;
  for (const { entry, index } of skipped) {
    const changed = differences(recorded.get(entryKey(entry.accountId, entry.idempotencyKey))!, entry);
    if (changed.length === 0) duplicates += 1;
    else conflicts.push({ index, field: 'idempotencyKey', message: `"${entry.idempotencyKey}" was already recorded with different content${mayReadLedger ? ` (${changed.join(', ')})` : ''}` });
  }
  throwIfAny(conflicts);
  return duplicates;
}

/** The most an account's lifetime sum of |credits| may reach: then every window's sum is a SafeInt. */
export const MAX_LIFETIME_ABSOLUTE_CREDITS = BigInt(Number.MAX_SAFE_INTEGER);

function abs(credits: bigint): bigint {
  return credits < 0n ? -credits : credits;
}

/** A batch's |credits| as added to the running total: past the limit by one at most, so the column stays far from int8's end. */
function cappedSum(sum: bigint): bigint {
  return sum > MAX_LIFETIME_ABSOLUTE_CREDITS ? MAX_LIFETIME_ABSOLUTE_CREDITS + 1n : sum;
}

function absoluteCreditsByAccount(entries: readonly LedgerEntry[]): Map<string, bigint> {
  const sums = new Map<string, bigint>();
  for (const entry of entries) sums.set(entry.accountId, (sums.get(entry.accountId) ?? 0n) + abs(entry.credits));
  for (const [accountId, sum] of sums) sums.set(accountId, cappedSum(sum));
  return sums;
}

function toLedgerEntry(input: UsageEntryInput): LedgerEntry {
  return {
    accountId: input.accountId,
    idempotencyKey: input.idempotencyKey,
    workspaceId: input.workspaceId,
    campaignId: input.campaignId ?? null,
    kind: input.kind,
    credits: BigInt(input.credits),
    occurredAt: input.occurredAt,
  };
}

function staticProblems(entries: readonly LedgerEntry[]): InputProblem[] {
  const problems: InputProblem[] = [];
  entries.forEach((entry, index) => {
    if (entry.idempotencyKey.length === 0) problems.push({ index, field: 'idempotencyKey', message: 'must not be empty' });
    if (entry.idempotencyKey.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
      problems.push({ index, field: 'idempotencyKey', message: `must be at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters, got ${entry.idempotencyKey.length}` });
    }
    if (entry.campaignId !== null && !isAttributableKind(entry.kind)) {
      problems.push({ index, field: 'campaignId', message: `${entry.kind} is never attributed to a campaign: leave campaignId out` });
    }
  });
  return problems;
}

/**
 * The first entry of each (account, key) in the batch; later repeats with the same content are
 * duplicates, with other content a problem naming both indexes.
 */
function dedupeBatch(entries: readonly LedgerEntry[], problems: InputProblem[]) {
  const firstIndex = new Map<string, number>();
  const firsts: { entry: LedgerEntry; index: number }[] = [];
  let duplicates = 0;
  entries.forEach((entry, index) => {
    const key = entryKey(entry.accountId, entry.idempotencyKey);
    const earlier = firstIndex.get(key);
    if (earlier === undefined) {
      firstIndex.set(key, index);
      firsts.push({ entry, index });
      return;
    }
    const changed = differences(entries[earlier]!, entry);
    if (changed.length === 0) duplicates += 1;
    else {
      problems.push({
        index,
        field: 'idempotencyKey',
        message: `"${entry.idempotencyKey}" is also used by entries[${earlier}] with different content (${changed.join(', ')})`,
      });
    }
  });
  return { firsts, duplicates };
}

/** The fields in which two entries with one key differ, as "field: before vs after". */
function differences(before: LedgerEntry, after: LedgerEntry): string[] {
  const fields: [string, string, string][] = [
    ['workspaceId', before.workspaceId, after.workspaceId],
    ['campaignId', String(before.campaignId), String(after.campaignId)],
    ['kind', before.kind, after.kind],
    ['credits', before.credits.toString(), after.credits.toString()],
    ['occurredAt', before.occurredAt.toISOString(), after.occurredAt.toISOString()],
  ];
  return fields.filter(([, a, b]) => a !== b).map(([field, a, b]) => `${field}: ${a} vs ${b}`);
}

function throwIfAny(problems: InputProblem[]): void {
  if (problems.length === 0) return;
  const sorted = [...problems].sort((a, b) => (a.index ?? -1) - (b.index ?? -1));
  const shown = sorted.slice(0, PROBLEMS_IN_MESSAGE).map((p) => `entries[${p.index}].${p.field}: ${p.message}`);
  const more = sorted.length > PROBLEMS_IN_MESSAGE ? `; and ${sorted.length - PROBLEMS_IN_MESSAGE} more (see extensions.problems)` : '';
  throw new InvalidInputError(sorted, `recordUsage rejected the batch, nothing was recorded: ${shown.join('; ')}${more}`);
}
