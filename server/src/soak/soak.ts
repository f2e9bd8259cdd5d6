/**
 * # The soak harness
 *
 * Real server processes (one, or two replicas on one PostgreSQL) take a stream of recordUsage
 * batches from several writers — with deliberate resends of acknowledged batches and the same
 * new batch raced to two servers at once — while readers load the page and expand its rows with
 * the page's `asOf`, on another replica than the page when there are two. Faults are injected on
 * a schedule: the database taken away (PostgreSQL), a server SIGKILLed mid-batch, a server
 * SIGTERMed with requests in flight, and a backlog of 5,000-entry batches sent all at once.
 *
 * Afterwards the ledger is read straight from the database and compared with what the servers
 * acknowledged: every acknowledged entry present, no batch half-written, no entry nobody sent,
 * the API's account total equal to the sum of the ledger. `problems` lists every violation;
 * an honest run has none.
 */
import BetterSqlite3 from 'better-sqlite3';
import { Client } from 'pg';
import { formatCloseRace, runCloseRace, type CloseRaceReport } from './close-race';
import { cutOffDatabase, restartCluster, type OutageKind } from './faults';
import { ServerProcess, SOAK_ADMIN_KEY } from './server-process';
import { health, RETRYABLE_CODES, sendGraphQL, sleep, type Attempt, type GraphQLAnswer } from './soak-http';
import { formatWebhookReport, WebhookSoak, type WebhookSoakOptions, type WebhookSoakReport } from './webhooks-soak';

export type SoakDatabase = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; adminUrl: string; name: string };

export type FaultKind = 'outage' | 'sigkill' | 'sigterm' | 'backlog';

export interface SoakOptions {
  readonly database: SoakDatabase;
  readonly durationMs: number;
  readonly replicas: 1 | 2;
  readonly writers: number;
  readonly readers: number;
  /** Entries per writer batch: a random size within [min, max]. */
  readonly batchSize: readonly [number, number];
  /** Faults, each at a fraction of the run. */
  readonly faults: ReadonlyArray<{ readonly at: number; readonly kind: FaultKind }>;
  /** How the `outage` fault takes PostgreSQL away; `holdMs` is how long a cut-off lasts. */
  readonly outage?: {
    readonly kind: OutageKind;
    readonly holdMs: number;
    /** Asked right before each cluster restart; false makes that outage a cut-off of the soak's own database instead. */
    readonly restartAllowed?: () => boolean;
  };
  /** The backlog: this many batches of `entries`, all sent at once. */
  readonly backlog?: { readonly batches: number; readonly entries: number };
  /** Webhooks through the run (webhooks-soak.ts): a flaky receiver, the threshold events of budgets on the account. */
  readonly webhooks?: WebhookSoakOptions;
  readonly log?: (line: string) => void;
}

export interface FaultRecord {
  readonly kind: FaultKind;
  readonly at: string;
  readonly detail: string;
  /** outage: from the database being back to every server's /healthz answering 200 again. */
  readonly recoveryMs?: number;
  /** outage: from the database being back to the first acknowledged batch. */
  readonly firstWriteAfterMs?: number;
}

export interface SoakReport {
  readonly database: 'sqlite' | 'postgres';
  readonly replicas: number;
  readonly durationMs: number;
  readonly batches: { sent: number; acknowledged: number; resent: number; raced: number; unsureBeforeReconcile: number; halfWritten: number };
  readonly entries: { acknowledged: number; found: number; lost: number; unknown: number };
  readonly duplicatesReported: number;
  readonly doubleCounted: number;
  readonly pages: { read: number; expanded: number; rereadAtAsOf: number; workspaceRowMismatches: number; accountTotalMismatches: number; snapshotMismatches: number; wentBackwards: number };
  readonly credits: { expected: string; ledger: string; api: string };
  readonly errorsByCode: Record<string, number>;
  readonly unexpectedErrors: Record<string, number>;
  readonly backlog: { batches: number; entriesEach: number; firstAnswers: Record<string, number>; acknowledged: number };
  readonly faults: readonly FaultRecord[];
  readonly serverExits: readonly string[];
  readonly webhooks?: WebhookSoakReport;
  /** A close of an ended billing period racing writers into it (close-race.ts). */
  readonly closeRace: CloseRaceReport | null;
  readonly problems: readonly string[];
}

const ACCOUNT = 'acct_soak';
const WORKSPACES = ['ws_a', 'ws_b', 'ws_c', 'ws_d'];
const CAMPAIGNS_PER_WORKSPACE = 3;
const WINDOW = { from: '2026-06-01T00:00:00.000Z', to: '2026-07-01T00:00:00.000Z' };
const ATTRIBUTABLE = ['FIRST_EMAIL_DRAFT', 'LEAD_ENRICHMENT', 'REPLY'];
const NEVER_ATTRIBUTED = ['LEAD_FINDING', 'SELF_LEARNING_AI', 'CONTACT_LIST_CLEANING'];
/** Network errors and SHUTTING_DOWN answers this long after a fault window closes still belong to it. */
const FAULT_GRACE_MS = 3_000;
/** What a run reads at the least, however busy the machine (the soak test expects more than 5). */
const MIN_PAGES_READ = 8;

