/**
 * The soak's close race: writers keep recording into a billing period that has ended while
 * closeBillingPeriod closes it, on whichever replica the load balancer picks, through the
 * soak's faults. Afterwards the ledger is read straight from the database: no entry of the
 * period was recorded after the close's asOf, every acknowledged entry is there and no refused
 * one, the final invoice is the ledger's sum of the period, and it is still that at the end.
 */
import BetterSqlite3 from 'better-sqlite3';
import { Client } from 'pg';
import { SOAK_ADMIN_KEY } from './server-process';
import { sendGraphQL, sleep, type GraphQLAnswer } from './soak-http';

export interface CloseRaceReport {
  readonly batches: { sent: number; acknowledged: number; refused: number; unanswered: number };
  readonly closedAt: string | null;
  readonly finalTotal: string | null;
  readonly ledgerTotal: string;
  readonly acknowledgedTotal: string;
  readonly recordedAfterClose: number;
  readonly problems: readonly string[];
}

/** The soak's database (soak.ts's SoakDatabase, which it is given as). */
type RaceDatabase = { readonly kind: 'sqlite'; readonly file: string } | { readonly kind: 'postgres'; readonly url: string };

export interface CloseRaceOptions {
  readonly database: RaceDatabase;
  /** The server of each attempt (round robin over the replicas). */
  readonly url: () => string;
  readonly durationMs: number;
  readonly writers: number;
  /** When in the run the close is sent, as a fraction of it. */
  readonly closeAt: number;
  readonly log?: (line: string) => void;
}

const ACCOUNT = 'acct_soak_close';
const WORKSPACE = 'ws_close';
/** May 2026 in UTC: a billing period of the account that has ended. */
const PERIOD = { from: '2026-05-01T00:00:00.000Z', to: '2026-06-01T00:00:00.000Z' };
const RECORD = `mutation Record($entries: [UsageEntryInput!]!) { recordUsage(entries: $entries) { accepted duplicates } }`;
const CLOSE = `mutation Close($id: ID!, $period: UsageWindowInput!) { closeBillingPeriod(accountId: $id, period: $period) { totalCredits asOf final closedAt } }`;
const INVOICE = `query Invoice($id: ID!, $period: UsageWindowInput!) { account(id: $id) { invoice(period: $period) { totalCredits asOf final closedAt } } }`;

type InvoiceAnswer = { totalCredits: number; asOf: string; final: boolean; closedAt: string | null };

