import { bulkRows, type Database, type Dialect, type SqlExecutor } from '../db';
import { dayStartsIn, hourIsSplit, sumByLocalDay, type LocalDaySum, type TimedCredits } from './local-days';
import { bucketExpression, keyColumn, ROLLUP_TABLES, rebuildSql, WORKSPACE_HOURS, type RollupTable } from './rollups';
import { LOCAL_DAYS_TABLE } from './series-sql';
import { HOUR, HOUR_MS } from './window-planner';

/** A rollup row that disagrees with the ledger it summarises. */
export interface RollupDifference {
  readonly table: string;
  readonly bucketStart: number;
  readonly keys: Record<string, string>;
  /** Ledger minus rollup. */
  readonly credits: bigint;
  readonly entries: bigint;
}

/**
 * Rebuilding the rollups from the ledger (after a migration, or to repair) and checking that
 * they agree with it. Both work account by account, as every query here does.
 */
export class RollupMaintenance {
  constructor(private readonly db: Database) {}

  async accountIds(): Promise<string[]> {
    const rows = await this.db.reader.query<{ account_id: string }>('SELECT account_id FROM accounts ORDER BY account_id');
    return rows.map((row) => row.account_id);
  }

  /** Recomputes every rollup of one account in one transaction, holding the account's writers off meanwhile. */
  async rebuild(accountId: string): Promise<void> {
    await this.db.writeTransaction(async (tx) => {
      // The same row lock recordUsage takes first: no batch of this account commits halfway through.
      await tx.query('UPDATE accounts SET ledger_clock = ledger_clock WHERE account_id = ?', [accountId]);
      for (const table of ROLLUP_TABLES) {
        await tx.query(`DELETE FROM ${table.name} WHERE account_id = ?`, [accountId]);
        await tx.query(rebuildSql(table, this.db.dialect), [accountId]);
      }
      // The local days, in the account's zone now, from the hour rows just rebuilt.
      const [account] = await tx.query<{ timezone: string }>('SELECT timezone FROM accounts WHERE account_id = ?', [accountId]);
      await tx.query(`DELETE FROM ${LOCAL_DAYS_TABLE} WHERE account_id = ?`, [accountId]);
      const sums = await localDaySums(tx, this.db.dialect, accountId, account!.timezone, 'rollup');
      for (const rows of bulkRows(this.db.dialect, ['text', 'bigint', 'text', 'bigint', 'bigint'], sums.map((sum) => [accountId, sum.dayStart, sum.workspaceId, sum.credits.toString(), sum.entries]))) {
        await tx.query(`INSERT INTO ${LOCAL_DAYS_TABLE} (account_id, bucket_start, workspace_id, credits, entry_count) ${rows.sql}`, rows.params);
      }
      await tx.query('UPDATE accounts SET local_days_zone = timezone WHERE account_id = ?', [accountId]);
    });
  }

  /** Every rollup row of the account that differs from the ledger, in one statement per table (and two or more for the local days). */
  async check(accountId: string): Promise<RollupDifference[]> {
    const differences: RollupDifference[] = [];
    for (const table of ROLLUP_TABLES) differences.push(...(await this.checkTable(table, accountId)));
    differences.push(...(await this.checkLocalDays(accountId)));
    return differences;
  }

  /** The local-day rows against the ledger's, in the zone they are kept in (none when not built). */
  private async checkLocalDays(accountId: string): Promise<RollupDifference[]> {
    const [account] = await this.db.reader.query<{ local_days_zone: string | null }>('SELECT local_days_zone FROM accounts WHERE account_id = ?', [accountId]);
    if (!account || account.local_days_zone === null) return [];
    const expected = await localDaySums(this.db.reader, this.db.dialect, accountId, account.local_days_zone, 'ledger');
    const kept = await this.db.reader.query<{ bucket_start: string | number; workspace_id: string; credits: string; entry_count: string | number }>(
      `SELECT bucket_start, workspace_id, CAST(credits AS TEXT) AS credits, entry_count FROM ${LOCAL_DAYS_TABLE} WHERE account_id = ?`,
      [accountId],
    );
    const differences = new Map<string, { bucketStart: number; workspaceId: string; credits: bigint; entries: bigint }>();
    const add = (bucketStart: number, workspaceId: string, credits: bigint, entries: bigint) => {
      const key = `${workspaceId}\u0000${bucketStart}`;
      const difference = differences.get(key) ?? { bucketStart, workspaceId, credits: 0n, entries: 0n };
      difference.credits += credits;
      difference.entries += entries;
      differences.set(key, difference);
    };
    for (const sum of expected) add(sum.dayStart, sum.workspaceId, sum.credits, BigInt(sum.entries));
    for (const row of kept) add(Number(row.bucket_start), row.workspace_id, -BigInt(row.credits), -BigInt(row.entry_count));
    return [...differences.values()]
      .filter((difference) => difference.credits !== 0n || difference.entries !== 0n)
      .map((difference) => ({ table: LOCAL_DAYS_TABLE, bucketStart: difference.bucketStart, keys: { workspace_id: difference.workspaceId }, credits: difference.credits, entries: difference.entries }));
  }