const RECORD = `mutation Record($entries: [UsageEntryInput!]!) { recordUsage(entries: $entries) { accepted duplicates } }`;
const PAGE = `query Page($accountId: ID!, $window: UsageWindowInput, $asOf: DateTime) {
  account(id: $accountId) { usage(window: $window, asOf: $asOf) { asOf totalCredits workspaces { workspace { id } credits } } } }`;
const EXPAND = `query Expand($workspaceId: ID!, $window: UsageWindowInput!, $asOf: DateTime) {
  workspaceUsage(workspaceId: $workspaceId, window: $window, asOf: $asOf) { credits campaigns { label credits } } }`;

interface Entry {
  readonly idempotencyKey: string;
  readonly accountId: string;
  readonly workspaceId: string;
  readonly campaignId: string | null;
  readonly kind: string;
  readonly credits: number;
  readonly occurredAt: string;
}

interface Batch {
  readonly id: string;
  readonly entries: readonly Entry[];
  readonly credits: bigint;
  acknowledged: boolean;
}

type PageData = { account: { usage: { asOf: string; totalCredits: number; workspaces: Array<{ workspace: { id: string }; credits: number }> } } | null };
type ExpandData = { workspaceUsage: { credits: number; campaigns: Array<{ label: string; credits: number }> } | null };
type RecordData = { recordUsage: { accepted: number; duplicates: number } };

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const log = options.log ?? (() => undefined);
  const started = Date.now();
  const problems: string[] = [];
  const errorsByCode: Record<string, number> = {};
  const unexpectedErrors: Record<string, number> = {};
  const faultWindows: Array<{ kinds: Set<string>; from: number; to: number }> = [];
  const faults: FaultRecord[] = [];
  const serverExits: string[] = [];
  const batches = new Map<string, Batch>();
  const counters = { sent: 0, resent: 0, raced: 0, duplicatesReported: 0, doubleCounted: 0 };
  const pages = { read: 0, expanded: 0, rereadAtAsOf: 0, workspaceRowMismatches: 0, accountTotalMismatches: 0, snapshotMismatches: 0, wentBackwards: 0 };
  const backlog = { batches: 0, entriesEach: 0, firstAnswers: {} as Record<string, number>, acknowledged: 0 };
  const inFlight = new Map<string, number>();
  const attemptLog: Array<Attempt & { url: string; endedAt: number }> = [];
  let lastAcknowledgedAt = 0;
  const problem = (text: string) => {
    if (problems.length < 200) problems.push(text);
    log(`PROBLEM: ${text}`);
  };

  const databaseUrl = options.database.kind === 'sqlite' ? `sqlite:${options.database.file}` : options.database.url;
  // Replicas start one after another: the first runs the migrations, the second finds them done.
  const servers: ServerProcess[] = [];
  const webhooks = options.webhooks
    ? await WebhookSoak.start(options.database.kind === 'sqlite' ? options.database : { kind: 'postgres', url: options.database.url }, options.webhooks, log)
    : null;
  for (let i = 0; i < options.replicas; i++) servers.push(await ServerProcess.start(`server-${i + 1}`, databaseUrl, webhooks?.serverEnv()));
  log(`${servers.length} server process(es) on ${options.database.kind}: ${servers.map((s) => `${s.name} ${s.url} (pid ${s.pid})`).join(', ')}`);

  let roundRobin = 0;
  const pick = () => servers[roundRobin++ % servers.length]!.url;

  /** Sends through the soak's client with every attempt counted; retries move to the next replica. */
  const send = async <T>(query: string, variables: Record<string, unknown>, how: { attempts: number; url?: string; giveUpMs?: number }) => {
    let current = how.url ?? pick();
    const answer = await sendGraphQL<T>(query, variables, {
      attempts: how.attempts,
      token: SOAK_ADMIN_KEY,
      giveUpAt: Date.now() + (how.giveUpMs ?? 90_000),
      url: (n) => {
        if (n > 1 && !how.url) current = pick();
        inFlight.set(current, (inFlight.get(current) ?? 0) + 1);
        return current;
      },
      onAttempt: (attempt, url) => {
        inFlight.set(url, (inFlight.get(url) ?? 1) - 1);
        attemptLog.push({ ...attempt, url, endedAt: Date.now() });
        classify(attempt);
      },
    });
    return answer;
  };

  const classify = (attempt: Attempt) => {
    if (attempt.code === 'OK') return;
    errorsByCode[attempt.code] = (errorsByCode[attempt.code] ?? 0) + 1;
    // A fault explains an error when the attempt was under way while the fault was (a long request
    // sent just before a restart fails with it).
    const endedAt = Date.now();
    const inWindow = (kind: string) => faultWindows.some((w) => w.kinds.has(kind) && endedAt >= w.from && attempt.at <= w.to + FAULT_GRACE_MS);
    let expected: boolean;
    if (attempt.code === 'NETWORK_ERROR') expected = inWindow('sigkill') || inWindow('sigterm');
    else if (attempt.code === 'SHUTTING_DOWN') expected = inWindow('sigterm');
    else if (attempt.code === 'DATABASE_UNAVAILABLE') expected = inWindow('outage');
    else expected = RETRYABLE_CODES.has(attempt.code);
    if ((attempt.status === 503 || attempt.status === 429) && !attempt.retryAfter) {
      unexpectedErrors['NO_RETRY_AFTER'] = (unexpectedErrors['NO_RETRY_AFTER'] ?? 0) + 1;
      problem(`HTTP ${attempt.status} ${attempt.code} without Retry-After`);
    }
    if (/SQLITE_BUSY/i.test(attempt.message ?? '')) problem(`SQLITE_BUSY reached a client: ${attempt.message}`);
    if (!expected) {
      unexpectedErrors[attempt.code] = (unexpectedErrors[attempt.code] ?? 0) + 1;
      problem(`unexpected ${attempt.code} (HTTP ${attempt.status ?? '-'}) at +${attempt.at - started} ms: ${attempt.message ?? ''}`.slice(0, 400));
    }
  };

  /** Records a batch; true when acknowledged. Checks what the answer says against the batch. */
  const record = async (batch: Batch, how: { attempts: number; url?: string; giveUpMs?: number; resend?: boolean }): Promise<GraphQLAnswer<RecordData>> => {
    const answer = await send<RecordData>(RECORD, { entries: batch.entries }, how);
    if (answer.code !== 'OK' || !answer.data) return answer;
    const { accepted, duplicates } = answer.data.recordUsage;
    counters.duplicatesReported += duplicates;
    if (accepted + duplicates !== batch.entries.length) problem(`batch ${batch.id}: accepted ${accepted} + duplicates ${duplicates} ≠ ${batch.entries.length} entries`);
    if (how.resend && accepted > 0) {
      counters.doubleCounted += accepted;
      problem(`batch ${batch.id} was acknowledged before, yet a resend accepted ${accepted} entries again`);
    }
    batch.acknowledged = true;
    lastAcknowledgedAt = Date.now();
    return answer;
  };

  const newBatch = (id: string, size: number): Batch => {
    const entries = Array.from({ length: size }, (_, i) => makeEntry(`${id}:${i}`));
    const batch: Batch = { id, entries, credits: entries.reduce((sum, e) => sum + BigInt(e.credits), 0n), acknowledged: false };
    batches.set(id, batch);
    return batch;
  };

  // The catalog first (admin key), on the first server.
  await setUpCatalog((query, variables) => send(query, variables, { attempts: 10, url: servers[0]!.url }));
  await webhooks?.subscribe((query, variables) => send(query, variables, { attempts: 10, url: servers[0]!.url }), ACCOUNT);
  await webhooks?.setBudgets((query, variables) => send(query, variables, { attempts: 10, url: servers[0]!.url }), ACCOUNT);

  let running = true;
  // The run's own clock starts here, once the servers listen and the catalog is set: launching a
  // server takes seconds on a busy machine, and counted in, it ate the writers' time before the
  // first fault.
  const runStarted = Date.now();
  const until = runStarted + options.durationMs;

  const writer = async (w: number) => {
    let seq = 0;
    let turn = 0;
    const mine: Batch[] = [];
    while (running && Date.now() < until) {
      // Turns 2 and 3 are always a resend and a race, so that even a short run on a busy machine
      // exercises both; after that, chance decides.
      const roll = turn === 1 ? 0 : turn === 2 ? 0.15 : Math.random();
      turn += 1;
      if (roll < 0.1 && mine.length > 0) {
        // A deliberate retry of an acknowledged batch: every entry must come back a duplicate.
        counters.resent += 1;
        await record(mine[Math.floor(Math.random() * mine.length)]!, { attempts: 40, resend: true });
        continue;
      }
      const [min, max] = options.batchSize;
      const batch = newBatch(`w${w}-${++seq}`, min + Math.floor(Math.random() * (max - min + 1)));
      counters.sent += 1;
      if (roll < 0.2 && servers.length > 0) {
        // The same new batch raced to two servers at once: together they accept it exactly once.
        counters.raced += 1;
        const urls = servers.length > 1 ? [servers[0]!.url, servers[1]!.url] : [servers[0]!.url, servers[0]!.url];
        const answers = await Promise.all(urls.map((url) => record(batch, { attempts: 40, url })));
        const ok = answers.filter((a) => a.code === 'OK' && a.data).map((a) => a.data!.recordUsage);
        const accepted = ok.reduce((sum, a) => sum + a.accepted, 0);
        if (accepted > batch.entries.length) {
          counters.doubleCounted += accepted - batch.entries.length;
          problem(`raced batch ${batch.id}: the two sends accepted ${accepted} entries of ${batch.entries.length}`);
        }
      } else {
        await record(batch, { attempts: 40 });
      }
      if (batch.acknowledged) mine.push(batch);
    }
  };

  let lastAsOf = '';
  let lastTotal = -Infinity;
  // A busy machine may answer only a few pages in a short run: readers go on past its end (not
  // past a minute more) until enough pages were read for the reconciliation to mean something.
  const readUntil = () => Date.now() < until || (pages.read < MIN_PAGES_READ && Date.now() < until + 60_000);
  const reader = async () => {
    while (running && readUntil()) {
      const pageServer = pick();
      const page = await send<PageData>(PAGE, { accountId: ACCOUNT, window: WINDOW, asOf: null }, { attempts: 40, url: pageServer, giveUpMs: 60_000 });
      const usage = page.data?.account?.usage;
      if (page.code !== 'OK' || !usage) continue;
      pages.read += 1;
      const rowsSum = usage.workspaces.reduce((sum, row) => sum + row.credits, 0);
      if (rowsSum !== usage.totalCredits) {
        pages.accountTotalMismatches += 1;
        problem(`page at ${usage.asOf}: workspace rows sum to ${rowsSum}, the account total is ${usage.totalCredits}`);
      }
      // Every credit is positive: a later snapshot never shows less.
      if (usage.asOf >= lastAsOf && usage.totalCredits < lastTotal && lastAsOf !== '') {
        pages.wentBackwards += 1;
        problem(`page at ${usage.asOf} shows ${usage.totalCredits} credits, less than ${lastTotal} at the earlier ${lastAsOf}`);
      }
      if (usage.asOf >= lastAsOf) {
        lastAsOf = usage.asOf;
        lastTotal = usage.totalCredits;
      }
      // Expand on another server than the page (when there are two), with the page's asOf.
      const expandServer = servers.length > 1 ? servers.find((s) => s.url !== pageServer)!.url : pageServer;
      const rows = [...usage.workspaces].sort(() => Math.random() - 0.5).slice(0, 2);
      for (const row of rows) {
        const expanded = await send<ExpandData>(EXPAND, { workspaceId: row.workspace.id, window: WINDOW, asOf: usage.asOf }, { attempts: 40, url: expandServer, giveUpMs: 60_000 });
        const workspace = expanded.data?.workspaceUsage;
        if (expanded.code !== 'OK' || !workspace) continue;
        pages.expanded += 1;
        const campaignsSum = workspace.campaigns.reduce((sum, c) => sum + c.credits, 0);
        if (workspace.credits !== row.credits || campaignsSum !== row.credits) {
          pages.workspaceRowMismatches += 1;
          problem(`expand of ${row.workspace.id} at ${usage.asOf}: row ${row.credits}, expanded ${workspace.credits}, campaigns sum ${campaignsSum}`);
        }
      }
      // The same snapshot read again, elsewhere, later: the same total.
      if (Math.random() < 0.3) {
        const again = await send<PageData>(PAGE, { accountId: ACCOUNT, window: WINDOW, asOf: usage.asOf }, { attempts: 40, url: expandServer, giveUpMs: 60_000 });
        const reread = again.data?.account?.usage;
        if (again.code === 'OK' && reread) {
          pages.rereadAtAsOf += 1;
          if (reread.totalCredits !== usage.totalCredits || reread.asOf !== usage.asOf) {
            pages.snapshotMismatches += 1;
            problem(`page at asOf ${usage.asOf} read ${usage.totalCredits}, then ${reread.totalCredits} (asOf ${reread.asOf})`);
          }
        }
      }
    }
  };

  const sinceStart = () => `+${((Date.now() - started) / 1000).toFixed(1)} s`;

  const outage = async () => {
    if (options.database.kind !== 'postgres' || !options.outage) return;
    const database = options.database;
    const window = { kinds: new Set(['outage']), from: Date.now(), to: Infinity };
    faultWindows.push(window);
    const sawUnavailable = new Set<string>();
    let probing = true;
    const probe = (async () => {
      while (probing) {
        for (const server of servers) if ((await health(server.url)) === 503) sawUnavailable.add(server.name);
        await sleep(200);
      }
    })();
    const at = sinceStart();
    const downAt = Date.now();
    const kind: OutageKind = options.outage.kind === 'restart' && (options.outage.restartAllowed?.() ?? true) ? 'restart' : 'cut-off';
    log(`${at} outage: ${kind === 'restart' ? 'restarting the PostgreSQL cluster' : `cutting the database off for ${options.outage.holdMs} ms`}`);
    if (kind === 'restart') await restartCluster();
    else await cutOffDatabase(database.adminUrl, database.name, options.outage.holdMs);
    const backAt = Date.now();
    // Recovery: every server healthy again, by itself.
    let recoveredAt = 0;
    for (let i = 0; i < 600 && recoveredAt === 0; i++) {
      const statuses = await Promise.all(servers.map((s) => health(s.url)));
      if (statuses.every((s) => s === 200)) recoveredAt = Date.now();
      else await sleep(100);
    }
    probing = false;
    await probe;
    window.to = recoveredAt || Date.now();
    const writeBack = await waitFor(() => lastAcknowledgedAt > backAt, 60_000);
    if (!recoveredAt) problem(`outage: the servers' /healthz did not answer 200 within 60 s after the database was back`);
    if (!writeBack) problem('outage: no batch was acknowledged within 60 s after the database was back');
    const missing = servers.filter((s) => !sawUnavailable.has(s.name)).map((s) => s.name);
    // A cut-off shorter than a probe round might slip between probes; a real restart never does.
    if (missing.length > 0) problem(`outage: /healthz of ${missing.join(', ')} never answered 503 while the database was away`);
    faults.push({
      kind: 'outage',
      at,
      detail: `${kind}, database away ${backAt - downAt} ms; /healthz answered 503 on ${[...sawUnavailable].sort().join(', ') || 'none'}`,
      recoveryMs: recoveredAt ? recoveredAt - backAt : undefined,
      firstWriteAfterMs: writeBack ? lastAcknowledgedAt - backAt : undefined,
    });
  };

  const sigkill = async () => {
    const target = servers[servers.length - 1]!;
    const window = { kinds: new Set(['sigkill']), from: Date.now(), to: Infinity };
    faultWindows.push(window);
    const at = sinceStart();
    // A big batch in flight to the victim, so that the kill lands mid-write.
    const victim = newBatch(`kill-${faults.length}`, 3_000);
    counters.sent += 1;
    const victimAnswer = record(victim, { attempts: 1, url: target.url });
    await sleep(150);
    const inFlightThen = inFlight.get(target.url) ?? 0;
    const status = await target.signal('SIGKILL');
    serverExits.push(`${target.name} SIGKILL: ${describeExit(status)}`);
    await victimAnswer;
    await sleep(300);
    await target.launch();
    window.to = Date.now();
    faults.push({ kind: 'sigkill', at, detail: `${target.name} killed with ${inFlightThen} request(s) in flight, back after ${window.to - window.from} ms; the 3,000-entry batch in flight: ${victim.acknowledged ? 'acknowledged before the kill' : 'unanswered (checked all-or-nothing below)'}` });
  };

  const sigterm = async () => {
    const target = servers[0]!;
    const window = { kinds: new Set(['sigterm']), from: Date.now(), to: Infinity };
    faultWindows.push(window);
    const at = sinceStart();
    // A big batch in flight to the server being stopped: draining means it is answered.
    const witness = newBatch(`term-${faults.length}`, 3_000);
    counters.sent += 1;
    const witnessAnswer = record(witness, { attempts: 1, url: target.url });
    await sleep(100);
    const signalledAt = Date.now();
    const inFlightThen = inFlight.get(target.url) ?? 0;
    const status = await target.signal('SIGTERM', 30_000);
    serverExits.push(`${target.name} SIGTERM: ${describeExit(status)}`);
    if (!status || status.code !== 0) problem(`SIGTERM: ${target.name} did not exit cleanly (${describeExit(status)})`);
    const answer = await witnessAnswer;
    if (answer.code !== 'OK' && answer.code !== 'SHUTTING_DOWN') problem(`SIGTERM: the batch in flight was answered ${answer.code}, not recorded or cleanly refused`);
    // Requests that reached the server before the signal must all have been answered.
    const droppedAttempts = attemptLog.filter((a) => a.url === target.url && a.at < signalledAt - 50 && a.endedAt >= signalledAt && a.code === 'NETWORK_ERROR');
    const dropped = droppedAttempts.length;
    if (dropped > 0) problem(`SIGTERM: ${dropped} request(s) in flight got no answer: ${droppedAttempts.map((a) => `sent ${signalledAt - a.at} ms before the signal, ${a.message}`).join('; ')}`);
    const answeredAfter = attemptLog.filter((a) => a.url === target.url && a.at < signalledAt && a.endedAt >= signalledAt && a.status !== null).length;
    await target.launch();
    window.to = Date.now();
    faults.push({
      kind: 'sigterm',
      at,
      detail: `${target.name} stopped with ${inFlightThen} request(s) in flight: ${answeredAfter} answered while draining, ${dropped} dropped, exit ${describeExit(status)}; the 3,000-entry batch: ${answer.code}; restarted after ${window.to - signalledAt} ms`,
    });
  };

  const sendBacklog = async () => {
    const spec = options.backlog ?? { batches: 4, entries: 5_000 };
    backlog.batches = spec.batches;
    backlog.entriesEach = spec.entries;
    const at = sinceStart();
    const all = Array.from({ length: spec.batches }, (_, i) => newBatch(`backlog-${i}`, spec.entries));
    counters.sent += all.length;
    const outcomes = await Promise.all(
      all.map(async (batch, i) => {
        const url = servers[i % servers.length]!.url;
        // First without retrying, to see the raw answer: recorded, or refused cleanly.
        const first = await record(batch, { attempts: 1, url });
        backlog.firstAnswers[first.code] = (backlog.firstAnswers[first.code] ?? 0) + 1;
        const clean = first.code === 'OK' || ((first.code === 'SERVER_BUSY' || first.code === 'RATE_LIMITED' || first.code === 'DATABASE_UNAVAILABLE') && first.attempts[0]?.retryAfter);
        if (!clean) problem(`backlog batch ${batch.id}: first answer ${first.code} (${first.attempts[0]?.message ?? ''}) — neither recorded nor refused with Retry-After`);
        if (first.code !== 'OK') await record(batch, { attempts: 40, url });
        return batch.acknowledged;
      }),
    );
    backlog.acknowledged = outcomes.filter(Boolean).length;
    faults.push({ kind: 'backlog', at, detail: `${spec.batches} batches of ${spec.entries.toLocaleString('en-US')} at once: first answers ${JSON.stringify(backlog.firstAnswers)}, ${backlog.acknowledged} acknowledged in the end` });
  };

  const scheduled = [...options.faults].sort((a, b) => a.at - b.at);
  const faultRunner = async () => {
    for (const fault of scheduled) {
      const due = runStarted + fault.at * options.durationMs;
      while (Date.now() < due && running) await sleep(Math.min(200, due - Date.now()));
      if (fault.kind === 'outage') await outage();
      else if (fault.kind === 'sigkill') await sigkill();
      else if (fault.kind === 'sigterm') await sigterm();
      else await sendBacklog();
    }
  };

  try {
    const faultsDone = faultRunner().catch((error) => problem(`fault injection failed: ${error instanceof Error ? error.message : String(error)}`));
    const closeRace = runCloseRace({ database: options.database, url: pick, durationMs: options.durationMs * 0.8, writers: 2, closeAt: 0.4, log });
    await Promise.all([...Array.from({ length: options.writers }, (_, w) => writer(w)), ...Array.from({ length: options.readers }, () => reader())]);
    const closeRaceReport = await closeRace.catch((error: unknown) => (problem(`close race failed: ${error instanceof Error ? error.message : String(error)}`), null));
    for (const text of closeRaceReport?.problems ?? []) problem(text);
    await faultsDone;
    running = false;
    log(`${sinceStart()} traffic stopped; checking the ledger`);

    // The ledger, straight from the database, against what was acknowledged.
    const found = await readLedger(options.database);
    let lost = 0;
    let unknown = 0;
    let halfWritten = 0;
    const unsure: Array<{ batch: Batch; present: number }> = [];
    const perBatch = new Map<string, number>();
    for (const key of found.keys()) {
      const batchId = key.slice(0, key.lastIndexOf(':'));
      if (!batches.has(batchId)) unknown += 1;
      else perBatch.set(batchId, (perBatch.get(batchId) ?? 0) + 1);
    }
    if (unknown > 0) problem(`${unknown} entries in the ledger that no writer sent`);
    for (const batch of batches.values()) {
      const present = perBatch.get(batch.id) ?? 0;
      if (present !== 0 && present !== batch.entries.length) {
        halfWritten += 1;
        problem(`batch ${batch.id} is half-written: ${present} of ${batch.entries.length} entries in the ledger`);
      }
      if (batch.acknowledged && present < batch.entries.length) {
        lost += batch.entries.length - present;
        problem(`batch ${batch.id} was acknowledged but only ${present} of ${batch.entries.length} entries are in the ledger`);
      }
      if (!batch.acknowledged) unsure.push({ batch, present });
    }
    for (const [key, credits] of found) {
      const batch = batches.get(key.slice(0, key.lastIndexOf(':')));
      const entry = batch?.entries[Number(key.slice(key.lastIndexOf(':') + 1))];
      if (entry && BigInt(entry.credits) !== credits) problem(`entry ${key}: ${credits} credits in the ledger, ${entry.credits} sent`);
    }
    // What was never answered is sent again, as a client would: it goes in exactly once.
    for (const { batch, present } of unsure) {
      const answer = await record(batch, { attempts: 40, giveUpMs: 120_000 });
      if (answer.code !== 'OK' || !answer.data) {
        problem(`batch ${batch.id} could not be recorded after the run: ${answer.code}`);
        continue;
      }
      const { accepted, duplicates } = answer.data.recordUsage;
      if (accepted !== batch.entries.length - present || duplicates !== present) {
        problem(`batch ${batch.id} resent after the run: accepted ${accepted}, duplicates ${duplicates}, but ${present} of ${batch.entries.length} were already in the ledger`);
      }
    }

    const final = await readLedger(options.database);
    const acknowledgedEntries = [...batches.values()].filter((b) => b.acknowledged).reduce((sum, b) => sum + b.entries.length, 0);
    const expectedCredits = [...batches.values()].filter((b) => b.acknowledged).reduce((sum, b) => sum + b.credits, 0n);
    const ledgerCredits = [...final.values()].reduce((sum, c) => sum + c, 0n);
    if (final.size !== acknowledgedEntries) problem(`the ledger holds ${final.size} entries, ${acknowledgedEntries} were acknowledged`);
    if (ledgerCredits !== expectedCredits) problem(`the ledger sums to ${ledgerCredits} credits, the acknowledged entries to ${expectedCredits}`);
    const apiTotals: string[] = [];
    for (const server of servers) {
      const page = await send<PageData>(PAGE, { accountId: ACCOUNT, window: WINDOW, asOf: null }, { attempts: 20, url: server.url });
      const total = page.data?.account?.usage.totalCredits;
      apiTotals.push(String(total));
      if (total === undefined || BigInt(total) !== expectedCredits) problem(`${server.name} answers an account total of ${total}, the acknowledged entries sum to ${expectedCredits}`);
    }
    const webhookReport = webhooks ? await webhooks.finish(problem) : undefined;
    for (const server of servers) {
      for (const exit of server.unexpectedExits) {
        serverExits.push(`${server.name} exited by itself: ${exit}`);
        problem(`${server.name} exited by itself`);
      }
    }

    return {
      database: options.database.kind,
      replicas: servers.length,
      durationMs: Date.now() - started,
      batches: {
        sent: counters.sent,
        acknowledged: [...batches.values()].filter((b) => b.acknowledged).length,
        resent: counters.resent,
        raced: counters.raced,
        unsureBeforeReconcile: unsure.length,
        halfWritten,
      },
      entries: { acknowledged: acknowledgedEntries, found: final.size, lost, unknown },
      duplicatesReported: counters.duplicatesReported,
      doubleCounted: counters.doubleCounted,
      pages,
      credits: { expected: expectedCredits.toString(), ledger: ledgerCredits.toString(), api: apiTotals.join(' / ') },
      errorsByCode,
      unexpectedErrors,
      backlog,
      faults,
      serverExits,
      webhooks: webhookReport,
      closeRace: closeRaceReport,
      problems,
    };
  } finally {
    running = false;
    await webhooks?.close();
    for (const server of servers) {
      if (!server.running) continue;
      const status = await server.stop();
      serverExits.push(`${server.name} SIGTERM at the end: ${describeExit(status)}`);
      if (!status || status.code !== 0) problems.push(`${server.name} did not exit cleanly at the end (${describeExit(status)})`);
    }
  }
}