export async function runCloseRace(options: CloseRaceOptions): Promise<CloseRaceReport> {
  const problems: string[] = [];
  const problem = (text: string) => {
    if (problems.length < 50) problems.push(`close race: ${text}`);
    options.log?.(`PROBLEM: close race: ${text}`);
  };
  const send = <T>(query: string, variables: Record<string, unknown>) =>
    sendGraphQL<T>(query, variables, { attempts: 40, url: () => options.url(), token: SOAK_ADMIN_KEY, giveUpAt: Date.now() + 90_000 });
  const must = async (query: string, variables: Record<string, unknown>) => {
    const answer = await send(query, variables);
    if (answer.code !== 'OK') throw new Error(`close race setup failed: ${answer.code} ${answer.errors[0]?.message ?? ''}`);
  };
  await must(`mutation($input: AccountInput!) { upsertAccount(input: $input) { id } }`, { input: { id: ACCOUNT, name: 'Soak close race', timezone: 'UTC' } });
  await must(`mutation($input: WorkspaceInput!) { upsertWorkspace(input: $input) { id } }`, { input: { id: WORKSPACE, accountId: ACCOUNT, name: 'Close race' } });

  const started = Date.now();
  const batches: Array<{ keys: string[]; credits: bigint; outcome: 'acknowledged' | 'refused' | 'unanswered' }> = [];
  let closed: InvoiceAnswer | null = null;
  let sequence = 0;

  const writer = async (w: number) => {
    while (Date.now() - started < options.durationMs) {
      const size = 1 + Math.floor(Math.random() * 20);
      const entries = Array.from({ length: size }, (_, i) => ({
        idempotencyKey: `close-${w}-${(sequence += 1)}-${i}`,
        accountId: ACCOUNT,
        workspaceId: WORKSPACE,
        kind: 'LEAD_FINDING',
        credits: 1 + Math.floor(Math.random() * 50),
        occurredAt: new Date(Date.parse(PERIOD.from) + Math.floor(Math.random() * (Date.parse(PERIOD.to) - Date.parse(PERIOD.from)))).toISOString(),
      }));
      const answer: GraphQLAnswer<unknown> = await send(RECORD, { entries });
      const refusal = answer.errors.find((error) => error.extensions?.code === 'BAD_USER_INPUT');
      const outcome = answer.code === 'OK' ? 'acknowledged' : refusal && /falls in the closed period/.test(refusal.message) ? 'refused' : 'unanswered';
      if (answer.code !== 'OK' && outcome === 'unanswered' && refusal) problem(`a batch was refused for another reason: ${refusal.message.slice(0, 200)}`);
      if (outcome === 'refused' && closed === null && Date.now() - started < options.durationMs * options.closeAt) problem('a batch was refused before the close was sent');
      batches.push({ keys: entries.map((entry) => entry.idempotencyKey), credits: entries.reduce((sum, entry) => sum + BigInt(entry.credits), 0n), outcome });
      // Paced, so the race stays a side show of the soak and does not starve its writers (SQLite has one writer at a time).
      await sleep(100 + Math.random() * 100);
    }
  };
  const closer = async () => {
    await sleep(options.durationMs * options.closeAt);
    const answer = await send<{ closeBillingPeriod: InvoiceAnswer }>(CLOSE, { id: ACCOUNT, period: PERIOD });
    if (answer.code !== 'OK' || !answer.data) problem(`closeBillingPeriod failed: ${answer.code} ${answer.errors[0]?.message ?? ''}`);
    else closed = answer.data.closeBillingPeriod;
    options.log?.(`close race: period closed at +${Date.now() - started} ms: ${JSON.stringify(closed)}`);
  };
  await Promise.all([closer(), ...Array.from({ length: options.writers }, (_, w) => writer(w))]);

  const ledger = await readPeriod(options.database);
  const closeAsOf = await readCloseAsOf(options.database);
  const final = closed as InvoiceAnswer | null;
  let acknowledgedTotal = 0n;
  for (const batch of batches) {
    const present = batch.keys.filter((key) => ledger.has(key)).length;
    if (present !== 0 && present !== batch.keys.length) problem(`a batch is half-written: ${present} of ${batch.keys.length} entries`);
    if (batch.outcome === 'acknowledged' && present !== batch.keys.length) problem(`an acknowledged batch is missing ${batch.keys.length - present} entries`);
    if (batch.outcome === 'refused' && present !== 0) problem(`a refused batch has ${present} entries in the ledger`);
    if (present === batch.keys.length) acknowledgedTotal += batch.credits;
  }
  const ledgerTotal = [...ledger.values()].reduce((sum, entry) => sum + entry.credits, 0n);
  const recordedAfterClose = closeAsOf === null ? 0 : [...ledger.values()].filter((entry) => entry.recordedAt > closeAsOf).length;
  if (closeAsOf === null) problem('no close in closed_periods');
  if (recordedAfterClose > 0) problem(`${recordedAfterClose} entries of the period were recorded after the close's asOf`);
  if (ledgerTotal !== acknowledgedTotal) problem(`the period's ledger sums to ${ledgerTotal}, its fully present batches to ${acknowledgedTotal}`);
  if (final && BigInt(final.totalCredits) !== ledgerTotal) problem(`the final invoice says ${final.totalCredits}, the period's ledger sums to ${ledgerTotal}`);
  const after = await send<{ account: { invoice: InvoiceAnswer } }>(INVOICE, { id: ACCOUNT, period: PERIOD });
  if (final && JSON.stringify(after.data?.account.invoice) !== JSON.stringify(final)) problem(`the invoice changed after its close: ${JSON.stringify(after.data?.account.invoice)} vs ${JSON.stringify(final)}`);
  const count = (outcome: string) => batches.filter((batch) => batch.outcome === outcome).length;
  return {
    batches: { sent: batches.length, acknowledged: count('acknowledged'), refused: count('refused'), unanswered: count('unanswered') },
    closedAt: final?.closedAt ?? null,
    finalTotal: final ? String(final.totalCredits) : null,
    ledgerTotal: ledgerTotal.toString(),
    acknowledgedTotal: acknowledgedTotal.toString(),
    recordedAfterClose,
    problems,
  };
}

export function formatCloseRace(report: CloseRaceReport): string {
  return `  close race: ${report.batches.sent} batches into an ended period, ${report.batches.acknowledged} acknowledged, ${report.batches.refused} refused after the close, ${report.batches.unanswered} unanswered; final invoice ${report.finalTotal}, ledger ${report.ledgerTotal}, acknowledged ${report.acknowledgedTotal}; recorded after the close: ${report.recordedAfterClose}`;
}

/** The period's entries of the race's account, read without the API. */
async function readPeriod(database: RaceDatabase): Promise<Map<string, { credits: bigint; recordedAt: number }>> {
  const sql = `SELECT idempotency_key, CAST(credits AS TEXT) AS credits, recorded_at FROM usage_entries WHERE account_id = ? AND occurred_at >= ? AND occurred_at < ?`;
  const rows = await query<{ idempotency_key: string; credits: string; recorded_at: string | number }>(database, sql, [ACCOUNT, Date.parse(PERIOD.from), Date.parse(PERIOD.to)]);
  return new Map(rows.map((row) => [row.idempotency_key, { credits: BigInt(row.credits), recordedAt: Number(row.recorded_at) }]));
}

async function readCloseAsOf(database: RaceDatabase): Promise<number | null> {
  const rows = await query<{ as_of: string | number }>(database, 'SELECT as_of FROM closed_periods WHERE account_id = ? AND period_from = ?', [ACCOUNT, Date.parse(PERIOD.from)]);
  return rows[0] ? Number(rows[0].as_of) : null;
}

async function query<T>(database: RaceDatabase, sql: string, params: unknown[]): Promise<T[]> {
  if (database.kind === 'sqlite') {
    const db = new BetterSqlite3(database.file, { readonly: true, fileMustExist: true });
    try {
      return db.prepare(sql).all(...params) as T[];
    } finally {
      db.close();
    }
  }
  const client = new Client({ connectionString: database.url });
  await client.connect();
  try {
    let n = 0;
    return (await client.query(sql.replace(/\?/g, () => `$${(n += 1)}`), params)).rows as T[];
  } finally {
    await client.end();
  }
}
