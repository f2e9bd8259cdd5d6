import { CatalogRepository } from '../catalog';
import { openDatabase, type Database } from '../db';
import { describeEachDatabase, openScratchDatabase, type ScratchDatabase } from '../testing/test-databases';
import { WebhookReceiver } from '../testing/webhook-receiver';
import { WebhookDispatcher } from './webhook-dispatcher';
import { BUDGET_THRESHOLD_CROSSED, storeWebhookEvents } from './webhook-outbox';
import { WebhookRepository } from './webhook.repository';

jest.setTimeout(60_000);

const EVENTS = 40;

/**
 * Two dispatchers, each on its own connection pool to one database — two replicas — deliver to a
 * receiver that is slow and fails 40 % of requests. Each claim is a lease taken with FOR UPDATE
 * SKIP LOCKED on PostgreSQL (in one IMMEDIATE transaction on SQLite): no attempt runs twice at
 * once, and each event is delivered exactly once here (no lease ever runs out).
 */
describeEachDatabase('two dispatchers on one database', (kind) => {
  let scratch: ScratchDatabase;
  let second: Database;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    scratch = await openScratchDatabase(kind);
    second = await openDatabase(scratch.location);
    receiver = await WebhookReceiver.start(() => ({ status: Math.random() < 0.4 ? 500 : 200, delayMs: 20 + Math.floor(Math.random() * 60) }));
  });
  afterAll(async () => {
    await receiver.close();
    await second.close();
    await scratch.dispose();
  });

  it('never deliver the same attempt concurrently, and deliver every event exactly once with a 2xx', async () => {
    const catalog = new CatalogRepository(scratch.db);
    await catalog.upsertAccount({ id: 'acct_r', name: 'R', timezone: 'UTC' }, new Date());
    const repository = new WebhookRepository(scratch.db);
    const endpoint = await repository.createEndpoint({ accountId: 'acct_r', url: receiver.url(), secret: `whsec_${Buffer.alloc(32, 3).toString('base64')}`, eventTypes: [BUDGET_THRESHOLD_CROSSED] }, new Date());
    const now = new Date();
    await scratch.db.writeTransaction((tx) =>
      storeWebhookEvents(tx, scratch.db.dialect, Array.from({ length: EVENTS }, (_, i) => ({ accountId: 'acct_r', type: BUDGET_THRESHOLD_CROSSED, dedupeKey: `k${i}`, data: { i }, createdAt: now }))),
    );

    const attemptsBy = [0, 0];
    const schedule = { firstRetryMs: 20, maxDelayMs: 100, horizonMs: 24 * 60 * 60_000 };
    const dispatchers = [scratch.db, second].map(
      (db, i) => new WebhookDispatcher(new WebhookRepository(db), { allowPrivate: true, pollIntervalMs: 5, concurrency: 4, schedule, onAttempt: () => (attemptsBy[i]! += 1) }),
    );
    dispatchers.forEach((dispatcher) => dispatcher.start());
    try {
      const until = Date.now() + 45_000;
      for (;;) {
        const [row] = await scratch.db.reader.query<{ n: unknown }>("SELECT COUNT(*) AS n FROM webhook_deliveries WHERE status = 'delivered' AND endpoint_id = ?", [endpoint.id]);
        if (Number(row!.n) === EVENTS) break;
        if (Date.now() > until) throw new Error(`only ${row!.n} of ${EVENTS} delivered`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      await Promise.all(dispatchers.map((dispatcher) => dispatcher.stop()));
    }

    expect(receiver.requests.every((request) => request.concurrentSameId === 1)).toBe(true);
    const byEvent = new Map<string, typeof receiver.requests>();
    for (const request of receiver.requests) byEvent.set(request.headers['webhook-id']!, [...(byEvent.get(request.headers['webhook-id']!) ?? []), request]);
    expect(byEvent.size).toBe(EVENTS);
    for (const requests of byEvent.values()) {
      expect(requests.filter((request) => request.status === 200)).toHaveLength(1);
      expect(requests.at(-1)!.status).toBe(200);
      // One at a time: each attempt began after the one before it ended.
      for (let i = 1; i < requests.length; i++) expect(requests[i]!.startedAt).toBeGreaterThanOrEqual(requests[i - 1]!.endedAt);
    }
    const [recorded] = await scratch.db.reader.query<{ n: unknown }>('SELECT COUNT(*) AS n FROM webhook_attempts WHERE endpoint_id = ?', [endpoint.id]);
    expect(Number(recorded!.n)).toBe(receiver.requests.length);
    expect(receiver.requests.length).toBeGreaterThan(EVENTS);
    expect(attemptsBy[0]! + attemptsBy[1]!).toBe(receiver.requests.length);
    expect(attemptsBy.every((count) => count > 0)).toBe(true);
  });
});
