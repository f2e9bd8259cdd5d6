/**
 * `npm run soak`: the long soak (see soak.ts). Options:
 *   --database postgres|sqlite   (default postgres)
 *   --minutes N                  (default 5)
 *   --outage restart|cut-off     (PostgreSQL: default restart when run as root, else cut-off)
 *   --restarts N                 (database outages spread over the run, default 2)
 * A scratch database is created through TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/test)
 * and dropped afterwards. Exits 1 when the run found a problem.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { canRestartCluster, type OutageKind } from './faults';
import { formatReport, runSoak, type FaultKind } from './soak';
import { createSoakDatabase } from './soak-database';

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

/** Other users of the cluster that a restart would break: a running benchmark or Jest run. */
function othersUsingTheCluster(): string[] {
  const found: string[] = [];
  for (const pattern of ['scale-bench', 'jest']) {
    try {
      const pids = execFileSync('pgrep', ['-f', pattern], { encoding: 'utf8' }).trim().split('\n').filter((pid) => pid && Number(pid) !== process.pid);
      if (pids.length > 0) found.push(`${pattern} (pid ${pids.join(', ')})`);
    } catch {
      // pgrep exits 1 when nothing matches
    }
  }
  return found;
}

async function main(): Promise<void> {
  const kind = (argument('database') ?? 'postgres') as 'postgres' | 'sqlite';
  const minutes = Number(argument('minutes') ?? 5);
  const restarts = Number(argument('restarts') ?? 2);
  if (kind !== 'postgres' && kind !== 'sqlite') throw new Error(`--database must be postgres or sqlite, got ${kind}`);
  if (!(minutes > 0 && minutes <= 120)) throw new Error(`--minutes must be within (0, 120], got ${minutes}`);
  if (!(restarts >= 0 && restarts <= 10)) throw new Error(`--restarts must be within [0, 10], got ${restarts}`);
  let outageKind = (argument('outage') ?? (canRestartCluster() ? 'restart' : 'cut-off')) as OutageKind;
  if (outageKind === 'restart' && !canRestartCluster()) throw new Error('--outage restart needs root and pg_ctlcluster');
  if (kind === 'postgres' && outageKind === 'restart') {
    // A cluster restart breaks anyone else's connections: wait (bounded) until nobody else is on it.
    for (let i = 0; i < 60 && othersUsingTheCluster().length > 0; i++) {
      console.log(`Waiting for ${othersUsingTheCluster().join(', ')} to finish before restarting PostgreSQL…`);
      await new Promise((resolve) => setTimeout(resolve, 10_000));
    }
    const others = othersUsingTheCluster();
    if (others.length > 0) {
      console.log(`Still running: ${others.join(', ')}; the outage will cut off the soak's own database instead of restarting the cluster.`);
      outageKind = 'cut-off';
    }
  }

  const { database, dispose } = await createSoakDatabase(kind);

  const faults: Array<{ at: number; kind: FaultKind }> = [];
  if (kind === 'postgres') for (let i = 0; i < restarts; i++) faults.push({ at: (0.15 + (0.6 * i) / Math.max(1, restarts)) as number, kind: 'outage' });
  faults.push({ at: 0.3, kind: 'sigkill' }, { at: 0.55, kind: 'sigkill' }, { at: 0.65, kind: 'sigterm' }, { at: 0.8, kind: 'backlog' });

  console.log(`Soak: ${minutes} min on ${kind}${kind === 'postgres' ? `, 2 replicas, ${restarts} outage(s) by ${outageKind}` : ', 1 server'}`);
  try {
    const report = await runSoak({
      database,
      durationMs: minutes * 60_000,
      replicas: kind === 'postgres' ? 2 : 1,
      writers: 6,
      readers: 3,
      batchSize: [20, 500],
      faults,
      outage: {
        kind: outageKind,
        holdMs: 3_000,
        // Someone may have started a benchmark or Jest since: then this outage spares the cluster.
        restartAllowed: () => {
          const others = othersUsingTheCluster();
          if (others.length > 0) console.log(`Not restarting the cluster while ${others.join(', ')} runs: cutting the soak's database off instead.`);
          return others.length === 0;
        },
      },
      backlog: { batches: 8, entries: 5_000 },
      webhooks: { failureRate: 0.3, downAtMs: minutes * 60_000 * 0.45, downForMs: 20_000, settleMs: 120_000 },
      log: (line) => console.log(line),
    });
    console.log(formatReport(report));
    fs.mkdirSync(path.resolve(__dirname, '../../../bench-results'), { recursive: true });
    const file = path.resolve(__dirname, `../../../bench-results/soak-${kind}.json`);
    fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`Report written to ${path.relative(process.cwd(), file)}`);
    process.exitCode = report.problems.length === 0 ? 0 : 1;
  } finally {
    await dispose();
  }
}

main().catch((error: unknown) => {
  console.error('The soak could not run:', error);
  process.exit(1);
});
