import type { Database, SqlExecutor } from '../db';
import { placeholdersFor, readInChunks } from '../db';
import { InvalidInputError } from '../errors';
import { pageOf, type Page } from '../graphql';
import type { AccountRecord, CampaignRecord, WorkspaceRecord } from './catalog.model';

type AccountRow = { account_id: string; name: string; timezone: string; created_at: string | number; ledger_clock: string | number };
type WorkspaceRow = { account_id: string; workspace_id: string; name: string };
type CampaignRow = { account_id: string; workspace_id: string; campaign_id: string; name: string; archived: boolean | number };

/** All SQL about accounts, workspaces and campaigns. */
export class CatalogRepository {
  constructor(private readonly db: Database) {}

  async upsertAccount(input: { id: string; name: string; timezone: string }, now: Date): Promise<AccountRecord> {
    // A new account's ledger is empty, so its local-day rollup (usage/local-days.ts) is complete
    // in its zone from the start. A later change of zone leaves local_days_zone where it was: the
    // rollup stays exact in that zone, and series read around it until it is rebuilt.
    const rows = await this.db.writeTransaction((tx) =>
      tx.query<AccountRow>(
        `INSERT INTO accounts (account_id, name, timezone, local_days_zone, ledger_clock, created_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (account_id) DO UPDATE SET name = excluded.name, timezone = excluded.timezone
         RETURNING account_id, name, timezone, created_at, ledger_clock`,
        [input.id, input.name, input.timezone, input.timezone, now.getTime(), now.getTime()],
      ),
    );
    return toAccount(rows[0]!);
  }

  /** A workspace belongs to one account for good: moving it would rewrite history. */
  async upsertWorkspace(input: { id: string; accountId: string; name: string }): Promise<WorkspaceRecord> {
    const rows = await this.db.writeTransaction(async (tx) => {
      await requireAccount(tx, input.accountId, 'input.accountId');
      const existing = await tx.query<WorkspaceRow>('SELECT account_id FROM workspaces WHERE workspace_id = ?', [input.id]);
      if (existing[0] && existing[0].account_id !== input.accountId) {
        throw InvalidInputError.of('input.id', `workspace "${input.id}" already belongs to another account; workspaces cannot move`);
      }
      return tx.query<WorkspaceRow>(
        `INSERT INTO workspaces (account_id, workspace_id, name) VALUES (?, ?, ?)
         ON CONFLICT (account_id, workspace_id) DO UPDATE SET name = excluded.name
         RETURNING account_id, workspace_id, name`,
        [input.accountId, input.id, input.name],
      );
    });
    return toWorkspace(rows[0]!);
  }

  /** `archived` left out keeps the stored flag (false for a new campaign). */
  async upsertCampaign(input: { id: string; workspaceId: string; name: string; archived?: boolean | null }): Promise<CampaignRecord> {
    const rows = await this.db.writeTransaction(async (tx) => {
      const workspace = await tx.query<WorkspaceRow>('SELECT account_id FROM workspaces WHERE workspace_id = ?', [input.workspaceId]);
      if (!workspace[0]) throw InvalidInputError.of('input.workspaceId', `unknown workspace "${input.workspaceId}": upsert it first`);
      const accountId = workspace[0].account_id;
      const existing = await tx.query<CampaignRow>('SELECT workspace_id, archived FROM campaigns WHERE campaign_id = ?', [input.id]);
      if (existing[0] && existing[0].workspace_id !== input.workspaceId) {
        throw InvalidInputError.of('input.workspaceId', `campaign "${input.id}" belongs to another workspace; campaigns cannot move`);
      }
      const archived = input.archived ?? (existing[0] ? Boolean(existing[0].archived) : false);
      return tx.query<CampaignRow>(
        `INSERT INTO campaigns (account_id, campaign_id, workspace_id, name, archived) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (account_id, campaign_id) DO UPDATE SET name = excluded.name, archived = excluded.archived
         RETURNING account_id, workspace_id, campaign_id, name, archived`,
        [accountId, input.id, input.workspaceId, input.name, archived],
      );
    });
    return toCampaign(rows[0]!);
  }

