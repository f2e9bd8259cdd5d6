import BetterSqlite3 from 'better-sqlite3';
import { Client } from 'pg';
import type { Database } from '../db';
import { RollupMaintenance } from '../usage';

/**
 * The bench's data set: one account in Europe/Berlin whose October 2026 holds N ledger entries
 * over 200 workspaces with 40 campaigns each, heavy-tailed (workspace index ~ 200·r³, so the
 * biggest has ~17 % of all entries; campaign ~ 40·r²), 10 % without a campaign, 1 % refunds.
 * Each entry is recorded 0–5 minutes after it occurred, so "asOf one hour back" is a real
 * snapshot that excludes the last hour's entries.
 */
export const BENCH_ACCOUNT = 'acct_bench';
/**
 * The ingest measurement writes to an account of its own, new in every run (`acct_bench_ingest_<run>`):
 * its entries never land in the measured account's snapshots, and every run measures the same
 * thing — an account reused across runs piled all runs' entries onto one day's rollup rows.
 */
export const INGEST_ACCOUNT_PREFIX = 'acct_bench_ingest';
export const BENCH_WORKSPACES = 200;
export const BENCH_CAMPAIGNS_PER_WORKSPACE = 40;
/** October 2026 in Europe/Berlin (it has the end-of-DST day: 745 hours). */
export const BENCH_MONTH = { from: Date.parse('2026-09-30T22:00:00Z'), to: Date.parse('2026-10-31T23:00:00Z') };

const NEVER_ATTRIBUTED = ['LEAD_FINDING', 'SELF_LEARNING_AI', 'CONTACT_LIST_CLEANING', 'REPLY'];
const ATTRIBUTED = ['FIRST_EMAIL_DRAFT', 'LEAD_ENRICHMENT', 'REPLY'];

/** An account with the bench's workspaces and campaigns (or `shape`'s); ids are prefixed so that two accounts can coexist. */
export async function insertCatalog(
  db: Database,
  accountId: string,
  prefix: string,
  shape = { workspaces: BENCH_WORKSPACES, campaignsPerWorkspace: BENCH_CAMPAIGNS_PER_WORKSPACE },
): Promise<void> {
  await db.writeTransaction(async (tx) => {
    // As upsertAccount makes a new account: its (empty) local-day rollup in its zone, kept by every batch.
    await tx.query(`INSERT INTO accounts (account_id, name, timezone, local_days_zone, ledger_clock, created_at) VALUES (?, 'Bench', 'Europe/Berlin', 'Europe/Berlin', 0, ?)`, [
      accountId,
      BENCH_MONTH.from,
    ]);
    for (let w = 0; w < shape.workspaces; w++) {
      await tx.query('INSERT INTO workspaces (account_id, workspace_id, name) VALUES (?, ?, ?)', [accountId, `${prefix}ws${w}`, `Workspace ${String(w).padStart(3, '0')}`]);
      const values = Array.from({ length: shape.campaignsPerWorkspace }, () => '(?, ?, ?, ?, ?)').join(', ');
      const params = Array.from({ length: shape.campaignsPerWorkspace }, (_, c) => [accountId, `${prefix}ws${w}_c${c}`, `${prefix}ws${w}`, `Campaign ${w}.${c}`, false]).flat();
      await tx.query(`INSERT INTO campaigns (account_id, campaign_id, workspace_id, name, archived) VALUES ${values}`, params);
    }
  });
}

