import { Webhook } from 'standardwebhooks';
import { describeEachDatabase } from '../testing/test-databases';
import { startTestServer, type TestServer } from '../testing/test-server';
import { upsertCatalog } from '../testing/operations';
import { WebhookReceiver, type ReceivedRequest, type ReceiverAnswer } from '../testing/webhook-receiver';
import type { HostResolver } from './address-policy';
import { DEFAULT_RETRY_SCHEDULE } from './retry-schedule';
import { WebhookDispatcher, type DispatcherOptions } from './webhook-dispatcher';
import { BUDGET_THRESHOLD_CROSSED, storeWebhookEvents, type StoredWebhookEvent } from './webhook-outbox';
import { WebhookRepository } from './webhook.repository';

const CREATE = `mutation($input: WebhookEndpointInput!) { createWebhookEndpoint(input: $input) { id secret } }`;
const DELIVERIES = `query($id: ID!, $first: Int, $after: String) { webhookDeliveries(endpointId: $id, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor }
  edges { node { id eventId eventType accountId attempt status responseStatus durationMs attemptedAt nextAttemptAt error responseBody } } } }`;
const REDELIVER = `mutation($endpointId: ID!, $eventId: ID!) { redeliverWebhookEvent(endpointId: $endpointId, eventId: $eventId) }`;

/** A clock the test moves: real time plus an offset (signatures stay verifiable, within 5 minutes). */
function steppedClock() {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    advanceTo(at: Date | string) {
      offset = Math.max(offset, new Date(at).getTime() - Date.now());
    },
  };
}

