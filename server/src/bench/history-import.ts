import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { openDatabase, type Database } from '../db';
import { RollupMaintenance } from '../usage';
import { flag, postGraphQL } from './bench-client';
import { insertCatalog } from './bench-data';
import { BENCH_ADMIN_KEY, startServer } from './bench-server';
import { ingestInto } from './live-ingest';

/**
 * A host's first import of its history through recordUsage: batches of 1,000 entries spread over
 * a month (September 2026, UTC) across 100 workspaces × 50 campaigns, sent by two clients into
 * one account, then the same batches sent again (a resumed import: every entry a duplicate).
 * Each batch touches ~1,000 distinct hour rows per rollup, where a live batch falls into a few
 * hours. Runs on a database of its own, created for the run and dropped after it, so the kept
 * data sets never grow; the live ingest case (live-ingest.ts, two clients into one account) is
 * measured first on the same server and database, as the baseline of the ratios. The rollups
 * check runs on the imported account before the database is dropped.
 *
 * Alone: `node server/dist/bench/history-import.js --db=sqlite|postgres --entries=N` (after
 * `npm run build`); `npm run bench` runs it with --sqlite-import=N (1,000,000) and
 * --pg-import=N (10,000,000).
 */
export const IMPORT_SHAPE = { workspaces: 100, campaignsPerWorkspace: 50 };
const IMPORT_ACCOUNT = 'acct_bench_import';
const IMPORT_MONTH = { from: Date.parse('2026-09-01T00:00:00Z'), to: Date.parse('2026-10-01T00:00:00Z') };
const BATCH = 1000;
const CLIENTS = 2;
const WARM_UP_BATCHES = 4;

const NEVER_ATTRIBUTED = ['LEAD_FINDING', 'SELF_LEARNING_AI', 'CONTACT_LIST_CLEANING', 'REPLY'];
const ATTRIBUTED = ['FIRST_EMAIL_DRAFT', 'LEAD_ENRICHMENT', 'REPLY'];
const MUTATION = `mutation($entries: [UsageEntryInput!]!) { recordUsage(entries: $entries) { accepted duplicates } }`;

export interface ImportRate {
  readonly entries: number;
  readonly seconds: number;
  readonly perSecond: number;
}

export interface HistoryImportResult {
  readonly kind: 'sqlite' | 'postgres';
  /** Live ingest (batches within a day) into one account, on the same server just before. */
  readonly live: ImportRate;
  readonly first: ImportRate;
  readonly resumed: ImportRate;
  /** Rollup rows that disagree with the ledger after both runs (must be 0). */
  readonly rollupDifferences: number;
  readonly checkSeconds: number;
}

/** Batch `b` of the import, the same in every run (seeded by b), so a resend is all duplicates. */
function importBatch(b: number, prefix: string): Record<string, unknown>[] {
  let state = 0x9e3779b9 ^ (b * 2654435761);
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const span = IMPORT_MONTH.to - IMPORT_MONTH.from;
  return Array.from({ length: BATCH }, (_, i) => {
    const w = Math.floor(random() * IMPORT_SHAPE.workspaces);
    const c = Math.floor(random() * IMPORT_SHAPE.campaignsPerWorkspace);
    const noCampaign = random() < 0.1;
    return {
      idempotencyKey: `history-${b}-${i}`,
      accountId: IMPORT_ACCOUNT,
      workspaceId: `${prefix}ws${w}`,
      campaignId: noCampaign ? null : `${prefix}ws${w}_c${c}`,
      kind: noCampaign ? NEVER_ATTRIBUTED[Math.floor(random() * 4)] : ATTRIBUTED[Math.floor(random() * 3)],
      credits: random() < 0.01 ? -1 - Math.floor(random() * 20) : 1 + Math.floor(random() ** 2 * 60),
      occurredAt: new Date(IMPORT_MONTH.from + Math.floor(random() * span)).toISOString(),
    };
  });
}

/** Sends batches [from, to) with CLIENTS concurrent clients (client k sends every CLIENTS-th batch), checking every answer. */
async function sendBatches(endpoint: string, from: number, to: number, expect: 'accepted' | 'duplicates'): Promise<ImportRate> {
  const start = Date.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, k) => {
      for (let b = from + k; b < to; b += CLIENTS) {
        const result = (await postGraphQL(endpoint, BENCH_ADMIN_KEY, MUTATION, { entries: importBatch(b, 'import_') })).recordUsage;
        if (result[expect] !== BATCH) throw new Error(`batch ${b}: expected ${BATCH} ${expect}, got ${JSON.stringify(result)}`);
      }
    }),
  );
  const seconds = (Date.now() - start) / 1000;
  const entries = (to - from) * BATCH;
  return { entries, seconds, perSecond: Math.round(entries / seconds) };
}