/** Loads the ledger with PostgreSQL's own generator, a million rows per statement. */
async function loadPostgres(url: string, entries: number, progress: (done: number) => void): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    // A bulk load by the bench's superuser: skip the per-row FK and append-only triggers.
    await client.query(`SET session_replication_role = replica`);
    const chunk = 1_000_000;
    for (let start = 1; start <= entries; start += chunk) {
      const end = Math.min(entries, start + chunk - 1);
      await client.query(
        `INSERT INTO usage_entries (account_id, idempotency_key, workspace_id, campaign_id, kind, credits, occurred_at, recorded_at)
         SELECT $1, 'b' || g, 'ws' || w, CASE WHEN nc THEN NULL ELSE 'ws' || w || '_c' || c END,
           CASE WHEN nc THEN ($2::text[])[1 + floor(random() * 4)::int] ELSE ($3::text[])[1 + floor(random() * 3)::int] END,
           CASE WHEN random() < 0.01 THEN -1 - floor(random() * 20)::int ELSE 1 + floor(power(random(), 2) * 60)::int END,
           occ, occ + floor(random() * 300000)::bigint
         FROM (SELECT g, floor($4 * power(random(), 3))::int AS w, floor($5 * power(random(), 2))::int AS c, random() < 0.1 AS nc,
                      ($6 + floor(random() * $7))::bigint AS occ
               FROM generate_series($8::bigint, $9::bigint) g) x`,
        [BENCH_ACCOUNT, NEVER_ATTRIBUTED, ATTRIBUTED, BENCH_WORKSPACES, BENCH_CAMPAIGNS_PER_WORKSPACE, BENCH_MONTH.from, BENCH_MONTH.to - BENCH_MONTH.from, start, end],
      );
      progress(end);
    }
  } finally {
    await client.end();
  }
}

/** Loads the ledger through a native connection in large transactions (seeded, so runs compare). */
function loadSqlite(file: string, entries: number, progress: (done: number) => void): void {
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  const insert = db.prepare(
    'INSERT INTO usage_entries (account_id, idempotency_key, workspace_id, campaign_id, kind, credits, occurred_at, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  let state = 12345;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const span = BENCH_MONTH.to - BENCH_MONTH.from;
  const chunk = 100_000;
  for (let start = 0; start < entries; start += chunk) {
    db.transaction(() => {
      for (let i = start; i < Math.min(entries, start + chunk); i++) {
        const w = Math.floor(BENCH_WORKSPACES * random() ** 3);
        const c = Math.floor(BENCH_CAMPAIGNS_PER_WORKSPACE * random() ** 2);
        const noCampaign = random() < 0.1;
        const occurredAt = BENCH_MONTH.from + Math.floor(random() * span);
        insert.run(
          BENCH_ACCOUNT,
          `b${i}`,
          `ws${w}`,
          noCampaign ? null : `ws${w}_c${c}`,
          noCampaign ? NEVER_ATTRIBUTED[Math.floor(random() * 4)] : ATTRIBUTED[Math.floor(random() * 3)],
          random() < 0.01 ? -1 - Math.floor(random() * 20) : 1 + Math.floor(random() ** 2 * 60),
          occurredAt,
          occurredAt + Math.floor(random() * 300_000),
        );
      }
    })();
    progress(Math.min(entries, start + chunk));
  }
  db.close();
}

/** Fills an empty, migrated database with the bench data set, its rollups and statistics. */
export async function generateBenchData(
  db: Database,
  location: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string },
  entries: number,
  log: (line: string) => void,
): Promise<void> {
  await insertCatalog(db, BENCH_ACCOUNT, '');
  const started = Date.now();
  const progress = (done: number) => log(`  ${done.toLocaleString('en-US')} entries loaded (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  if (location.kind === 'postgres') await loadPostgres(location.url, entries, progress);
  else loadSqlite(location.file, entries, progress);
  const rollupStart = Date.now();
  await new RollupMaintenance(db).rebuild(BENCH_ACCOUNT);
  log(`  rollups built in ${((Date.now() - rollupStart) / 1000).toFixed(1)} s`);
  const clock = await db.reader.query<{ clock: string | number }>('SELECT MAX(recorded_at) AS clock FROM usage_entries WHERE account_id = ?', [BENCH_ACCOUNT]);
  await db.writeTransaction((tx) => tx.query('UPDATE accounts SET ledger_clock = ? WHERE account_id = ?', [Number(clock[0]!.clock), BENCH_ACCOUNT]));
  // Statistics for the planner, and (PostgreSQL) the visibility map that index-only scans need.
  await db.reader.query(db.dialect === 'postgres' ? 'VACUUM ANALYZE' : 'ANALYZE');
}