function makeEntry(key: string): Entry {
  const workspace = WORKSPACES[Math.floor(Math.random() * WORKSPACES.length)]!;
  const roll = Math.random();
  const attributable = roll < 0.8;
  const kind = attributable ? ATTRIBUTABLE[Math.floor(Math.random() * ATTRIBUTABLE.length)]! : NEVER_ATTRIBUTED[Math.floor(Math.random() * NEVER_ATTRIBUTED.length)]!;
  const campaignId = attributable && roll < 0.7 ? `${workspace}_cmp_${Math.floor(Math.random() * CAMPAIGNS_PER_WORKSPACE)}` : null;
  const from = Date.parse(WINDOW.from);
  const span = Date.parse(WINDOW.to) - from;
  return {
    idempotencyKey: key,
    accountId: ACCOUNT,
    workspaceId: workspace,
    campaignId,
    kind,
    credits: 1 + Math.floor(Math.random() * 100),
    occurredAt: new Date(from + Math.floor(Math.random() * span)).toISOString(),
  };
}

async function setUpCatalog(send: (query: string, variables: Record<string, unknown>) => Promise<GraphQLAnswer<unknown>>): Promise<void> {
  const must = async (query: string, variables: Record<string, unknown>) => {
    const answer = await send(query, variables);
    if (answer.code !== 'OK') throw new Error(`setting up the soak's catalog failed: ${answer.code} ${answer.errors[0]?.message ?? ''}`);
  };
  await must(`mutation($input: AccountInput!) { upsertAccount(input: $input) { id } }`, { input: { id: ACCOUNT, name: 'Soak', timezone: 'UTC' } });
  for (const workspace of WORKSPACES) {
    await must(`mutation($input: WorkspaceInput!) { upsertWorkspace(input: $input) { id } }`, { input: { id: workspace, accountId: ACCOUNT, name: `Workspace ${workspace}` } });
    for (let c = 0; c < CAMPAIGNS_PER_WORKSPACE; c++) {
      await must(`mutation($input: CampaignInput!) { upsertCampaign(input: $input) { id } }`, { input: { id: `${workspace}_cmp_${c}`, workspaceId: workspace, name: `Campaign ${c} of ${workspace}` } });
    }
  }
}

