/** A production server process for the benches: the built server/dist/main.js on a free 127.0.0.1 port. */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

export const BENCH_ADMIN_KEY = 'bench-admin-key-0123456789';
const SIGNING_KEY = 'bench-signing-key-0123456789-0123456789';
const MAIN = path.resolve(__dirname, '../main.js');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts the server on `databaseUrl` (NODE_ENV=production, no demo data, no explorer) and
 * resolves once it listens. BENCH_SERVER_NODE_ARGS, space-separated, go to the server's node
 * before its script: `--cpu-prof --cpu-prof-dir=/tmp/prof` writes a CPU profile when it stops
 * (NODE_OPTIONS does not take --cpu-prof).
 */
export async function startServer(databaseUrl: string): Promise<{ child: ChildProcess; endpoint: string }> {
  const port = await freePort();
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  // The young generation `npm start` gives the server (docs/operations.md).
  const child = spawn(process.execPath, ['--max-semi-space-size=32', ...nodeArgs, MAIN], {
    env: { ...process.env, NODE_ENV: 'production', PORT: String(port), DATABASE_URL: databaseUrl, ADMIN_API_KEY: BENCH_ADMIN_KEY, EMBED_SIGNING_KEY: SIGNING_KEY, DEMO: '0', EXPLORER: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (data: Buffer) => data.toString().includes('listening') && resolve());
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  child.on('exit', (code, signal) => {
    if (code !== 0 && signal !== 'SIGTERM') console.error(`the server process stopped: code ${code}, signal ${signal}`);
  });
  return { child, endpoint: `http://127.0.0.1:${port}/graphql` };
}
