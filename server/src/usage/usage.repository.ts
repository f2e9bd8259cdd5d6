import type { CreditKind } from '@creditlens/usage-math';
import { type BulkColumn, bulkRows, type BulkRows, type Database, type Dialect, isUniqueViolation, placeholdersFor, readInChunks, type SqlExecutor } from '../db';
import { planWindow } from './window-planner';
import { campaignSumsStatement, pageSumsStatement, workspaceKindSumsStatement } from './rollup-sql';
import { ledgerSeriesStatement, parseSeriesParts, seriesSumsStatement, type SeriesLevel } from './series-sql';
import { addToRollupSql, NO_CAMPAIGN_KEY, ROLLUP_TABLES } from './rollups';
import { dayStartsIn, insertLocalDaysSql, LOCAL_DAY_TABLES, localDayColumns, localDayRow, sumByLocalDay, type LocalDayTable } from './local-days';
import type { UsageSnapshot } from './usage.model';

/** One ledger line's identity: its account and idempotency key. */
export function entryKey(accountId: string, idempotencyKey: string): string {
  return `${accountId}\u0000${idempotencyKey}`;
}

/** A ledger line as written by recordUsage. */
export interface LedgerEntry {
  readonly accountId: string;
  readonly idempotencyKey: string;
  readonly workspaceId: string;
  readonly campaignId: string | null;
  readonly kind: CreditKind;
  readonly credits: bigint;
  readonly occurredAt: Date;
}

/** What a usage page is made of: credits per workspace, and per kind across those workspaces. */
export interface PageSums {
  readonly workspaces: readonly { readonly workspaceId: string; readonly workspaceName: string; readonly credits: bigint }[];
  readonly byKind: readonly { readonly kind: CreditKind; readonly credits: bigint }[];
}

/** A group of ledger lines of one workspace, campaign (or none) and kind. */
export interface CampaignKindSum {
  readonly workspaceId: string;
  readonly campaignId: string | null;
  readonly campaignName: string | null;
  readonly archived: boolean;
  readonly kind: CreditKind;
  readonly credits: bigint;
}

/**
 * One row's series from one statement: the account's (no keys), a workspace's, or a campaign
 * row's (`campaignKey` null on the No campaign row); only rows with rollup rows in the window.
 */
export interface SeriesRow {
  readonly workspaceId: string | null;
  readonly campaignKey: string | null;
  /** Every bucket's credits; exact as numbers (see parseSeriesParts). */
  readonly credits: number[];
}

/** What a series is read for: a snapshot's account and asOf, its bucket edges, and whose rows (null: the whole account). */
export interface SeriesRead {
  readonly accountId: string;
  readonly asOf: number;
  readonly edges: readonly number[];
  readonly workspaceIds: readonly string[] | null;
  /** The zone of the edges: whole local days of it may be read from the local-day rollup, when it is kept in that zone. */
  readonly timeZone: string | null;
}

/** The columns recordUsage writes, in the order insertNew() gives its values. */
const LEDGER_COLUMNS: readonly BulkColumn[] = [
  { name: 'account_id', type: 'text' },
  { name: 'idempotency_key', type: 'text' },
  { name: 'workspace_id', type: 'text' },
  { name: 'campaign_id', type: 'text' },
  { name: 'kind', type: 'text' },
  { name: 'credits', type: 'bigint' },
  { name: 'occurred_at', type: 'bigint' },
  { name: 'recorded_at', type: 'bigint' },
];

/** All SQL about the ledger. Every statement is filtered by account_id first. */
export class UsageRepository {
  constructor(private readonly db: Database) {}

  async readClock(accountId: string): Promise<number | null> {
    const rows = await this.db.tenantReader(accountId).query<{ ledger_clock: string | number }>(
      'SELECT ledger_clock FROM accounts WHERE account_id = ?',
      [accountId],
    );
    return rows[0] ? Number(rows[0].ledger_clock) : null;
  }