/** Every ledger entry of the soak's account: idempotency key → credits, read without the API. */
async function readLedger(database: SoakDatabase): Promise<Map<string, bigint>> {
  const sql = 'SELECT idempotency_key, credits FROM usage_entries WHERE account_id = ';
  if (database.kind === 'sqlite') {
    const db = new BetterSqlite3(database.file, { readonly: true, fileMustExist: true });
    try {
      db.defaultSafeIntegers(true);
      const rows = db.prepare(`${sql}?`).all(ACCOUNT) as Array<{ idempotency_key: string; credits: bigint }>;
      return new Map(rows.map((row) => [row.idempotency_key, BigInt(row.credits)]));
    } finally {
      db.close();
    }
  }
  const client = new Client({ connectionString: database.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ idempotency_key: string; credits: string }>(`${sql}$1`, [ACCOUNT]);
    return new Map(rows.map((row) => [row.idempotency_key, BigInt(row.credits)]));
  } finally {
    await client.end();
  }
}

async function waitFor(condition: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() >= until) return false;
    await sleep(50);
  }
  return true;
}

function describeExit(status: { code: number | null; signal: string | null } | null): string {
  if (!status) return 'still running';
  return status.code !== null ? `exit code ${status.code}` : `signal ${status.signal}`;
}