describeEachDatabase('webhook delivery to a real receiver', (kind) => {
  let server: TestServer;
  let repository: WebhookRepository;
  let accounts = 0;
  const receivers: WebhookReceiver[] = [];

  beforeAll(async () => {
    server = await startTestServer(kind, { webhookAllowPrivate: true });
    repository = new WebhookRepository(server.scratch.db);
  });
  afterAll(async () => {
    await Promise.all(receivers.map((receiver) => receiver.close()));
    await server.stop();
  });

  /** A fresh account with one endpoint at a fresh receiver, so no test sees another's deliveries. */
  async function endpointFor(respond: (request: ReceivedRequest) => ReceiverAnswer) {
    const accountId = `acct_d${++accounts}`;
    await upsertCatalog(server, { accountId, workspaces: [{ id: `${accountId}_ws` }] });
    const receiver = await WebhookReceiver.start(respond);
    receivers.push(receiver);
    const created = await server.graphql(CREATE, { input: { accountId, url: receiver.url(), events: ['BUDGET_THRESHOLD_CROSSED'] } });
    expect(created.errors).toBeUndefined();
    return { accountId, receiver, endpointId: created.data!.createWebhookEndpoint.id as string, secret: created.data!.createWebhookEndpoint.secret as string };
  }

  /** A threshold event as budgets/ stores it (PRODUCT.md's body `data`), in its own transaction. */
  async function storeEvent(accountId: string, threshold = 80, at = new Date()): Promise<StoredWebhookEvent> {
    const [event] = await server.scratch.db.writeTransaction((tx) =>
      storeWebhookEvents(tx, server.scratch.db.dialect, [
        {
          accountId,
          type: BUDGET_THRESHOLD_CROSSED,
          dedupeKey: `budget:b1:2026-10:${threshold}`,
          createdAt: at,
          data: {
            accountId,
            workspaceId: `${accountId}_ws`,
            campaignId: null,
            period: { from: '2026-10-01T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z' },
            threshold,
            credits: 8_100,
            creditsPerPeriod: 10_000,
          },
        },
      ]),
    );
    return event!;
  }

  const dispatcher = (options: Partial<DispatcherOptions> = {}) => new WebhookDispatcher(repository, { allowPrivate: true, pollIntervalMs: 20, ...options });

  async function attempts(endpointId: string) {
    const answer = await server.graphql(DELIVERIES, { id: endpointId, first: 500 });
    expect(answer.errors).toBeUndefined();
    return (answer.data!.webhookDeliveries.edges as Array<{ node: any }>).map((edge) => edge.node).reverse();
  }

  it('POSTs the event once, signed with the Standard Webhooks headers that Webhook.verify accepts', async () => {
    const { accountId, receiver, endpointId, secret } = await endpointFor(() => ({ status: 204 }));
    const event = await storeEvent(accountId);
    expect(await dispatcher().runOnce()).toBe(1);
    expect(await dispatcher().runOnce()).toBe(0);

    expect(receiver.requests).toHaveLength(1);
    const [request] = receiver.requests;
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.headers['webhook-id']).toBe(event.eventId);
    expect(Number(request!.headers['webhook-timestamp'])).toBeCloseTo(Date.now() / 1000, -1);
    expect(request!.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    const verified = new Webhook(secret).verify(request!.body, request!.headers);
    expect(verified).toEqual({
      type: 'budget.threshold_crossed',
      id: event.eventId,
      createdAt: event.createdAt.toISOString(),
      data: { accountId, workspaceId: `${accountId}_ws`, campaignId: null, period: { from: '2026-10-01T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z' }, threshold: 80, credits: 8_100, creditsPerPeriod: 10_000 },
    });
    expect(() => new Webhook(`whsec_${Buffer.alloc(32, 1).toString('base64')}`).verify(request!.body, request!.headers)).toThrow();

    const [attempt] = await attempts(endpointId);
    expect(attempt).toEqual({
      id: expect.stringMatching(/^att_/),
      eventId: event.eventId,
      eventType: 'BUDGET_THRESHOLD_CROSSED',
      accountId,
      attempt: 1,
      status: 'DELIVERED',
      responseStatus: 204,
      durationMs: expect.any(Number),
      attemptedAt: expect.any(String),
      nextAttemptAt: null,
      error: null,
      responseBody: '',
    });
  });

  it('retries after a 500 and after a timeout, with the same webhook-id and body, the first retry within 30 s', async () => {
    const answers: ReceiverAnswer[] = [{ status: 500, body: 'try later' }, { status: 200, delayMs: 1_500 }, { status: 200, body: 'ok' }];
    const { accountId, receiver, endpointId, secret } = await endpointFor(() => answers.shift() ?? { status: 200 });
    const event = await storeEvent(accountId);
    const clock = steppedClock();
    const run = () => dispatcher({ clock: clock.now, timeoutMs: 300 }).runOnce();

    expect(await run()).toBe(1);
    let [first] = await attempts(endpointId);
    expect(first).toMatchObject({ attempt: 1, status: 'RETRYING', responseStatus: 500, responseBody: 'try later', error: null });
    const firstDelay = Date.parse(first.nextAttemptAt) - Date.parse(first.attemptedAt);
    expect(firstDelay).toBeGreaterThan(0);
    expect(firstDelay).toBeLessThanOrEqual(30_000);
    expect(await run()).toBe(0);

    clock.advanceTo(first.nextAttemptAt);
    expect(await run()).toBe(1);
    const second = (await attempts(endpointId))[1];
    expect(second).toMatchObject({ attempt: 2, status: 'RETRYING', responseStatus: null, error: 'timed out: no answer within 0.3 s', responseBody: null });
    expect(Date.parse(second.nextAttemptAt) - Date.parse(second.attemptedAt)).toBeGreaterThan(firstDelay / 2);

    clock.advanceTo(second.nextAttemptAt);
    expect(await run()).toBe(1);
    const third = (await attempts(endpointId))[2];
    expect(third).toMatchObject({ attempt: 3, status: 'DELIVERED', responseStatus: 200, responseBody: 'ok', nextAttemptAt: null });

    expect(receiver.requests.map((request) => request.headers['webhook-id'])).toEqual([event.eventId, event.eventId, event.eventId]);
    expect(new Set(receiver.requests.map((request) => request.body)).size).toBe(1);
    expect(new Set(receiver.requests.map((request) => request.headers['webhook-timestamp'])).size).toBe(3);
    for (const request of receiver.requests) expect(() => new Webhook(secret).verify(request.body, request.headers)).not.toThrow();
    first = (await attempts(endpointId))[0];
    expect(first.status).toBe('RETRYING');
  });

  it('marks an event failed once it fails past 24 hours of retries, and redelivers it on request', async () => {
    let status = 503;
    const { accountId, receiver, endpointId } = await endpointFor(() => ({ status }));
    const event = await storeEvent(accountId);
    let offset = 0;
    const clock = () => new Date(Date.now() + offset);
    const run = () => dispatcher({ clock, schedule: { ...DEFAULT_RETRY_SCHEDULE, random: () => 0.5 } }).runOnce();
    for (let round = 0; round < 60; round++) {
      expect(await run()).toBe(1);
      const state = await repository.deliveryStatus(endpointId, event.eventId);
      if (state!.status === 'failed') break;
      offset = state!.nextAttemptAt!.getTime() - Date.now();
    }
    const history = await attempts(endpointId);
    const last = history.at(-1);
    expect(last).toMatchObject({ status: 'FAILED', responseStatus: 503, nextAttemptAt: null });
    expect(history.slice(0, -1).every((attempt) => attempt.status === 'RETRYING')).toBe(true);
    expect(Date.parse(last.attemptedAt) - Date.parse(history[0].attemptedAt)).toBeGreaterThanOrEqual(24 * 60 * 60_000);
    expect(receiver.requests).toHaveLength(history.length);
    expect(await run()).toBe(0);

    status = 200;
    expect((await server.graphql(REDELIVER, { endpointId, eventId: event.eventId })).data).toEqual({ redeliverWebhookEvent: true });
    expect((await server.graphql(REDELIVER, { endpointId, eventId: 'evt_unknown' })).data).toEqual({ redeliverWebhookEvent: false });
    expect((await server.graphql(REDELIVER, { endpointId: 'whe_unknown', eventId: event.eventId })).data).toEqual({ redeliverWebhookEvent: false });
    expect(await run()).toBe(1);
    expect((await attempts(endpointId)).at(-1)).toMatchObject({ attempt: history.length + 1, status: 'DELIVERED', responseStatus: 200 });
    expect(receiver.requests.at(-1)!.headers['webhook-id']).toBe(event.eventId);
  });

  it('pages through the attempts newest first, every one exactly once', async () => {
    const answers = [500, 500, 500, 200];
    const { accountId, endpointId } = await endpointFor(() => ({ status: answers.shift() ?? 200 }));
    await storeEvent(accountId);
    const clock = steppedClock();
    for (let i = 0; i < 4; i++) {
      await dispatcher({ clock: clock.now }).runOnce();
      const state = await server.scratch.db.reader.query<{ next_attempt_at: unknown }>('SELECT next_attempt_at FROM webhook_deliveries WHERE endpoint_id = ?', [endpointId]);
      if (state[0]!.next_attempt_at !== null) clock.advanceTo(new Date(Number(state[0]!.next_attempt_at)));
    }
    const seen: any[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = (await server.graphql(DELIVERIES, { id: endpointId, first: 3, after })).data!.webhookDeliveries;
      expect(page.totalCount).toBe(4);
      seen.push(...page.edges.map((edge: any) => edge.node));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen.map((attempt) => attempt.attempt)).toEqual([4, 3, 2, 1]);
    const other = await endpointFor(() => ({ status: 200 }));
    const foreign = await server.graphql(DELIVERIES, { id: other.endpointId, first: 3, after });
    expect(foreign.errors![0]!.message).toMatch(/^after: is a cursor of another listing/);
  });

  it('does not follow a redirect: the 302 is a failed attempt and the other host is never called', async () => {
    const elsewhere = await WebhookReceiver.start(() => ({ status: 200 }));
    receivers.push(elsewhere);
    const { accountId, endpointId } = await endpointFor(() => ({ status: 302, headers: { location: elsewhere.url('/stolen') } }));
    await storeEvent(accountId);
    expect(await dispatcher().runOnce()).toBe(1);
    expect(await attempts(endpointId)).toEqual([expect.objectContaining({ status: 'RETRYING', responseStatus: 302 })]);
    expect(elsewhere.requests).toHaveLength(0);
    await repository.deleteEndpoint(endpointId);
  });

  it('keeps at most 1 kB of an answer body', async () => {
    const { accountId, endpointId } = await endpointFor(() => ({ status: 200, body: 'é'.repeat(300) + 'x'.repeat(5_000) }));
    await storeEvent(accountId);
    await dispatcher().runOnce();
    const [attempt] = await attempts(endpointId);
    expect(Buffer.byteLength(attempt.responseBody)).toBeLessThanOrEqual(1_024 + 2);
    expect(attempt.responseBody.startsWith('é'.repeat(300))).toBe(true);
  });

  it('checks the address again at every attempt: a host re-pointed at loopback (DNS rebinding) is refused, not called', async () => {
    const receiver = await WebhookReceiver.start(() => ({ status: 200 }));
    receivers.push(receiver);
    const accountId = `acct_d${++accounts}`;
    await upsertCatalog(server, { accountId, workspaces: [{ id: `${accountId}_ws` }] });
    // Created while the name pointed at a public address (the API's check passed then).
    const endpoint = await repository.createEndpoint({ accountId, url: `http://rebind.example.com:${receiver.port}/hooks`, secret: `whsec_${Buffer.alloc(32, 7).toString('base64')}`, eventTypes: [BUDGET_THRESHOLD_CROSSED] }, new Date());
    await storeEvent(accountId);
    const rebound: HostResolver = async () => [{ address: '127.0.0.1', family: 4 }];
    expect(await dispatcher({ allowPrivate: false, resolve: rebound }).runOnce()).toBe(1);
    const [attempt] = await attempts(endpoint.id);
    expect(attempt).toMatchObject({ status: 'RETRYING', responseStatus: null });
    expect(attempt.error).toBe('refused: must be an https URL, got http');
    expect(receiver.requests).toHaveLength(0);

    const secure = await repository.createEndpoint({ accountId, url: `https://rebind.example.com:${receiver.port}/hooks`, secret: `whsec_${Buffer.alloc(32, 7).toString('base64')}`, eventTypes: [BUDGET_THRESHOLD_CROSSED] }, new Date());
    await storeEvent(accountId, 100);
    const clock = steppedClock();
    clock.advanceTo(new Date(Date.now() + 60_000));
    await dispatcher({ allowPrivate: false, resolve: rebound, clock: clock.now }).runOnce();
    const refused = await attempts(secure.id);
    expect(refused).toEqual([expect.objectContaining({ status: 'RETRYING', responseStatus: null })]);
    expect(refused[0].error).toBe('refused: host rebind.example.com resolves to 127.0.0.1, which is not a public address (loopback, private, link-local and reserved addresses are refused unless WEBHOOK_ALLOW_PRIVATE=1)');
    expect(receiver.requests).toHaveLength(0);
    // Still pending: out of the way of the tests that count what a round claims.
    await repository.deleteEndpoint(endpoint.id);
    await repository.deleteEndpoint(secure.id);
  });

  it("fans an event out to the account's endpoints and to every-account endpoints subscribed when it was stored, and to no other", async () => {
    const mine = await endpointFor(() => ({ status: 200 }));
    const other = await endpointFor(() => ({ status: 200 }));
    const everyone = await WebhookReceiver.start(() => ({ status: 200 }));
    receivers.push(everyone);
    const global = (await server.graphql(CREATE, { input: { url: everyone.url(), events: ['BUDGET_THRESHOLD_CROSSED'] } })).data!.createWebhookEndpoint.id;
    const event = await storeEvent(mine.accountId);
    const late = await WebhookReceiver.start(() => ({ status: 200 }));
    receivers.push(late);
    await server.graphql(CREATE, { input: { accountId: mine.accountId, url: late.url(), events: ['BUDGET_THRESHOLD_CROSSED'] } });
    // The same cause stored again is no second event, and no second delivery.
    await server.scratch.db.writeTransaction((tx) => storeWebhookEvents(tx, server.scratch.db.dialect, [{ accountId: mine.accountId, type: BUDGET_THRESHOLD_CROSSED, dedupeKey: 'budget:b1:2026-10:80', createdAt: new Date(), data: {} }]));
    expect(await dispatcher().runOnce()).toBe(2);
    expect(mine.receiver.requests.map((request) => request.headers['webhook-id'])).toEqual([event.eventId]);
    expect(everyone.requests.map((request) => request.headers['webhook-id'])).toEqual([event.eventId]);
    expect(other.receiver.requests).toHaveLength(0);
    expect(late.requests).toHaveLength(0);
    await server.graphql(`mutation($id: ID!) { deleteWebhookEndpoint(id: $id) }`, { id: global });
  });

  it("takes over a delivery whose dispatcher was killed after claiming it, once the claim's lease runs out", async () => {
    const { accountId, receiver, endpointId } = await endpointFor(() => ({ status: 200 }));
    await storeEvent(accountId);
    const killed = dispatcher();
    const claimed = await repository.claim(Date.now(), killed.leaseMs, 10);
    expect(claimed.map((claim) => claim.endpointId)).toEqual([endpointId]);
    expect(await dispatcher().runOnce()).toBe(0);
    const clock = steppedClock();
    clock.advanceTo(new Date(Date.now() + killed.leaseMs + 1));
    expect(await dispatcher({ clock: clock.now }).runOnce()).toBe(1);
    expect(receiver.requests).toHaveLength(1);
    expect(await attempts(endpointId)).toEqual([expect.objectContaining({ attempt: 1, status: 'DELIVERED' })]);
  });

  it('keeps its loop going through database errors and delivers once the database answers again', async () => {
    const { accountId, receiver } = await endpointFor(() => ({ status: 200 }));
    let broken = true;
    let failures = 0;
    class FlakyRepository extends WebhookRepository {
      override async hasDue(now: number): Promise<boolean> {
        if (broken) {
          failures += 1;
          throw new Error('connection terminated');
        }
        return super.hasDue(now);
      }
    }
    const looping = new WebhookDispatcher(new FlakyRepository(server.scratch.db), { allowPrivate: true, pollIntervalMs: 10 });
    looping.start();
    try {
      await storeEvent(accountId);
      await waitFor(() => failures >= 3);
      expect(receiver.requests).toHaveLength(0);
      broken = false;
      await waitFor(() => receiver.requests.length === 1);
    } finally {
      await looping.stop();
    }
    expect(receiver.requests).toHaveLength(1);
  });
});

async function waitFor(condition: () => boolean, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
