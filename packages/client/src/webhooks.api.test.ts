import { startTestServer, TEST_ADMIN_KEY, type TestServer } from '../../../server/src/testing/test-server';
import { describeEachDatabase } from '../../../server/src/testing/test-databases';
import { upsertCatalog } from '../../../server/src/testing/operations';
import { WebhookReceiver } from '../../../server/src/testing/webhook-receiver';
import { BUDGET_THRESHOLD_CROSSED, storeWebhookEvents, WebhookDispatcher, WebhookRepository } from '../../../server/src/webhooks';
import { CreditlensClient } from './client';
import { CreditlensError } from './errors';

describeEachDatabase('the client manages webhook endpoints', (kind) => {
  let server: TestServer;
  let receiver: WebhookReceiver;
  let admin: CreditlensClient;

  beforeAll(async () => {
    server = await startTestServer(kind, { webhookAllowPrivate: true });
    receiver = await WebhookReceiver.start(() => ({ status: 200 }));
    admin = new CreditlensClient({ endpoint: `${server.url}/graphql`, token: TEST_ADMIN_KEY, retry: { retries: 0 } });
    await upsertCatalog(server, { accountId: 'acct_w', workspaces: [{ id: 'ws_w' }] });
  });
  afterAll(async () => {
    await receiver.close();
    await server.stop();
  });

  it('creates an endpoint, lists it and its deliveries, redelivers an event, and deletes it', async () => {
    const created = await admin.createWebhookEndpoint({ accountId: 'acct_w', url: receiver.url(), events: ['BUDGET_THRESHOLD_CROSSED'] });
    expect(created.secret).toMatch(/^whsec_/);
    const endpoints = [];
    for await (const page of admin.listWebhookEndpoints({ pageSize: 10 })) endpoints.push(...page.edges.map((edge) => edge.node));
    expect(endpoints).toEqual([expect.objectContaining({ id: created.id, accountId: 'acct_w', url: receiver.url(), events: ['BUDGET_THRESHOLD_CROSSED'] })]);

    const [event] = await server.scratch.db.writeTransaction((tx) =>
      storeWebhookEvents(tx, server.scratch.db.dialect, [{ accountId: 'acct_w', type: BUDGET_THRESHOLD_CROSSED, dedupeKey: 'k', createdAt: new Date(), data: { threshold: 50 } }]),
    );
    await new WebhookDispatcher(new WebhookRepository(server.scratch.db), { allowPrivate: true, pollIntervalMs: 10 }).runOnce();
    const attempts = [];
    for await (const page of admin.listWebhookDeliveries(created.id)) attempts.push(...page.edges.map((edge) => edge.node));
    expect(attempts).toEqual([expect.objectContaining({ eventId: event!.eventId, status: 'DELIVERED', responseStatus: 200, attempt: 1 })]);
    expect(await admin.redeliverWebhookEvent(created.id, event!.eventId)).toBe(true);

    expect(await admin.deleteWebhookEndpoint(created.id)).toBe(true);
    expect(await admin.deleteWebhookEndpoint(created.id)).toBe(false);
    const gone = [];
    for await (const page of admin.listWebhookDeliveries(created.id)) gone.push(page);
    expect(gone).toEqual([]);
  });

  it('throws BAD_USER_INPUT naming input.url for a URL the server may not call', async () => {
    const refused = await admin.createWebhookEndpoint({ url: 'ftp://hooks.example.com/', events: ['BUDGET_THRESHOLD_CROSSED'] }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(CreditlensError);
    expect((refused as CreditlensError).code).toBe('BAD_USER_INPUT');
    expect((refused as CreditlensError).message).toContain('input.url');
  });
});
