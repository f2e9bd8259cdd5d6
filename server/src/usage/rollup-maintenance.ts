import { bulkRows, type Database, type Dialect, type SqlExecutor } from '../db';
import { dayStartsIn, hourIsSplit, inPrimaryKeyOrder, insertLocalDaysSql, LOCAL_DAY_TABLES, localDayColumns, localDayRow, sumByLocalDay, type LocalDaySum, type LocalDayTable, type TimedCredits } from './local-days';
import { bucketExpression, keyColumn, keyExpression, ROLLUP_TABLES, rebuildSql, type RollupTable } from './rollups';
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
      for (const table of LOCAL_DAY_TABLES) {
        await tx.query(`DELETE FROM ${table.name} WHERE account_id = ?`, [accountId]);
        const sums = inPrimaryKeyOrder(table, await localDaySums(tx, this.db.dialect, table, accountId, account!.timezone, 'rollup'));
        for (const rows of bulkRows(this.db.dialect, localDayColumns(table).types, sums.map((sum) => localDayRow(table, accountId, sum)))) {
          await tx.query(insertLocalDaysSql(table, rows, false), rows.params);
        }
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
    const differences: RollupDifference[] = [];
    for (const table of LOCAL_DAY_TABLES) {
      const expected = await localDaySums(this.db.reader, this.db.dialect, table, accountId, account.local_days_zone, 'ledger');
      const kept = await this.db.reader.query<Record<string, string> & { bucket_start: string | number; credits: string; entry_count: string | number }>(
        `SELECT bucket_start, ${table.keys.join(', ')}, CAST(credits AS TEXT) AS credits, entry_count FROM ${table.name} WHERE account_id = ?`,
        [accountId],
      );
      const byKey = new Map<string, RollupDifference & { credits: bigint; entries: bigint }>();
      const add = (bucketStart: number, keys: Record<string, string>, credits: bigint, entries: bigint) => {
        const key = `${bucketStart}\u0000${table.keys.map((name) => keys[name]).join('\u0000')}`;
        const difference = byKey.get(key) ?? { table: table.name, bucketStart, keys, credits: 0n, entries: 0n };
        byKey.set(key, { ...difference, credits: difference.credits + credits, entries: difference.entries + entries });
      };
      const keysOf = (sum: LocalDaySum) => Object.fromEntries(table.keys.map((name) => [name, name === 'workspace_id' ? sum.workspaceId : (sum.campaignKey ?? '')]));
      for (const sum of expected) add(sum.dayStart, keysOf(sum), sum.credits, BigInt(sum.entries));
      for (const row of kept) add(Number(row.bucket_start), Object.fromEntries(table.keys.map((name) => [name, row[name]!])), -BigInt(row.credits), -BigInt(row.entry_count));
      differences.push(...[...byKey.values()].filter((difference) => difference.credits !== 0n || difference.entries !== 0n));
    }
    return differences;
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
 * An account's credits by local day of `timeZone` for one local-day rollup, from its UTC hours:
 * the hour rollup's rows (a rebuild, after the rollups) or the same sums from the ledger (a
 * check). An hour holds one local day's instants but where a local day starts inside it
 * (Kolkata's 18:30 UTC): those hours are read entry by entry from the ledger.
 */
async function localDaySums(executor: SqlExecutor, dialect: Dialect, table: LocalDayTable, accountId: string, timeZone: string, hours: 'rollup' | 'ledger'): Promise<LocalDaySum[]> {
  const dayStartOf = dayStartsIn(timeZone);
  const byCampaign = table.keys.includes('campaign_key');
  const hour = bucketExpression(HOUR, dialect);
  const ledgerKeys = table.keys.map(keyExpression);
  const rows = await executor.query<Record<string, string> & { bucket_start: string | number; credits: string; entry_count: string | number }>(
    hours === 'rollup'
      ? `SELECT ${table.keys.join(', ')}, bucket_start, CAST(SUM(credits) AS TEXT) AS credits, SUM(entry_count) AS entry_count
         FROM ${table.hours.name} WHERE account_id = ? GROUP BY ${table.keys.join(', ')}, bucket_start`
      : `SELECT ${table.keys.map(keyColumn).join(', ')}, ${hour} AS bucket_start, CAST(SUM(credits) AS TEXT) AS credits, COUNT(*) AS entry_count
         FROM usage_entries WHERE account_id = ? GROUP BY ${ledgerKeys.join(', ')}, ${hour}`,
    [accountId],
  );
  const parts: TimedCredits[] = [];
  const splitHours = new Set<number>();
  const part = (row: Record<string, string>, at: number, credits: bigint, entries: number): TimedCredits => ({
    workspaceId: row['workspace_id']!,
    ...(byCampaign ? { campaignKey: row['campaign_key']! } : {}),
    at,
    credits,
    entries,
  });
  for (const row of rows) {
    const start = Number(row.bucket_start);
    if (hourIsSplit(start, dayStartOf)) splitHours.add(start);
    else parts.push(part(row, start, BigInt(row.credits), Number(row.entry_count)));
  }
  for (const start of splitHours) {
    const entries = await executor.query<Record<string, string> & { occurred_at: string | number; credits: string }>(
      `SELECT ${table.keys.map(keyColumn).join(', ')}, occurred_at, CAST(credits AS TEXT) AS credits FROM usage_entries WHERE account_id = ? AND occurred_at >= ? AND occurred_at < ?`,
      [accountId, start, start + HOUR_MS],
    );
    for (const entry of entries) parts.push(part(entry, Number(entry.occurred_at), BigInt(entry.credits), 1));
  }
  return sumByLocalDay(parts, dayStartOf);
}
