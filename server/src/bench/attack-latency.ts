import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ATTACKS, REQUEST_TIME_LIMIT_MS, sendAttack } from '../limits';
import { BENCH_ADMIN_KEY, startServer } from './bench-server';

/**
 * The attack list (limits/attacks.ts) against a production server process on a fresh SQLite
 * database: how long each attack takes to be answered, and how long /healthz takes while it is
 * in flight, next to /healthz on the idle server measured in the same run. Seconds, not minutes.
 */
const RUNS = 5;
const IDLE_RUNS = 20;

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (value: number) => `${value.toFixed(1)} ms`;

async function healthzOnce(baseUrl: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${baseUrl}/healthz`);
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`/healthz answered ${response.status}`);
  return performance.now() - started;
}

async function main(): Promise<void> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'creditlens-attack-bench-'));
  const { child, endpoint } = await startServer(`sqlite:${path.join(folder, 'attacks.sqlite')}`);
  const baseUrl = endpoint.replace(/\/graphql$/, '');
  try {
    for (let i = 0; i < 3; i += 1) for (const attack of ATTACKS) await sendAttack(baseUrl, BENCH_ADMIN_KEY, attack, 2 * REQUEST_TIME_LIMIT_MS);
    const idle: number[] = [];
    for (let i = 0; i < IDLE_RUNS; i += 1) idle.push(await healthzOnce(baseUrl));
    console.log(`Attacks on a production server process (SQLite), ${RUNS} runs each after 3 warm-ups; /healthz on the idle server: median ${ms(median(idle))}`);
    for (const attack of ATTACKS) {
      const answered: number[] = [];
      const healthz: number[] = [];
      const statuses = new Set<number>();
      const healthStatuses = new Set<number>();
      for (let i = 0; i < RUNS; i += 1) {
        const outcome = await sendAttack(baseUrl, BENCH_ADMIN_KEY, attack, 2 * REQUEST_TIME_LIMIT_MS);
        answered.push(outcome.answeredMs);
        healthz.push(...outcome.healthz.map((h) => h.ms));
        statuses.add(outcome.status);
        for (const h of outcome.healthz) healthStatuses.add(h.status);
      }
      const size = `${(Buffer.byteLength(attack.body) / 1024).toFixed(1)} KiB`;
      console.log(
        `  ${attack.name} (${size}): answered ${[...statuses].join('/')} in median ${ms(median(answered))}, max ${ms(Math.max(...answered))}; ` +
          `/healthz during it (${healthz.length} asked, answered ${[...healthStatuses].join('/')}): median ${ms(median(healthz))}, max ${ms(Math.max(...healthz))}`,
      );
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