/** The report as the lines `npm run soak` and the test print. */
export function formatReport(report: SoakReport): string {
  const lines = [
    `Soak on ${report.database}, ${report.replicas} server process(es), ${(report.durationMs / 1000).toFixed(1)} s`,
    `  batches: ${report.batches.sent} sent, ${report.batches.acknowledged} acknowledged, ${report.batches.resent} deliberate resends, ${report.batches.raced} raced; ${report.batches.unsureBeforeReconcile} unanswered (resent after the run), ${report.batches.halfWritten} half-written`,
    `  entries: ${report.entries.acknowledged} acknowledged, ${report.entries.found} found in the database, ${report.entries.lost} lost, ${report.entries.unknown} unknown`,
    `  duplicates reported: ${report.duplicatesReported}; double counted: ${report.doubleCounted}`,
    `  credits: acknowledged ${report.credits.expected}, ledger ${report.credits.ledger}, API total ${report.credits.api}`,
    `  pages: ${report.pages.read} read, ${report.pages.expanded} rows expanded at the page's asOf, ${report.pages.rereadAtAsOf} re-read at their asOf; mismatches: expanded rows ≠ workspace row ${report.pages.workspaceRowMismatches}, workspace rows ≠ account total ${report.pages.accountTotalMismatches}, snapshot re-read ${report.pages.snapshotMismatches}, total went backwards ${report.pages.wentBackwards}`,
    `  backlog: ${report.backlog.batches} × ${report.backlog.entriesEach} entries at once, first answers ${JSON.stringify(report.backlog.firstAnswers)}, ${report.backlog.acknowledged} acknowledged`,
    `  errors by code (every attempt, retried ones included): ${JSON.stringify(report.errorsByCode)}`,
    `  unexpected errors: ${JSON.stringify(report.unexpectedErrors)}`,
    ...report.faults.map(
      (f) =>
        `  fault ${f.kind} at ${f.at}: ${f.detail}${f.recoveryMs !== undefined ? `; recovered (all /healthz 200) ${f.recoveryMs} ms after the database was back` : ''}${f.firstWriteAfterMs !== undefined ? `, first batch acknowledged ${f.firstWriteAfterMs} ms after` : ''}`,
    ),
    ...(report.webhooks ? [formatWebhookReport(report.webhooks)] : []),
    ...(report.closeRace ? [formatCloseRace(report.closeRace)] : []),
    `  server exits: ${report.serverExits.join('; ')}`,
    `  problems: ${report.problems.length === 0 ? 'none' : `\n    ${report.problems.slice(0, 30).join('\n    ')}`}`,
  ];
  return lines.join('\n');
}
