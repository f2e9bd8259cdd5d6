import type { Principal } from '../access';
import { CatalogRepository } from '../catalog';
import { describeEachDatabase, openScratchDatabase, type ScratchDatabase } from '../testing/test-databases';
import { RecordUsageService, UsageRepository, type RecordedUsageListener } from '../usage';
import { storeWebhookEvents } from './webhook-outbox';
import { WebhookRepository } from './webhook.repository';

const SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;

const ADMIN: Principal = { kind: 'admin' };
const AT = new Date('2026-10-05T12:00:00Z');

describeEachDatabase('the webhook outbox, written in the transaction of recordUsage', (kind) => {
  let scratch: ScratchDatabase;
  let catalog: CatalogRepository;
  beforeAll(async () => {
    scratch = await openScratchDatabase(kind);
    catalog = new CatalogRepository(scratch.db);
    await catalog.upsertAccount({ id: 'acct', name: 'Acct', timezone: 'UTC' }, AT);
    await catalog.upsertWorkspace({ id: 'ws', accountId: 'acct', name: 'W' });
  });
  afterAll(() => scratch.dispose());

  const entry = (key: string, credits: number) => ({ idempotencyKey: key, accountId: 'acct', workspaceId: 'ws', kind: 'REPLY' as const, credits, occurredAt: AT });
  const events = async () => (await scratch.db.reader.query<{ dedupe_key: string }>('SELECT dedupe_key FROM webhook_events ORDER BY dedupe_key')).map((row) => row.dedupe_key);
  const ledgerKeys = async () => (await scratch.db.reader.query<{ k: string }>('SELECT idempotency_key AS k FROM usage_entries ORDER BY idempotency_key')).map((row) => row.k);

  it('stores an event once per dedupe key: a second store of the same cause is skipped and not answered', async () => {
    const event = { accountId: 'acct', type: 'test.event', dedupeKey: 'once', data: { n: 1 }, createdAt: AT };
    const first = await scratch.db.writeTransaction((tx) => storeWebhookEvents(tx, scratch.db.dialect, [event]));
    const second = await scratch.db.writeTransaction((tx) => storeWebhookEvents(tx, scratch.db.dialect, [{ ...event, data: { n: 2 } }]));
    expect(first.map((stored) => stored.eventId)).toEqual([expect.stringMatching(/^evt_[0-9a-f]{32}$/)]);
    expect(second).toEqual([]);
    const rows = await scratch.db.reader.query<{ data: string }>("SELECT data FROM webhook_events WHERE dedupe_key = 'once'");
    expect(rows.map((row) => JSON.parse(row.data))).toEqual([{ n: 1 }]);
  });

  it('stores many events in one statement on PostgreSQL and two on SQLite, in their order, skips a key repeated within the call, and fans each out to its subscribers only', async () => {
    const webhooks = new WebhookRepository(scratch.db);
    const mine = await webhooks.createEndpoint({ accountId: 'acct', url: 'https://example.com/mine', secret: SECRET, eventTypes: ['fan.out'] }, AT);
    const everyAccount = await webhooks.createEndpoint({ accountId: null, url: 'https://example.com/all', secret: SECRET, eventTypes: ['fan.out', 'other.type'] }, AT);
    await webhooks.createEndpoint({ accountId: 'acct_other', url: 'https://example.com/theirs', secret: SECRET, eventTypes: ['fan.out'] }, AT);
    await webhooks.createEndpoint({ accountId: 'acct', url: 'https://example.com/elsewhere', secret: SECRET, eventTypes: ['other.type'] }, AT);
    const fanOut = (dedupeKey: string, n: number) => ({ accountId: 'acct', type: 'fan.out', dedupeKey, data: { n }, createdAt: AT });
    let statements = 0;
    const stored = await scratch.db.writeTransaction((tx) => {
      const counted = { query: (sql: string, params?: readonly unknown[]) => ((statements += 1), tx.query(sql, params)) } as typeof tx;
      return storeWebhookEvents(counted, scratch.db.dialect, [fanOut('f1', 1), fanOut('f2', 2), fanOut('f1', 3), fanOut('f3', 4)]);
    });
    expect(statements).toBe(kind === 'postgres' ? 1 : 2);
    expect(stored.map((event) => [event.dedupeKey, event.data])).toEqual([
      ['f1', { n: 1 }],
      ['f2', { n: 2 }],
      ['f3', { n: 4 }],
    ]);
    const deliveries = await scratch.db.reader.query<{ endpoint_id: string; event_id: string; status: string; next_attempt_at: unknown }>(
      'SELECT endpoint_id, event_id, status, next_attempt_at FROM webhook_deliveries WHERE event_id IN (?, ?, ?)',
      stored.map((event) => event.eventId),
    );
    const expected = stored.flatMap((event) => [mine.id, everyAccount.id].map((endpointId) => `${endpointId} ${event.eventId} pending ${AT.getTime()}`));
    expect(deliveries.map((row) => `${row.endpoint_id} ${row.event_id} ${row.status} ${Number(row.next_attempt_at)}`).sort()).toEqual(expected.sort());
  });

  it('prepares a listener with the entries the batch may insert, then hands its work only those inserted, and its events commit with them', async () => {
    const prepared: string[][] = [];
    const seen: string[][] = [];
    const listener: RecordedUsageListener = {
      async prepare(candidates) {
        prepared.push(candidates.map((e) => e.idempotencyKey));
        return {
          async afterRecord(tx, recorded) {
            seen.push(recorded.map((e) => e.idempotencyKey));
            await storeWebhookEvents(tx, scratch.db.dialect, recorded.map((e) => ({ accountId: e.accountId, type: 'test.event', dedupeKey: `entry:${e.idempotencyKey}`, data: {}, createdAt: AT })));
          },
        };
      },
    };
    const service = new RecordUsageService(scratch.db, catalog, new UsageRepository(scratch.db), [listener]);
    await service.record(ADMIN, [entry('a', 5)], AT);
    const result = await service.record(ADMIN, [entry('a', 5), entry('b', 7)], AT);
    // A batch whose every entry is recorded already is answered before any listener is asked.
    await service.record(ADMIN, [entry('b', 7)], AT);
    expect(result).toEqual({ accepted: 1, duplicates: 1 });
    expect(prepared).toEqual([['a'], ['a', 'b']]);
    expect(seen).toEqual([['a'], ['b']]);
    expect(await events()).toEqual(['entry:a', 'entry:b', 'f1', 'f2', 'f3', 'once']);
  });

  it('rolls back the whole batch, entries and events, when a listener fails', async () => {
    const failing: RecordedUsageListener = {
      prepare: async () => ({
        async afterRecord(tx, recorded) {
          await storeWebhookEvents(tx, scratch.db.dialect, recorded.map((e) => ({ accountId: e.accountId, type: 'test.event', dedupeKey: `entry:${e.idempotencyKey}`, data: {}, createdAt: AT })));
          throw new Error('listener failed');
        },
      }),
    };
    const service = new RecordUsageService(scratch.db, catalog, new UsageRepository(scratch.db), [failing]);
    await expect(service.record(ADMIN, [entry('c', 1)], AT)).rejects.toThrow('listener failed');
    expect(await ledgerKeys()).toEqual(['a', 'b']);
    expect(await events()).toEqual(['entry:a', 'entry:b', 'f1', 'f2', 'f3', 'once']);
  });
});