  /**
   * Moves each account's ledger clock past both its last value and `now`, and adds the batch's
   * |credits| to its lifetime running total, inside the write transaction. The row lock this
   * takes serialises writers of one account until commit, so the total read back is exact. Each
   * account's ledger version goes one up (see migration 1766700000000).
   * Accounts are locked in sorted order so that two multi-account batches cannot deadlock.
   */
  async advanceClocks(
    tx: SqlExecutor,
    accountIds: readonly string[],
    now: Date,
    addedAbsoluteCredits: ReadonlyMap<string, bigint>,
  ): Promise<{ clocks: Map<string, number>; absoluteCredits: Map<string, bigint>; versions: Map<string, number>; localDayZones: Map<string, string | null> }> {
    const clocks = new Map<string, number>();
    const absoluteCredits = new Map<string, bigint>();
    const versions = new Map<string, number>();
    const localDayZones = new Map<string, string | null>();
    for (const accountId of [...accountIds].sort()) {
      const rows = await tx.query<{ ledger_clock: string | number; absolute_credits: string; ledger_version: string | number; local_days_zone: string | null }>(
        `UPDATE accounts SET ledger_clock = CASE WHEN ledger_clock + 1 > ? THEN ledger_clock + 1 ELSE ? END,
           absolute_credits = absolute_credits + CAST(? AS BIGINT), ledger_version = ledger_version + 1
         WHERE account_id = ? RETURNING ledger_clock, CAST(absolute_credits AS TEXT) AS absolute_credits, ledger_version, local_days_zone`,
        [now.getTime(), now.getTime(), (addedAbsoluteCredits.get(accountId) ?? 0n).toString(), accountId],
      );
      clocks.set(accountId, Number(rows[0]!.ledger_clock));
      absoluteCredits.set(accountId, BigInt(rows[0]!.absolute_credits));
      versions.set(accountId, Number(rows[0]!.ledger_version));
      localDayZones.set(accountId, rows[0]!.local_days_zone);
    }
    return { clocks, absoluteCredits, versions, localDayZones };
  }

  /** Corrects an account's lifetime sum of |credits| when a batch added less than advanceClocks() assumed. */
  async setAbsoluteCredits(tx: SqlExecutor, accountId: string, absoluteCredits: bigint): Promise<void> {
    await tx.query('UPDATE accounts SET absolute_credits = CAST(? AS BIGINT) WHERE account_id = ?', [absoluteCredits.toString(), accountId]);
  }

  /**
   * The entries of `entries` that the ledger holds already (same account and idempotency key,
   * whatever their content), by entryKey(): one statement per account, an index lookup of the
   * primary key per key (PostgreSQL binds the keys as one array; SQLite reads them in chunks).
   * `executor` is the write transaction, or the reader for a look before taking any lock.
   */
  async findRecorded(executor: SqlExecutor, entries: readonly LedgerEntry[]): Promise<Map<string, LedgerEntry>> {
    const keysByAccount = new Map<string, Set<string>>();
    for (const entry of entries) {
      const keys = keysByAccount.get(entry.accountId) ?? new Set<string>();
      keys.add(entry.idempotencyKey);
      keysByAccount.set(entry.accountId, keys);
    }
    const recorded = new Map<string, LedgerEntry>();
    for (const [accountId, keys] of keysByAccount) {
      const columns = `SELECT idempotency_key, workspace_id, campaign_id, kind, CAST(credits AS TEXT) AS credits, occurred_at FROM usage_entries WHERE account_id = ?`;
      const rows =
        this.db.dialect === 'postgres'
          ? await executor.query<RecordedRow>(`${columns} AND idempotency_key = ANY(CAST(? AS TEXT[]))`, [accountId, [...keys]])
          : await readInChunks([...keys], (chunk) => executor.query<RecordedRow>(`${columns} AND idempotency_key IN (${placeholdersFor(chunk.length)})`, [accountId, ...chunk]));
      for (const row of rows) {
        recorded.set(entryKey(accountId, row.idempotency_key), {
          accountId,
          idempotencyKey: row.idempotency_key,
          workspaceId: row.workspace_id,
          campaignId: row.campaign_id,
          kind: row.kind,
          credits: BigInt(row.credits),
          occurredAt: new Date(Number(row.occurred_at)),
        });
      }
    }
    return recorded;
  }

