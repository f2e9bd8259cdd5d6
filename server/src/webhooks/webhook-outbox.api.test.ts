import type { Principal } from '../access';
import { CatalogRepository } from '../catalog';
import { describeEachDatabase, openScratchDatabase, type ScratchDatabase } from '../testing/test-databases';
import { RecordUsageService, UsageRepository, type RecordedUsageListener } from '../usage';
import { storeWebhookEvents } from './webhook-outbox';

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
    const first = await scratch.db.writeTransaction((tx) => storeWebhookEvents(tx, [event]));
    const second = await scratch.db.writeTransaction((tx) => storeWebhookEvents(tx, [{ ...event, data: { n: 2 } }]));
    expect(first.map((stored) => stored.eventId)).toEqual([expect.stringMatching(/^evt_[0-9a-f]{32}$/)]);
    expect(second).toEqual([]);
    const rows = await scratch.db.reader.query<{ data: string }>("SELECT data FROM webhook_events WHERE dedupe_key = 'once'");
    expect(rows.map((row) => JSON.parse(row.data))).toEqual([{ n: 1 }]);
  });

  it('hands a listener only the entries the batch inserted, and its events commit with them', async () => {
    const seen: string[][] = [];
    const listener: RecordedUsageListener = {
      async afterRecord(tx, recorded) {
        seen.push(recorded.map((e) => e.idempotencyKey));
        await storeWebhookEvents(tx, recorded.map((e) => ({ accountId: e.accountId, type: 'test.event', dedupeKey: `entry:${e.idempotencyKey}`, data: {}, createdAt: AT })));
      },
    };
    const service = new RecordUsageService(scratch.db, catalog, new UsageRepository(scratch.db), [listener]);
    await service.record(ADMIN, [entry('a', 5)], AT);
    const result = await service.record(ADMIN, [entry('a', 5), entry('b', 7)], AT);
    expect(result).toEqual({ accepted: 1, duplicates: 1 });
    expect(seen).toEqual([['a'], ['b']]);
    expect(await events()).toEqual(['entry:a', 'entry:b', 'once']);
  });

  it('rolls back the whole batch, entries and events, when a listener fails', async () => {
    const failing: RecordedUsageListener = {
      async afterRecord(tx, recorded) {
        await storeWebhookEvents(tx, recorded.map((e) => ({ accountId: e.accountId, type: 'test.event', dedupeKey: `entry:${e.idempotencyKey}`, data: {}, createdAt: AT })));
        throw new Error('listener failed');
      },
    };
    const service = new RecordUsageService(scratch.db, catalog, new UsageRepository(scratch.db), [failing]);
    await expect(service.record(ADMIN, [entry('c', 1)], AT)).rejects.toThrow('listener failed');
    expect(await ledgerKeys()).toEqual(['a', 'b']);
    expect(await events()).toEqual(['entry:a', 'entry:b', 'once']);
  });
});
