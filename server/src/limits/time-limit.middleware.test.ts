import type { AddressInfo } from 'node:net';
import express from 'express';
import { timeLimit, type Timers } from './time-limit.middleware';

describe('timeLimit', () => {
  it('answers 503 REQUEST_TIMEOUT when the limit fires before the answer, and clears its timer after one', async () => {
    const pending: Array<() => void> = [];
    const cleared: unknown[] = [];
    const timers: Timers = { set: (callback) => (pending.push(callback), pending.length), clear: (handle) => cleared.push(handle) };
    const app = express();
    let release: () => void = () => undefined;
    app.get('/slow', timeLimit(10_000, timers), (_req, res) => {
      release = () => res.headersSent || res.send('late');
      pending[0]!();
    });
    app.get('/fast', timeLimit(10_000, timers), (_req, res) => res.send('ok'));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const slow = await fetch(`${base}/slow`);
      expect(slow.status).toBe(503);
      expect(slow.headers.get('retry-after')).toBe('1');
      expect(((await slow.json()) as { errors: unknown[] }).errors[0]).toMatchObject({ extensions: { code: 'REQUEST_TIMEOUT' }, message: expect.stringContaining('within 10 s') });
      release();
      const fast = await fetch(`${base}/fast`);
      expect(await fast.text()).toBe('ok');
      expect(cleared).toContain(2);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