  /**
   * Inserts the entries whose (account, idempotency key) is not recorded yet and skips the rest
   * (the primary key decides, so a batch racing this one cannot make it fail); answers the
   * entries it inserted, as entryKey() strings.
   */
  async insertNew(tx: SqlExecutor, entries: readonly LedgerEntry[], recordedAt: ReadonlyMap<string, number>): Promise<Set<string>> {
    const rows = entries.map((entry) => [
      entry.accountId,
      entry.idempotencyKey,
      entry.workspaceId,
      entry.campaignId,
      entry.kind,
      entry.credits.toString(),
      entry.occurredAt.getTime(),
      recordedAt.get(entry.accountId)!,
    ]);
    const chunks = bulkRows(this.db.dialect, LEDGER_COLUMNS.map((column) => column.type), rows);
    const insert = `INSERT INTO usage_entries (${LEDGER_COLUMNS.map((column) => column.name).join(', ')})`;
    if (this.db.dialect === 'postgres' && (await this.insertAllIfAllNew(tx, insert, chunks))) {
      return new Set(entries.map((entry) => entryKey(entry.accountId, entry.idempotencyKey)));
    }
    const inserted = new Set<string>();
    // Sent together (on PostgreSQL a transaction's connection runs them in turn all the same).
    const answers = await Promise.all(
      chunks.map((chunk) =>
        tx.query<{ account_id: string; idempotency_key: string }>(`${insert} ${chunk.sql} ON CONFLICT (account_id, idempotency_key) DO NOTHING RETURNING account_id, idempotency_key`, chunk.params),
      ),
    );
    for (const row of answers.flat()) inserted.add(entryKey(row.account_id, row.idempotency_key));
    return inserted;
  }

  /**
   * PostgreSQL: the plain INSERT, betting that every entry is new, as nearly every batch's are.
   * ON CONFLICT makes each row a speculative insertion (the key checked, then inserted, then
   * confirmed), which is slower, and all of it runs under the account's clock lock
   * (docs/performance.md). A key recorded already (a resent or raced batch) fails the statement:
   * it is undone to a savepoint and answers false, and the caller takes the ON CONFLICT path.
   */
  private async insertAllIfAllNew(tx: SqlExecutor, insert: string, chunks: readonly BulkRows[]): Promise<boolean> {
    await tx.query('SAVEPOINT insert_if_all_new');
    try {
      for (const chunk of chunks) await tx.query(`${insert} ${chunk.sql}`, chunk.params);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      await tx.query('ROLLBACK TO SAVEPOINT insert_if_all_new');
      return false;
    }
    await tx.query('RELEASE SAVEPOINT insert_if_all_new');
    return true;
  }

