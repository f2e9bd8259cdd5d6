import { execFile } from 'node:child_process';
import path from 'node:path';
import { Webhook } from 'standardwebhooks';
import { describeEachDatabase } from '../../../server/src/testing/test-databases';
import { startTestServer, TEST_ADMIN_KEY, type TestServer } from '../../../server/src/testing/test-server';
import { upsertCatalog } from '../../../server/src/testing/operations';
import { WebhookReceiver } from '../../../server/src/testing/webhook-receiver';
import { BUDGET_THRESHOLD_CROSSED, storeWebhookEvents, WebhookDispatcher, WebhookRepository } from '../../../server/src/webhooks';

const BIN = path.resolve(__dirname, '../bin/creditlens.js');

function creditlens(server: TestServer, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH, CREDITLENS_ENDPOINT: `${server.url}/graphql`, CREDITLENS_TOKEN: TEST_ADMIN_KEY } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

describeEachDatabase('creditlens webhooks', (kind) => {
  let server: TestServer;
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    server = await startTestServer(kind, { webhookAllowPrivate: true });
    receiver = await WebhookReceiver.start(() => ({ status: 200 }));
    await upsertCatalog(server, { accountId: 'acct_cli_w', workspaces: [{ id: 'ws' }] });
  });
  afterAll(async () => {
    await receiver.close();
    await server.stop();
  });

  it('adds an endpoint and prints its secret once, lists it, shows its deliveries, and deletes it', async () => {
    const added = await creditlens(server, ['webhooks', 'add', receiver.url(), '--account', 'acct_cli_w']);
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    const id = /Endpoint (whe_\w+)/.exec(added.stdout)![1]!;
    const secret = /^(whsec_\S+)$/m.exec(added.stdout)![1]!;

    const listed = await creditlens(server, ['webhooks', 'list']);
    expect(listed.stdout).toMatch(new RegExp(`${id}\\s+acct_cli_w\\s+${receiver.url().replace(/[.]/g, '\\.')}\\s+BUDGET_THRESHOLD_CROSSED\\s+0\\s+0\\s+0`));
    expect(listed.stdout).not.toContain(secret);

    const [event] = await server.scratch.db.writeTransaction((tx) => storeWebhookEvents(tx, server.scratch.db.dialect, [{ accountId: 'acct_cli_w', type: BUDGET_THRESHOLD_CROSSED, dedupeKey: 'k', createdAt: new Date(), data: { threshold: 100 } }]));
    await new WebhookDispatcher(new WebhookRepository(server.scratch.db), { allowPrivate: true, pollIntervalMs: 10 }).runOnce();
    expect(() => new Webhook(secret).verify(receiver.requests[0]!.body, receiver.requests[0]!.headers)).not.toThrow();

    const deliveries = await creditlens(server, ['webhooks', 'deliveries', id]);
    expect(deliveries.code).toBe(0);
    expect(deliveries.stdout).toMatch(new RegExp(`${event!.eventId}\\s+1\\s+DELIVERED\\s+200`));
    const json = JSON.parse((await creditlens(server, ['webhooks', 'deliveries', id, '--json'])).stdout);
    expect(json).toEqual([expect.objectContaining({ eventId: event!.eventId, status: 'DELIVERED', responseStatus: 200 })]);

    expect(await creditlens(server, ['webhooks', 'delete', id])).toMatchObject({ code: 0 });
    expect(await creditlens(server, ['webhooks', 'deliveries', id])).toMatchObject({ code: 1, stderr: `creditlens: no webhook endpoint ${id}\n` });
  });

  it('names the server\'s refusal, and refuses a wrong use before sending anything', async () => {
    const refused = await creditlens(server, ['webhooks', 'add', 'ftp://hooks.example.com/']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^creditlens: BAD_USER_INPUT: input\.url: must be an https URL/);
    const wrong = await creditlens(server, ['webhooks', 'add', receiver.url(), '--event', 'usage.recorded']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--event "usage.recorded" is not an event type');
    expect(wrong.stderr).toContain('creditlens webhooks --help');
    expect((await creditlens(server, ['webhooks', 'frobnicate'])).code).toBe(2);
  });
});
