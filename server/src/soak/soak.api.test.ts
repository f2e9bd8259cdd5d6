import { databaseKinds } from '../testing/test-databases';
import { formatReport, runSoak, type SoakReport } from './soak';
import { createSoakDatabase } from './soak-database';

/**
 * The short soak: real server processes under concurrent writers and readers, with every fault
 * of the long `npm run soak` — on PostgreSQL the soak's own database is cut off (never a cluster
 * restart: other test files share the cluster), a replica SIGKILLed mid-batch, one SIGTERMed
 * with requests in flight, a backlog of 5,000-entry batches at once. It prints its figures and
 * asserts them: what was acknowledged is what the database holds, nothing half-written, every
 * page reconciles, no error but the retryable ones the faults cause; and every budget threshold
 * the writers cross (exactly those the final ledger implies) has one event, which reaches a
 * receiver that fails 30 % of requests and goes down for 2 s, each signature verifying.
 */
jest.setTimeout(240_000);

describe.each(databaseKinds())('the short soak (%s)', (kind) => {
  let report: SoakReport;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    const created = await createSoakDatabase(kind);
    const database = created.database;
    dispose = created.dispose;
    report = await runSoak({
      database,
      durationMs: 14_000,
      replicas: kind === 'postgres' ? 2 : 1,
      writers: 3,
      readers: 2,
      batchSize: [20, 150],
      faults: [
        ...(kind === 'postgres' ? [{ at: 0.1, kind: 'outage' as const }] : []),
        { at: 0.35, kind: 'sigkill' },
        { at: 0.55, kind: 'sigterm' },
        { at: 0.75, kind: 'backlog' },
      ],
      outage: { kind: 'cut-off', holdMs: 2_000 },
      backlog: { batches: 5, entries: 5_000 },
      webhooks: { failureRate: 0.3, downAtMs: 6_000, downForMs: 2_000, settleMs: 60_000 },
    });
    console.log(formatReport(report));
  });

  afterAll(async () => {
    await dispose?.();
  });

  it('finds every acknowledged entry in the database, and nothing else', () => {
    expect(report.entries.acknowledged).toBeGreaterThan(20_000);
    expect(report.entries.found).toBe(report.entries.acknowledged);
    expect(report.entries.lost).toBe(0);
    expect(report.entries.unknown).toBe(0);
    expect(report.credits.ledger).toBe(report.credits.expected);
    expect(report.credits.api.split(' / ').every((total) => total === report.credits.expected)).toBe(true);
  });

  it('closes a billing period while writers record into it: nothing of it lands after the close, nothing acknowledged is lost', () => {
    const race = report.closeRace!;
    expect(race.problems).toEqual([]);
    expect(race.batches.acknowledged).toBeGreaterThan(0);
    expect(race.batches.refused).toBeGreaterThan(0);
    expect(race.recordedAfterClose).toBe(0);
    expect(race.finalTotal).toBe(race.ledgerTotal);
    expect(race.ledgerTotal).toBe(race.acknowledgedTotal);
  });

  it('never half-writes a batch and never counts a resent or raced batch twice', () => {
    expect(report.batches.halfWritten).toBe(0);
    expect(report.doubleCounted).toBe(0);
    expect(report.batches.resent).toBeGreaterThan(0);
    expect(report.batches.raced).toBeGreaterThan(0);
    expect(report.duplicatesReported).toBeGreaterThan(0);
  });

  it('reconciles every page read while usage streamed in: rows sum to the account, expanded rows to their workspace', () => {
    expect(report.pages.read).toBeGreaterThan(5);
    expect(report.pages.expanded).toBeGreaterThan(5);
    expect(report.pages.accountTotalMismatches).toBe(0);
    expect(report.pages.workspaceRowMismatches).toBe(0);
    expect(report.pages.snapshotMismatches).toBe(0);
    expect(report.pages.wentBackwards).toBe(0);
  });

  it('answers only retryable errors, each during the fault that causes it, with Retry-After', () => {
    expect(report.unexpectedErrors).toEqual({});
    expect(Object.keys(report.errorsByCode).every((code) => ['DATABASE_UNAVAILABLE', 'SERVER_BUSY', 'SHUTTING_DOWN', 'NETWORK_ERROR', 'RATE_LIMITED'].includes(code))).toBe(true);
  });

  it('takes a backlog of 5,000-entry batches sent at once: each recorded or cleanly refused, all in at the end', () => {
    expect(report.backlog.batches).toBe(5);
    expect(report.backlog.acknowledged).toBe(5);
    expect(Object.keys(report.backlog.firstAnswers).every((code) => ['OK', 'SERVER_BUSY', 'DATABASE_UNAVAILABLE'].includes(code))).toBe(true);
  });

  it('survives SIGKILL mid-batch and drains on SIGTERM, every server exiting cleanly at the end', () => {
    expect(report.faults.map((fault) => fault.kind)).toEqual(kind === 'postgres' ? ['outage', 'sigkill', 'sigterm', 'backlog'] : ['sigkill', 'sigterm', 'backlog']);
    expect(report.serverExits.filter((exit) => exit.includes('SIGTERM')).every((exit) => exit.endsWith('exit code 0'))).toBe(true);
  });

  if (kind === 'postgres') {
    it('answers 503 DATABASE_UNAVAILABLE while its database is cut off, and recovers by itself', () => {
      const [outage] = report.faults.filter((fault) => fault.kind === 'outage');
      expect(report.errorsByCode.DATABASE_UNAVAILABLE).toBeGreaterThan(0);
      expect(outage?.recoveryMs).toBeDefined();
      expect(outage?.firstWriteAfterMs).toBeDefined();
      expect(outage?.detail).toContain('/healthz answered 503 on server-1, server-2');
    });
  }

  it('delivers every stored webhook event through the faults and a flaky receiver, each signature verifying', () => {
    const webhooks = report.webhooks!;
    expect(webhooks.events).toBeGreaterThan(0);
    expect(webhooks.crossings).toBeGreaterThan(0);
    expect(webhooks.crossings).toBe(webhooks.events);
    expect(webhooks.lost).toBe(0);
    expect(webhooks.undelivered).toBe(0);
    expect(webhooks.badSignatures).toBe(0);
    expect(webhooks.deliveries).toBeGreaterThanOrEqual(webhooks.events);
    expect(webhooks.retries).toBeGreaterThan(0);
    expect(webhooks.receiverDown).toMatch(/^down from/);
  });

  it('lists no problem at all', () => {
    expect(report.problems).toEqual([]);
  });
});