  /**
   * Adds the entries this transaction recorded to every rollup, summed from the ledger itself:
   * per account, the entries stamped with the clock value advanceClocks() just gave it — a value
   * no other write of the account ever gets, so exactly the entries inserted here, whatever a
   * resent or raced batch skipped. On PostgreSQL the nine upserts are one statement (data-
   * modifying CTEs over the batch read once), one round trip under the account's clock lock;
   * summed in SQL, the batch's rows are not built, sent and parsed a second time per rollup.
   * The local-day rollups are summed here instead (`recorded`: the entries inserted), in the zone
   * advanceClocks() read under the same lock (`localDayZones`; null: not kept): SQLite has no
   * time zones, and local-days.ts's days are the series' own.
   */
  async addRecordedToRollups(tx: SqlExecutor, clocks: ReadonlyMap<string, number>, recorded: readonly LedgerEntry[], localDayZones: ReadonlyMap<string, string | null>): Promise<void> {
    const source = 'usage_entries WHERE account_id = ? AND recorded_at = ?';
    for (const [accountId, clock] of clocks) {
      const zone = localDayZones.get(accountId) ?? null;
      const entries = zone === null ? [] : recorded.filter((entry) => entry.accountId === accountId);
      const localDays = zone === null ? [] : LOCAL_DAY_TABLES.flatMap((table) => this.localDayRows(table, accountId, entries, zone));
      if (this.db.dialect === 'sqlite') {
        // Sent together: the writer's thread runs them in turn, and answers them in one go.
        await Promise.all([
          ...ROLLUP_TABLES.map((table) => tx.query(addToRollupSql(table, 'sqlite', source), [accountId, clock])),
          ...localDays.map(({ table, rows }) => tx.query(insertLocalDaysSql(table, rows, true), rows.params)),
        ]);
        continue;
      }
      // One statement for the nine rollups and the local days: the batch's entries are read once.
      const upserts = [...ROLLUP_TABLES.map((table) => addToRollupSql(table, 'postgres', 'batch')), ...localDays.map(({ table, rows }) => insertLocalDaysSql(table, rows, true))];
      const ctes = upserts.slice(0, -1).map((upsert, index) => `rollup_${index} AS (${upsert})`);
      await tx.query(
        `WITH batch AS MATERIALIZED (SELECT account_id, workspace_id, campaign_id, kind, credits, occurred_at FROM ${source}),
        ${ctes.join(',\n')}
        ${upserts[upserts.length - 1]}`,
        [accountId, clock, ...localDays.flatMap(({ rows }) => rows.params)],
      );
    }
  }

  /** An account's entries summed by local day of `timeZone` for one local-day rollup, as bulk rows to add. */
  private localDayRows(table: LocalDayTable, accountId: string, entries: readonly LedgerEntry[], timeZone: string): { table: LocalDayTable; rows: BulkRows }[] {
    const byCampaign = table.keys.includes('campaign_key');
    const sums = sumByLocalDay(
      entries.map((entry) => ({
        workspaceId: entry.workspaceId,
        ...(byCampaign ? { campaignKey: entry.campaignId ?? NO_CAMPAIGN_KEY } : {}),
        at: entry.occurredAt.getTime(),
        credits: entry.credits,
        entries: 1,
      })),
      dayStartsIn(timeZone),
    );
    return bulkRows(this.db.dialect, localDayColumns(table).types, sums.map((sum) => localDayRow(table, accountId, sum))).map((rows) => ({ table, rows }));
  }

  /** A page's sums from the rollups, in one statement; `workspaceIds` null means every workspace of the account. */
  async sumPage(snapshot: UsageSnapshot, workspaceIds: readonly string[] | null): Promise<PageSums> {
    if (workspaceIds !== null && workspaceIds.length === 0) return { workspaces: [], byKind: [] };
    const statement = pageSumsStatement(planned(this.db.dialect, snapshot, workspaceIds));
    const rows = await this.db.tenantReader(snapshot.accountId).query<{ level: string; sum_key: string; workspace_name: string | null; credits: string }>(
      statement.sql,
      statement.params,
    );
    return {
      workspaces: rows.filter((row) => row.level === 'workspace').map((row) => ({ workspaceId: row.sum_key, workspaceName: row.workspace_name!, credits: BigInt(row.credits) })),
      byKind: rows.filter((row) => row.level === 'kind').map((row) => ({ kind: row.sum_key as CreditKind, credits: BigInt(row.credits) })),
    };
  }

