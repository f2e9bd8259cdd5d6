import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { Client } from 'pg';

/**
 * Taking PostgreSQL away from the soak's servers, two ways:
 * - `restart`: the whole cluster (`pg_ctlcluster … restart`, as root) — the real thing, for
 *   `npm run soak` only: it would break every other test running against the same cluster.
 * - `cut-off`: only the soak's own database — new connections refused
 *   (`ALLOW_CONNECTIONS false`), existing ones terminated (`pg_terminate_backend`) — for a while,
 *   then allowed again. What the test suite does: no other database notices.
 */
export type OutageKind = 'restart' | 'cut-off';

/** Whether this process may restart the cluster: root, with pg_ctlcluster and one cluster version installed. */
export function canRestartCluster(): boolean {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return false;
  try {
    return fs.readdirSync('/etc/postgresql').length === 1 && fs.existsSync('/usr/bin/pg_ctlcluster');
  } catch {
    return false;
  }
}

/** Restarts the local cluster; resolves when the command returns (the cluster is then back). */
export function restartCluster(): Promise<void> {
  const [version] = fs.readdirSync('/etc/postgresql');
  return new Promise((resolve, reject) =>
    execFile('pg_ctlcluster', ['--skip-systemctl-redirect', version!, 'main', 'restart'], { timeout: 120_000 }, (error, _stdout, stderr) =>
      error ? reject(new Error(`pg_ctlcluster restart failed: ${stderr || error.message}`)) : resolve(),
    ),
  );
}

/**
 * Cuts one database off for `holdMs`: refuses new connections and terminates the open ones
 * (repeatedly, so a connection that slipped in is cut too), then lets connections in again.
 * `adminUrl` must name another database of the same cluster.
 */
export async function cutOffDatabase(adminUrl: string, database: string, holdMs: number): Promise<void> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const quoted = `"${database.replace(/"/g, '""')}"`;
    await admin.query(`ALTER DATABASE ${quoted} ALLOW_CONNECTIONS false`);
    const until = Date.now() + holdMs;
    try {
      while (Date.now() < until) {
        await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database]);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    } finally {
      await admin.query(`ALTER DATABASE ${quoted} ALLOW_CONNECTIONS true`);
    }
  } finally {
    await admin.end();
  }
}