/** A new empty database for the run (a file next to the kept SQLite data sets, or a PostgreSQL database), and how to drop it. */
async function scratchDatabase(kind: 'sqlite' | 'postgres', root: string, postgresAdminUrl: string): Promise<{ db: Database; url: string; drop: () => Promise<void> }> {
  const runId = Date.now().toString(36);
  if (kind === 'sqlite') {
    const file = path.join(root, 'bench-results', 'data', `import-${runId}.sqlite`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const db = await openDatabase({ kind, file });
    return { db, url: `sqlite:${file}`, drop: async () => ['', '-wal', '-shm'].forEach((suffix) => fs.rmSync(`${file}${suffix}`, { force: true })) };
  }
  const name = `creditlens_bench_import_${runId}`;
  const admin = new Client({ connectionString: postgresAdminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ kind, url: url.toString() });
  const drop = async () => {
    const dropper = new Client({ connectionString: postgresAdminUrl });
    await dropper.connect();
    await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await dropper.end();
  };
  return { db, url: url.toString(), drop };
}

/** The first import of `entries` entries, then the resumed one, through a production server process; then the rollups check. */
export async function measureHistoryImport(kind: 'sqlite' | 'postgres', entries: number, root: string, postgresAdminUrl: string): Promise<HistoryImportResult> {
  const { db, url, drop } = await scratchDatabase(kind, root, postgresAdminUrl);
  try {
    await insertCatalog(db, IMPORT_ACCOUNT, 'import_', IMPORT_SHAPE);
    const batches = Math.ceil(entries / BATCH);
    const { child, endpoint } = await startServer(url);
    let live: ImportRate;
    let first: ImportRate;
    let resumed: ImportRate;
    try {
      live = await ingestInto(endpoint, db, ['live', 'live']);
      // Untimed warm-up batches (the server's first requests compile its code paths), part of the import all the same.
      await sendBatches(endpoint, 0, WARM_UP_BATCHES, 'accepted');
      first = await sendBatches(endpoint, WARM_UP_BATCHES, batches, 'accepted');
      resumed = await sendBatches(endpoint, 0, batches, 'duplicates');
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    const checkStart = Date.now();
    const rollupDifferences = (await new RollupMaintenance(db).check(IMPORT_ACCOUNT)).length;
    return { kind, live, first, resumed, rollupDifferences, checkSeconds: (Date.now() - checkStart) / 1000 };
  } finally {
    await db.close();
    await drop();
  }
}

/** The lines the bench prints for the import, against the live ingest rate measured in the same run. */
export function describeHistoryImport(result: HistoryImportResult): string[] {
  const liveRate = result.live.perSecond;
  const rate = (r: ImportRate) => `${r.entries.toLocaleString('en-US')} entries in ${r.seconds.toFixed(1)} s = ${r.perSecond.toLocaleString('en-US')} entries/s`;
  const toLive = (r: ImportRate) => `${(r.perSecond / liveRate).toFixed(2)}× the live ingest into one account`;
  return [
    `live ingest on the import's database (batches of 1,000 within a day, two clients, one account): ${rate(result.live)}`,
    `history import (batches of 1,000 over a month, ${IMPORT_SHAPE.workspaces} workspaces × ${IMPORT_SHAPE.campaignsPerWorkspace} campaigns, two clients, one account, a database of its own): ${rate(result.first)} (${toLive(result.first)})`,
    `resumed import (the same batches again, every entry a duplicate): ${rate(result.resumed)} (${toLive(result.resumed)}; ${(result.resumed.perSecond / result.first.perSecond).toFixed(2)}× the first import)`,
    `rollups check after the import: ${result.rollupDifferences === 0 ? 'rollups agree with the ledger' : `${result.rollupDifferences} DIFFERENCES`} (${result.checkSeconds.toFixed(1)} s)`,
  ];
}

if (require.main === module) {
  const kind = flag('db', 'sqlite') as 'sqlite' | 'postgres';
  const postgresAdminUrl = process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  measureHistoryImport(kind, Number(flag('entries', '200000')), path.resolve(__dirname, '../../..'), postgresAdminUrl)
    .then((result) => {
      for (const line of [`${kind}:`, ...describeHistoryImport(result)]) console.log(line);
      process.exit(result.rollupDifferences === 0 ? 0 : 1);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