  /** Credits per workspace, campaign (null: none) and kind from the rollups: one statement per chunk of workspace ids. */
  async sumByCampaignAndKind(snapshot: UsageSnapshot, workspaceIds: readonly string[]): Promise<CampaignKindSum[]> {
    return readInChunks(workspaceIds, async (chunk) => {
      const statement = campaignSumsStatement({ ...planned(this.db.dialect, snapshot, null), workspaceIds: chunk });
      const rows = await this.db.tenantReader(snapshot.accountId).query<CampaignSumRow & { campaign_key: string }>(statement.sql, statement.params);
      return rows.map((row) => toCampaignSum({ ...row, campaign_id: row.campaign_key === NO_CAMPAIGN_KEY ? null : row.campaign_key }));
    });
  }

  /**
   * The plain ledger query for sumByWorkspaceAndKind: the reference that the rollup answers are
   * checked against (tests, `rollups check`, the bench's baseline). Scans the whole window.
   */
  async ledgerSumPage(snapshot: UsageSnapshot, workspaceIds: readonly string[] | null): Promise<PageSums> {
    const filter = workspaceIds === null ? '' : `AND u.workspace_id IN (${placeholdersFor(workspaceIds.length)})`;
    if (workspaceIds !== null && workspaceIds.length === 0) return { workspaces: [], byKind: [] };
    const rows = await this.db.tenantReader(snapshot.accountId).query<{ workspace_id: string; workspace_name: string; kind: CreditKind; credits: string }>(
      `SELECT u.workspace_id, w.name AS workspace_name, u.kind, CAST(SUM(u.credits) AS TEXT) AS credits
       FROM usage_entries u
       JOIN workspaces w ON w.account_id = u.account_id AND w.workspace_id = u.workspace_id
       WHERE u.account_id = ? AND u.occurred_at >= ? AND u.occurred_at < ? AND u.recorded_at <= ? ${filter}
       GROUP BY u.workspace_id, w.name, u.kind`,
      [...snapshotParams(snapshot), ...(workspaceIds ?? [])],
    );
    const workspaces = new Map<string, { workspaceId: string; workspaceName: string; credits: bigint }>();
    const kinds = new Map<CreditKind, bigint>();
    for (const row of rows) {
      const workspace = workspaces.get(row.workspace_id) ?? { workspaceId: row.workspace_id, workspaceName: row.workspace_name, credits: 0n };
      workspace.credits += BigInt(row.credits);
      workspaces.set(row.workspace_id, workspace);
      kinds.set(row.kind, (kinds.get(row.kind) ?? 0n) + BigInt(row.credits));
    }
    return { workspaces: [...workspaces.values()], byKind: [...kinds].map(([kind, credits]) => ({ kind, credits })) };
  }

  /** The plain ledger query for sumByCampaignAndKind (see ledgerSumByWorkspaceAndKind). */
  async ledgerSumByCampaignAndKind(snapshot: UsageSnapshot, workspaceIds: readonly string[]): Promise<CampaignKindSum[]> {
    return readInChunks(workspaceIds, async (chunk) => {
      const rows = await this.db.tenantReader(snapshot.accountId).query<CampaignSumRow>(
        `SELECT u.workspace_id, u.campaign_id, c.name AS campaign_name, c.archived, u.kind, CAST(SUM(u.credits) AS TEXT) AS credits
         FROM usage_entries u
         LEFT JOIN campaigns c ON c.account_id = u.account_id AND c.campaign_id = u.campaign_id
         WHERE u.account_id = ? AND u.occurred_at >= ? AND u.occurred_at < ? AND u.recorded_at <= ?
           AND u.workspace_id IN (${placeholdersFor(chunk.length)})
         GROUP BY u.workspace_id, u.campaign_id, c.name, c.archived, u.kind`,
        [...snapshotParams(snapshot), ...chunk],
      );
      return rows.map(toCampaignSum);
    });
  }

  /** Bucket credits of a series from the rollups, one statement per chunk of workspace ids (see series-sql.ts). */
  async sumSeries(read: SeriesRead, level: SeriesLevel): Promise<SeriesRow[]> {
    return this.readSeries(read, (snapshot) => seriesSumsStatement({ dialect: this.db.dialect, ...snapshot }, level));
  }

