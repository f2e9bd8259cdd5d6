import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import fs from 'node:fs';
import path from 'node:path';
import { describeEachDatabase } from '../../../server/src/testing/test-databases';
import { startTestServer, type TestServer } from '../../../server/src/testing/test-server';
import { upsertCatalog } from '../../../server/src/testing/operations';
import { BUDGET_THRESHOLD_CROSSED, storeWebhookEvents, WebhookDispatcher, WebhookRepository } from '../../../server/src/webhooks';
import { npmInstall, run, scratchFolder, type Run } from '../../../packaging/tarballs';

/**
 * The example as a host gets it: this folder copied out of the repository, its dependencies
 * installed from the registry, type-checked under strict nodenext, built, and run as its own
 * process against a real server whose dispatcher delivers to it.
 */
const EXAMPLE = path.resolve(__dirname, '..');
const scratch = scratchFolder('creditlens-webhook-receiver-');
const project = path.join(scratch.folder, 'webhook-receiver');
let checked: Run;

beforeAll(async () => {
  fs.cpSync(EXAMPLE, project, { recursive: true, filter: (source) => !/(^|\/)(node_modules|dist|test)$/.test(source) });
  await npmInstall(project, []);
  checked = await run(path.join(project, 'node_modules/.bin/tsc'), ['--noEmit'], { cwd: project });
  const built = await run(path.join(project, 'node_modules/.bin/tsc'), [], { cwd: project });
  if (built.code !== 0) throw new Error(`tsc failed:\n${built.stdout}${built.stderr}`);
}, 180_000);
afterAll(() => scratch.remove());

it('type-checks with tsc --noEmit under strict nodenext', () => {
  expect(checked).toEqual({ code: 0, stdout: '', stderr: '' });
});

/** The built receiver as a process; resolves once it listens, with its URL and its printed lines. */
async function startReceiver(secret: string, port: number): Promise<{ url: string; lines: () => Array<Record<string, unknown>>; stop: () => void; child: ChildProcess }> {
  const child = spawn(process.execPath, ['dist/main.js'], { cwd: project, env: { PATH: process.env.PATH, WEBHOOK_SECRET: secret, PORT: String(port) } });
  let output = '';
  child.stdout!.on('data', (data: Buffer) => (output += data.toString()));
  child.stderr!.on('data', (data: Buffer) => (output += data.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the receiver did not start:\n${output}`)), 15_000);
    child.stdout!.on('data', () => {
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
  });
  return {
    url,
    child,
    lines: () => output.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>),
    stop: () => child.kill('SIGTERM'),
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

describeEachDatabase('the webhook receiver example', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind, { webhookAllowPrivate: true });
    await upsertCatalog(server, { accountId: 'acct_rx', workspaces: [{ id: 'ws_rx' }] });
  }, 60_000);
  afterAll(() => server.stop());

  it('handles a signed event once, acknowledges its redelivery without handling it again, and refuses a forged request', async () => {
    // As an operator does it: the endpoint first (its URL on a port kept free for the receiver), then the receiver with its secret.
    const port = await freePort();
    const created = await server.graphql(`mutation($url: String!) { createWebhookEndpoint(input: { accountId: "acct_rx", url: $url, events: [BUDGET_THRESHOLD_CROSSED] }) { id secret } }`, { url: `http://127.0.0.1:${port}/` });
    const endpoint = created.data!.createWebhookEndpoint as { id: string; secret: string };
    const receiver = await startReceiver(endpoint.secret, port);
    try {
      const repository = new WebhookRepository(server.scratch.db);
      const data = { accountId: 'acct_rx', workspaceId: 'ws_rx', campaignId: null, period: { from: '2026-10-01T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z' }, threshold: 80, credits: 812, creditsPerPeriod: 1_000 };
      const [event] = await server.scratch.db.writeTransaction((tx) => storeWebhookEvents(tx, server.scratch.db.dialect, [{ accountId: 'acct_rx', type: BUDGET_THRESHOLD_CROSSED, dedupeKey: 'b:2026-10:80', createdAt: new Date(), data }]));
      const dispatcher = new WebhookDispatcher(repository, { allowPrivate: true, pollIntervalMs: 10 });
      expect(await dispatcher.runOnce()).toBe(1);
      expect(await server.graphql(`mutation($e: ID!, $v: ID!) { redeliverWebhookEvent(endpointId: $e, eventId: $v) }`, { e: endpoint.id, v: event!.eventId })).toMatchObject({ data: { redeliverWebhookEvent: true } });
      expect(await dispatcher.runOnce()).toBe(1);
      const forged = await fetch(receiver.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'webhook-id': 'evt_forged', 'webhook-timestamp': String(Math.floor(Date.now() / 1000)), 'webhook-signature': 'v1,AAAA' },
        body: JSON.stringify({ type: 'budget.threshold_crossed', id: 'evt_forged', createdAt: new Date().toISOString(), data }),
      });
      expect(forged.status).toBe(400);

      const statuses = (await server.graphql(`query($e: ID!) { webhookDeliveries(endpointId: $e) { edges { node { status responseStatus } } } }`, { e: endpoint.id })).data!.webhookDeliveries.edges;
      expect(statuses.map((edge: any) => edge.node)).toEqual([{ status: 'DELIVERED', responseStatus: 204 }, { status: 'DELIVERED', responseStatus: 204 }]);
      expect(receiver.lines()).toEqual([
        { handled: 'budget.threshold_crossed', id: event!.eventId, data },
        { skipped: 'duplicate', id: event!.eventId },
        { skipped: expect.stringMatching(/^refused: /), id: 'evt_forged' },
      ]);
    } finally {
      receiver.stop();
    }
  }, 60_000);
});