  async findAccount(accountId: string): Promise<AccountRecord | null> {
    const rows = await this.db.tenantReader(accountId).query<AccountRow>(
      'SELECT account_id, name, timezone, created_at, ledger_clock FROM accounts WHERE account_id = ?',
      [accountId],
    );
    return rows[0] ? toAccount(rows[0]) : null;
  }

  /**
   * A workspace with its account in one statement: the expand query's whole lookup. A system
   * read (not tenant-scoped): it is what tells which tenant the workspace id belongs to.
   */
  async findWorkspaceWithAccount(workspaceId: string): Promise<{ workspace: WorkspaceRecord; account: AccountRecord } | null> {
    const rows = await this.db.reader.query<WorkspaceRow & AccountRow & { workspace_name: string }>(
      `SELECT w.account_id, w.workspace_id, w.name AS workspace_name, a.name, a.timezone, a.created_at, a.ledger_clock
       FROM workspaces w JOIN accounts a ON a.account_id = w.account_id WHERE w.workspace_id = ?`,
      [workspaceId],
    );
    const row = rows[0];
    return row ? { workspace: toWorkspace({ ...row, name: row.workspace_name }), account: toAccount(row) } : null;
  }

  /** The workspaces among `workspaceIds` that exist, in any account (callers check ownership; a system read). */
  async findWorkspaces(workspaceIds: readonly string[]): Promise<WorkspaceRecord[]> {
    return this.inChunks(workspaceIds, (placeholders, chunk) =>
      this.db.reader.query<WorkspaceRow>(
        `SELECT account_id, workspace_id, name FROM workspaces WHERE workspace_id IN (${placeholders})`,
        chunk,
      ),
    ).then((rows) => rows.map(toWorkspace));
  }

  async findCampaigns(campaignIds: readonly string[]): Promise<CampaignRecord[]> {
    return this.inChunks(campaignIds, (placeholders, chunk) =>
      this.db.reader.query<CampaignRow>(
        `SELECT account_id, workspace_id, campaign_id, name, archived FROM campaigns WHERE campaign_id IN (${placeholders})`,
        chunk,
      ),
    ).then((rows) => rows.map(toCampaign));
  }

  /**
   * Every account, by id (admin key only: a system read). `after` is the id of the last account
   * of the previous page. Ids compare in code-point order on both databases (see orderText).
   */
  async listAccounts(first: number, after: readonly string[] | null): Promise<Page<AccountRecord>> {
    const id = this.orderText('account_id');
    const rows = await this.db.reader.query<AccountRow>(
      `SELECT account_id, name, timezone, created_at, ledger_clock FROM accounts
       ${after ? `WHERE ${id} > ?` : ''} ORDER BY ${id} LIMIT ?`,
      [...(after ?? []), first + 1],
    );
    const [count] = await this.db.reader.query<{ n: string | number }>('SELECT COUNT(*) AS n FROM accounts');
    return pageOf(rows.map(toAccount), first, Number(count!.n));
  }

  /**
   * The workspaces of an account by name then id, usage or not; `visible` (a workspace-scoped
   * token) keeps only those. `after` is the (name, id) of the last row of the previous page: a
   * keyset bound, so a row renamed between pages may move across it, and no row is read twice
   * in one walk unless it is renamed.
   */
  async listWorkspaces(accountId: string, visible: ReadonlySet<string> | null, first: number, after: readonly string[] | null): Promise<Page<WorkspaceRecord>> {
    const only = visible ? [...visible] : null;
    const scope = `account_id = ?${only ? ` AND workspace_id IN (${placeholdersFor(only.length)})` : ''}`;
    const scopeParams = [accountId, ...(only ?? [])];
    const reader = this.db.tenantReader(accountId);
    const rows = await reader.query<WorkspaceRow>(
      `SELECT account_id, workspace_id, name FROM workspaces WHERE ${scope}
       ${after ? `AND (${this.orderText('name')}, ${this.orderText('workspace_id')}) > (?, ?)` : ''}
       ORDER BY ${this.orderText('name')}, ${this.orderText('workspace_id')} LIMIT ?`,
      [...scopeParams, ...(after ?? []), first + 1],
    );
    const [count] = await reader.query<{ n: string | number }>(`SELECT COUNT(*) AS n FROM workspaces WHERE ${scope}`, scopeParams);
    return pageOf(rows.map(toWorkspace), first, Number(count!.n));
  }

