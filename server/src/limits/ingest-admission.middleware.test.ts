import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { ingestAdmission, ingestWeight } from './ingest-admission.middleware';

const RECORD = 'mutation($entries: [UsageEntryInput!]!) { recordUsage(entries: $entries) { accepted } }';

describe('ingestWeight', () => {
  it('weighs a recordUsage request by its entries and anything else as nothing', () => {
    expect(ingestWeight({ query: RECORD, variables: { entries: new Array(5000).fill({}) } })).toBe(5000);
    expect(ingestWeight({ query: RECORD, variables: {} })).toBe(1);
    expect(ingestWeight({ query: '{ account(id: "a") { id } }' })).toBe(0);
    expect(ingestWeight(undefined)).toBe(0);
  });
});

describe('ingestAdmission', () => {
  let server: Server;
  let url: string;
  const finish: Array<() => void> = [];

  beforeAll(async () => {
    const app = express();
    app.use(express.json({ limit: '8mb' }));
    app.use(ingestAdmission({ maxEntriesInFlight: 10, targetMs: 60_000, initialEntriesPerSecond: 1_000_000, maxWaiting: 1, maxWaitMs: 300, retryAfterSeconds: 2 }));
    // The "work": held open until the test lets it finish.
    app.post('/', (_req, res) => finish.push(() => res.json({ ok: true })));
    server = await new Promise((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  afterAll(async () => {
    finish.splice(0).forEach((done) => done());
    await new Promise((resolve) => server.close(resolve));
  });

  const send = (entries: number) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: RECORD, variables: { entries: new Array(entries).fill({}) } }) });

  const until = async (condition: () => boolean) => {
    for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  };

  it('admits batches within the budget, queues one, and refuses the rest with 503 SERVER_BUSY and Retry-After before any work', async () => {
    const first = send(8);
    await until(() => finish.length === 1);
    const queued = send(8); // over the budget: waits for the first
    await new Promise((resolve) => setTimeout(resolve, 50));
    const refused = await send(8); // the queue (one place) is full
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('2');
    expect(((await refused.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe('SERVER_BUSY');

    finish.shift()!();
    expect((await first).status).toBe(200);
    await until(() => finish.length === 1);
    finish.shift()!();
    expect((await queued).status).toBe(200);
  });

  it('refuses a queued batch when no room frees up within the wait limit', async () => {
    const first = send(10);
    await until(() => finish.length === 1);
    const waited = await send(5);
    expect(waited.status).toBe(503);
    expect(((await waited.json()) as { errors: Array<{ message: string }> }).errors[0]!.message).toContain('nothing of this batch was recorded');
    finish.shift()!();
    expect((await first).status).toBe(200);
  });
});

describe('ingestAdmission with a measured recording rate', () => {
  it('refuses a batch that the measured rate says would not be recorded within the target, though it fits the entry budget', async () => {
    const app = express();
    app.use(express.json({ limit: '8mb' }));
    // 1 entry per second assumed: 5 entries in flight already predict 5 s, past a 1 s target.
    app.use(ingestAdmission({ maxEntriesInFlight: 1_000, targetMs: 1_000, initialEntriesPerSecond: 1, maxWaiting: 4, maxWaitMs: 200, retryAfterSeconds: 3 }));
    const held: Array<() => void> = [];
    app.post('/', (_req, res) => held.push(() => res.json({ ok: true })));
    const server: Server = await new Promise((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const send = (entries: number) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: RECORD, variables: { entries: new Array(entries).fill({}) } }) });
    try {
      const first = send(5); // alone: always admitted
      for (let i = 0; i < 200 && held.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      const second = await send(1);
      expect(second.status).toBe(503);
      expect(second.headers.get('retry-after')).toBe('3');
      held.shift()!();
      expect((await first).status).toBe(200);
    } finally {
      held.splice(0).forEach((done) => done());
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
