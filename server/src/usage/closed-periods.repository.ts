import type { Database, SqlExecutor } from '../db';

/** A closed billing period: its invoice is the ledger at `asOf`, for good. */
export interface ClosedPeriod {
  readonly accountId: string;
  readonly from: number;
  readonly to: number;
  /** The ledger clock the close took under the account's clock lock (epoch ms). */
  readonly asOf: number;
  readonly closedAt: number;
}

type ClosedPeriodRow = { account_id: string; period_from: string | number; period_to: string | number; as_of: string | number; closed_at: string | number };

const COLUMNS = 'account_id, period_from, period_to, as_of, closed_at';

/** All SQL about closed periods (table closed_periods, migration 1766200000000). */
export class ClosedPeriodsRepository {
  constructor(private readonly db: Database) {}

  /** The close of the period starting at `from`, if any, as committed. */
  async find(accountId: string, from: number): Promise<ClosedPeriod | null> {
    const rows = await this.db.tenantReader(accountId).query<ClosedPeriodRow>(`SELECT ${COLUMNS} FROM closed_periods WHERE account_id = ? AND period_from = ?`, [accountId, from]);
    return rows[0] ? toClosedPeriod(rows[0]) : null;
  }

  /** Inside the close's transaction, under the account's clock lock: the close already there, or this one. */
  async insertOnce(tx: SqlExecutor, closed: ClosedPeriod): Promise<ClosedPeriod> {
    await tx.query(`INSERT INTO closed_periods (${COLUMNS}) VALUES (?, ?, ?, ?, ?) ON CONFLICT (account_id, period_from) DO NOTHING`, [
      closed.accountId,
      closed.from,
      closed.to,
      closed.asOf,
      closed.closedAt,
    ]);
    const rows = await tx.query<ClosedPeriodRow>(`SELECT ${COLUMNS} FROM closed_periods WHERE account_id = ? AND period_from = ?`, [closed.accountId, closed.from]);
    return toClosedPeriod(rows[0]!);
  }
}

/** Inside a write transaction: the closed periods of the account that hold any instant of [from, to]. */
export async function closedPeriodsOverlapping(tx: SqlExecutor, accountId: string, from: number, to: number): Promise<ClosedPeriod[]> {
  const rows = await tx.query<ClosedPeriodRow>(
    `SELECT ${COLUMNS} FROM closed_periods WHERE account_id = ? AND period_from <= ? AND period_to > ? ORDER BY period_from`,
    [accountId, to, from],
  );
  return rows.map(toClosedPeriod);
}

function toClosedPeriod(row: ClosedPeriodRow): ClosedPeriod {
  return { accountId: row.account_id, from: Number(row.period_from), to: Number(row.period_to), asOf: Number(row.as_of), closedAt: Number(row.closed_at) };
}