  private async checkTable(table: RollupTable, accountId: string): Promise<RollupDifference[]> {
    const bucket = bucketExpression(table.grain, this.db.dialect);
    const ledgerKeys = table.keys.map(keyColumn);
    const keys = table.keys.join(', ');
    const rows = await this.db.reader.query<Record<string, string> & { bucket_start: string | number; credits: string; entries: string }>(
      `SELECT bucket_start, ${keys}, CAST(SUM(credits) AS TEXT) AS credits, CAST(SUM(entry_count) AS TEXT) AS entries FROM (
         SELECT ${bucket} AS bucket_start, ${ledgerKeys.join(', ')}, credits, 1 AS entry_count FROM usage_entries WHERE account_id = ?
         UNION ALL
         SELECT bucket_start, ${keys}, -credits AS credits, -entry_count AS entry_count FROM ${table.name} WHERE account_id = ?
       ) d
       GROUP BY bucket_start, ${keys}
       HAVING SUM(credits) <> 0 OR SUM(entry_count) <> 0`,
      [accountId, accountId],
    );
    return rows.map((row) => ({
      table: table.name,
      bucketStart: Number(row.bucket_start),
      keys: Object.fromEntries(table.keys.map((key) => [key, row[key]!])),
      credits: BigInt(row.credits),
      entries: BigInt(row.entries),
    }));
  }
}

/**
 * An account's credits by workspace and local day of `timeZone`, from its workspace hours: the
 * hour rollup's rows (a rebuild, after the rollups) or the same sums from the ledger (a check).
 * An hour holds one local day's instants but where a local day starts inside it (Kolkata's
 * 18:30 UTC): those hours are read entry by entry from the ledger.
 */
async function localDaySums(executor: SqlExecutor, dialect: Dialect, accountId: string, timeZone: string, hours: 'rollup' | 'ledger'): Promise<LocalDaySum[]> {
  const dayStartOf = dayStartsIn(timeZone);
  const rows = await executor.query<{ workspace_id: string; bucket_start: string | number; credits: string; entry_count: string | number }>(
    hours === 'rollup'
      ? `SELECT workspace_id, bucket_start, CAST(credits AS TEXT) AS credits, entry_count FROM ${WORKSPACE_HOURS.name} WHERE account_id = ?`
      : `SELECT workspace_id, ${bucketExpression(HOUR, dialect)} AS bucket_start, CAST(SUM(credits) AS TEXT) AS credits, COUNT(*) AS entry_count
         FROM usage_entries WHERE account_id = ? GROUP BY workspace_id, ${bucketExpression(HOUR, dialect)}`,
    [accountId],
  );
  const parts: TimedCredits[] = [];
  const splitHours = new Set<number>();
  for (const row of rows) {
    const hour = Number(row.bucket_start);
    if (hourIsSplit(hour, dayStartOf)) splitHours.add(hour);
    else parts.push({ workspaceId: row.workspace_id, at: hour, credits: BigInt(row.credits), entries: Number(row.entry_count) });
  }
  for (const hour of splitHours) {
    const entries = await executor.query<{ workspace_id: string; occurred_at: string | number; credits: string }>(
      'SELECT workspace_id, occurred_at, CAST(credits AS TEXT) AS credits FROM usage_entries WHERE account_id = ? AND occurred_at >= ? AND occurred_at < ?',
      [accountId, hour, hour + HOUR_MS],
    );
    for (const entry of entries) parts.push({ workspaceId: entry.workspace_id, at: Number(entry.occurred_at), credits: BigInt(entry.credits), entries: 1 });
  }
  return sumByLocalDay(parts, dayStartOf);
}