  /** The plain ledger query for sumSeries: the reference of tests and the bench. */
  async ledgerSumSeries(read: SeriesRead, level: SeriesLevel): Promise<SeriesRow[]> {
    return this.readSeries(read, (snapshot) => ledgerSeriesStatement({ dialect: this.db.dialect, ...snapshot }, level));
  }

  private async readSeries(read: SeriesRead, statementFor: (read: SeriesRead) => { sql: string; params: unknown[] }): Promise<SeriesRow[]> {
    const buckets = read.edges.length - 1;
    const run = async (workspaceIds: readonly string[] | null) => {
      // null: the local-day rollups are not kept in this zone (never built, or the account's zone
      // changed since): the statement said so and counted nothing from them.
      const query = async (timeZone: string | null): Promise<SeriesRow[] | null> => {
        const statement = statementFor({ ...read, workspaceIds, timeZone });
        const rows = await this.db.tenantReader(read.accountId).query<{ workspace_id?: string | null; campaign_key?: string; parts: string | null }>(statement.sql, statement.params);
        const series: SeriesRow[] = [];
        for (const row of rows) {
          const credits = parseSeriesParts(row.parts, buckets);
          if (credits === null) return null;
          // The sentinel's group (no workspace) when it said nothing.
          if (row.workspace_id === null) continue;
          series.push({ workspaceId: row.workspace_id ?? null, campaignKey: row.campaign_key === undefined || row.campaign_key === NO_CAMPAIGN_KEY ? null : row.campaign_key, credits });
        }
        return series;
      };
      return (await query(read.timeZone)) ?? (await query(null))!;
    };
    if (read.workspaceIds === null) return run(null);
    if (read.workspaceIds.length === 0) return [];
    return readInChunks(read.workspaceIds, run);
  }

  /** Credits per workspace and kind from the rollups (WorkspaceUsage.byKind): one statement per chunk of workspace ids. */
  async sumByWorkspaceAndKind(snapshot: UsageSnapshot, workspaceIds: readonly string[]): Promise<{ workspaceId: string; kind: CreditKind; credits: bigint }[]> {
    return readInChunks(workspaceIds, async (chunk) => {
      const statement = workspaceKindSumsStatement({ ...planned(this.db.dialect, snapshot, null), workspaceIds: chunk });
      const rows = await this.db.tenantReader(snapshot.accountId).query<{ workspace_id: string; kind: CreditKind; credits: string }>(statement.sql, statement.params);
      return rows.map((row) => ({ workspaceId: row.workspace_id, kind: row.kind, credits: BigInt(row.credits) }));
    });
  }
}

type RecordedRow = {
  idempotency_key: string;
  workspace_id: string;
  campaign_id: string | null;
  kind: CreditKind;
  credits: string;
  occurred_at: string | number;
};

type CampaignSumRow = {
  workspace_id: string;
  campaign_id: string | null;
  campaign_name: string | null;
  archived: boolean | number | null;
  kind: CreditKind;
  credits: string;
};

function toCampaignSum(row: CampaignSumRow): CampaignKindSum {
  return {
    workspaceId: row.workspace_id,
    campaignId: row.campaign_id,
    campaignName: row.campaign_name,
    archived: Boolean(row.archived),
    kind: row.kind,
    credits: BigInt(row.credits),
  };
}

/** A snapshot with its window planned into rollup buckets and ledger edges. */
function planned(dialect: Dialect, snapshot: UsageSnapshot, workspaceIds: readonly string[] | null) {
  const window = { from: snapshot.window.from.getTime(), to: snapshot.window.to.getTime() };
  return { dialect, accountId: snapshot.accountId, plan: planWindow(window.from, window.to), window, asOf: snapshot.asOf, workspaceIds };
}

function snapshotParams(snapshot: UsageSnapshot): unknown[] {
  return [snapshot.accountId, snapshot.window.from.getTime(), snapshot.window.to.getTime(), snapshot.asOf];
}
