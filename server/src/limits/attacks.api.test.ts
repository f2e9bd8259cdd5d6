import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ServerProcess, SOAK_ADMIN_KEY } from '../soak/server-process';
import { ATTACKS, sendAttack } from './attacks';
import { REQUEST_TIME_LIMIT_MS } from '.';

/**
 * The attack list (attacks.ts) against a real production server process (NODE_ENV=production,
 * its own event loop): each answered 400 by the limit that refuses it, while /healthz keeps
 * answering — a synchronous step that held the event loop would hold /healthz too. The
 * figures are in `npm run bench`; here only the bound that matters: every /healthz within the
 * request time limit.
 */
jest.setTimeout(180_000);

/** Past the request time limit: a server that has not answered by then is stalled, and the test fails rather than hangs. */
const GIVE_UP_MS = 2 * REQUEST_TIME_LIMIT_MS;

describe('attacks on a production server process', () => {
  let folder: string;
  let server: ServerProcess;

  beforeAll(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'creditlens-attacks-'));
    server = await ServerProcess.start('attacks', `sqlite:${path.join(folder, 'attacks.sqlite')}`);
  });
  afterAll(async () => {
    await server?.stop(5_000);
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it.each(ATTACKS)('answers $name with 400 from the $refusedBy limit, and /healthz answers while it is in flight', async (attack) => {
    const outcome = await sendAttack(server.url, SOAK_ADMIN_KEY, attack, GIVE_UP_MS);
    console.log(`${attack.name}: answered ${outcome.status} in ${outcome.answeredMs.toFixed(0)} ms; /healthz ×${outcome.healthz.length}, slowest ${Math.max(...outcome.healthz.map((h) => h.ms)).toFixed(0)} ms`);
    expect(outcome.status).toBe(400);
    expect(outcome.body?.errors?.[0]).toMatchObject({ message: expect.any(String), extensions: { limit: attack.refusedBy } });
    for (const health of outcome.healthz) {
      expect(health.status).toBe(200);
      expect(health.ms).toBeLessThan(REQUEST_TIME_LIMIT_MS);
    }
    expect(server.running).toBe(true);
  });
});
