import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { openDatabase, type Database } from '../db';
import { flag, postGraphQL } from './bench-client';
import { BENCH_ADMIN_KEY, startServer } from './bench-server';
import { BENCH_MONTH, BENCH_WORKSPACES, INGEST_ACCOUNT_PREFIX, insertCatalog } from './bench-data';

/**
 * Ingest with a budget on every workspace (and on the account) against the same ingest without
 * budgets, through the API: two concurrent clients send batches of 1,000 entries into one account
 * (its writers queue on its clock lock, so whatever a transaction adds shows in full), into fresh
 * accounts of the bench's shape (200 workspaces). The budgets are sized so that every batch has a
 * threshold still open, so every batch pays the full check (the sums of its period), and the 50 %
 * thresholds cross during the run. Rounds alternate without and with budgets, so the drift of a
 * shared machine falls on both alike; the medians are compared.
 *
 * Run alone: `npx tsc -b server/tsconfig.build.json && node server/dist/bench/budget-ingest.js
 * [--db=sqlite|postgres|both] [--rounds=N] [--batches=N]` (a fresh database of its own, dropped
 * after); `npm run bench` runs it on the scale bench's server as well.
 */
const MUTATION = `mutation($entries: [UsageEntryInput!]!) { recordUsage(entries: $entries) { accepted duplicates } }`;
const SET_BUDGET = `mutation($input: BudgetInput!) { setBudget(input: $input) { id } }`;
const CLIENTS = 2;

export interface BudgetIngestResult {
  readonly withoutBudgets: readonly number[];
  readonly withBudgets: readonly number[];
  /** Median entries/s with budgets ÷ without. */
  readonly ratio: number;
}

export async function benchBudgetIngest(endpoint: string, db: Database, log: (line: string) => void, options: { rounds?: number; batches?: number } = {}): Promise<BudgetIngestResult> {
  const rounds = options.rounds ?? 3;
  const batches = options.batches ?? 25;
  const runId = `${Date.now().toString(36)}_budgets`;
  const withoutBudgets: number[] = [];
  const withBudgets: number[] = [];
  // An untimed round of each first: compiles the server's code paths of both.
  for (let round = -1; round < rounds; round++) {
    for (const budgeted of [false, true]) {
      const account = `${runId}_${round + 1}_${budgeted ? 'b' : 'p'}`;
      const rate = await ingestRound(endpoint, db, account, budgeted, round < 0 ? 3 : batches);
      if (round >= 0) (budgeted ? withBudgets : withoutBudgets).push(rate);
    }
  }
  const ratio = median(withBudgets) / median(withoutBudgets);
  const rates = (values: readonly number[]) => values.map((value) => value.toLocaleString('en-US')).join(', ');
  log(
    `ingest with budgets (${CLIENTS} clients × ${batches} batches of 1,000 into one account, ${rounds} alternating rounds): ` +
      `without budgets ${rates(withoutBudgets)} entries/s; with a budget on each of ${BENCH_WORKSPACES} workspaces and the account ${rates(withBudgets)} entries/s; ` +
      `median with/without ${ratio.toFixed(3)}`,
  );
  return { withoutBudgets, withBudgets, ratio };
}

async function ingestRound(endpoint: string, db: Database, id: string, budgeted: boolean, batches: number): Promise<number> {
  const accountId = `${INGEST_ACCOUNT_PREFIX}_${id}`;
  const prefix = `ingest_${id}_`;
  await insertCatalog(db, accountId, prefix);
  if (budgeted) {
    await postGraphQL(endpoint, BENCH_ADMIN_KEY, SET_BUDGET, { input: { accountId, creditsPerPeriod: 100_000_000 } });
    for (let w = 0; w < BENCH_WORKSPACES; w++) {
      await postGraphQL(endpoint, BENCH_ADMIN_KEY, SET_BUDGET, { input: { accountId, workspaceId: `${prefix}ws${w}`, creditsPerPeriod: (batches * CLIENTS * 1000 * 30) / BENCH_WORKSPACES } });
    }
  }
  const client = async (c: number) => {
    for (let b = 0; b < batches; b++) {
      const entries = Array.from({ length: 1000 }, (_, i) => {
        const w = (i * 7 + b) % BENCH_WORKSPACES;
        return {
          idempotencyKey: `ingest-${c}-${b}-${i}`,
          accountId,
          workspaceId: `${prefix}ws${w}`,
          campaignId: i % 10 === 0 ? null : `${prefix}ws${w}_c${i % 40}`,
          kind: i % 10 === 0 ? 'LEAD_FINDING' : 'REPLY',
          credits: 1 + (i % 50),
          occurredAt: new Date(BENCH_MONTH.to + 86_400_000 + ((b * 1000 + i) % 86_400) * 1000).toISOString(),
        };
      });
      const result = await postGraphQL(endpoint, BENCH_ADMIN_KEY, MUTATION, { entries });
      if (result.recordUsage.accepted !== 1000) throw new Error(`batch not fully accepted: ${JSON.stringify(result)}`);
    }
  };
  const start = process.hrtime.bigint();
  await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return Math.round((CLIENTS * batches * 1000) / seconds);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Standalone: a fresh database of its own per dialect, a production server on it, the measurement, then the database removed. */
async function main(): Promise<void> {
  const which = flag('db', 'both');
  const options = { rounds: Number(flag('rounds', '3')), batches: Number(flag('batches', '25')) };
  const root = path.resolve(__dirname, '../../..');
  for (const kind of ['sqlite', 'postgres'] as const) {
    if (which !== 'both' && which !== kind) continue;
    let url: string;
    let drop: () => Promise<void>;
    if (kind === 'sqlite') {
      const file = path.join(root, 'bench-results', 'data', 'budget-ingest.sqlite');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const remove = () => ['', '-wal', '-shm'].forEach((suffix) => fs.rmSync(`${file}${suffix}`, { force: true }));
      remove();
      url = `sqlite:${file}`;
      drop = async () => remove();
    } else {
      const adminUrl = process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
      const name = 'creditlens_bench_budget_ingest';
      const admin = new Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${name}`);
      const target = new URL(adminUrl);
      target.pathname = `/${name}`;
      url = target.toString();
      drop = async () => {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      };
    }
    const db = await openDatabase(kind === 'sqlite' ? { kind, file: url.slice('sqlite:'.length) } : { kind, url });
    const { child, endpoint } = await startServer(url);
    try {
      await benchBudgetIngest(endpoint, db, (line) => console.log(`${kind}: ${line}`), options);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      await db.close();
      await drop();
    }
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