  /**
   * One page of campaigns (by name then id, archived included) for each of several workspaces
   * of one account, in two statements whatever their number: the rows ranked per workspace,
   * and the counts. `after` is a (name, id) bound applied in every workspace (callers batch
   * only keys with the same bound).
   */
  async listCampaigns(
    accountId: string,
    workspaceIds: readonly string[],
    first: number,
    after: readonly string[] | null,
  ): Promise<Map<string, Page<CampaignRecord>>> {
    const ids = [...new Set(workspaceIds)];
    const reader = this.db.tenantReader(accountId);
    const order = `${this.orderText('name')}, ${this.orderText('campaign_id')}`;
    const rows = await reader.query<CampaignRow>(
      `SELECT account_id, workspace_id, campaign_id, name, archived FROM (
         SELECT account_id, workspace_id, campaign_id, name, archived, ROW_NUMBER() OVER (PARTITION BY workspace_id ORDER BY ${order}) AS position
         FROM campaigns WHERE account_id = ? AND workspace_id IN (${placeholdersFor(ids.length)})
         ${after ? `AND (${order}) > (?, ?)` : ''}
       ) ranked WHERE position <= ? ORDER BY workspace_id, position`,
      [accountId, ...ids, ...(after ?? []), first + 1],
    );
    const counts = await reader.query<{ workspace_id: string; n: string | number }>(
      `SELECT workspace_id, COUNT(*) AS n FROM campaigns WHERE account_id = ? AND workspace_id IN (${placeholdersFor(ids.length)}) GROUP BY workspace_id`,
      [accountId, ...ids],
    );
    const countOf = new Map(counts.map((row) => [row.workspace_id, Number(row.n)]));
    const byWorkspace = new Map<string, CampaignRecord[]>(ids.map((id) => [id, []]));
    for (const row of rows) byWorkspace.get(row.workspace_id)!.push(toCampaign(row));
    return new Map(ids.map((id) => [id, pageOf(byWorkspace.get(id)!, first, countOf.get(id) ?? 0)]));
  }

  /**
   * A text column in the listings' order: code points. PostgreSQL's "C" collation compares the
   * UTF-8 bytes, as SQLite's BINARY does, so both databases agree (UTF-8 byte order is code-point
   * order; it differs from JavaScript's UTF-16 code-unit order only between characters above
   * U+FFFF and those in U+E000–U+FFFF).
   */
  private orderText(column: string): string {
    return this.db.dialect === 'postgres' ? `${column} COLLATE "C"` : column;
  }

  private inChunks<T>(ids: readonly string[], read: (placeholders: string, chunk: string[]) => Promise<T[]>): Promise<T[]> {
    return readInChunks([...new Set(ids)], (chunk) => read(placeholdersFor(chunk.length), chunk));
  }
}

async function requireAccount(tx: SqlExecutor, accountId: string, field: string): Promise<void> {
  const rows = await tx.query('SELECT 1 AS found FROM accounts WHERE account_id = ?', [accountId]);
  if (!rows[0]) throw InvalidInputError.of(field, `unknown account "${accountId}": upsert it first`);
}

function toAccount(row: AccountRow): AccountRecord {
  return {
    id: row.account_id,
    name: row.name,
    timezone: row.timezone,
    createdAt: new Date(Number(row.created_at)),
    ledgerClock: Number(row.ledger_clock),
  };
}

function toWorkspace(row: WorkspaceRow): WorkspaceRecord {
  return { accountId: row.account_id, id: row.workspace_id, name: row.name };
}

function toCampaign(row: CampaignRow): CampaignRecord {
  return { accountId: row.account_id, workspaceId: row.workspace_id, id: row.campaign_id, name: row.name, archived: Boolean(row.archived) };
}
