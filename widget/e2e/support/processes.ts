import { execFile, spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

/** The repository's root folder. */
export const REPO = path.resolve(__dirname, '../../..');

export interface StepOptions {
  readonly cwd: string;
  /** A step that hangs fails after this long instead of holding the suite to Jest's timeout. */
  readonly timeoutMs: number;
  readonly env?: NodeJS.ProcessEnv;
}

/** Runs one setup step to its end; when it fails, the error says which step and carries its output. */
export function runStep(what: string, command: string, args: readonly string[], { cwd, timeoutMs, env }: StepOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd, env: env ?? process.env, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      const reason = error.killed ? `did not finish within ${timeoutMs / 1000} s` : `failed (${error.code ?? error.signal})`;
      reject(new Error(`${what}: \`${command} ${args.join(' ')}\` in ${cwd} ${reason}:\n${stdout}${stderr}`));
    });
  });
}

export interface ListeningProcess {
  readonly process: ChildProcess;
  /** The URL the process said it listens on, with 127.0.0.1 for localhost. */
  readonly url: string;
  /** Everything it printed so far (for failure messages). */
  output(): string;
}

/** Starts a server process and resolves once it prints a line matching `listening` (group 1: its URL). */
export function startListening(what: string, command: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv; listening: RegExp; timeoutMs: number }): Promise<ListeningProcess> {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${what} did not say it was listening within ${options.timeoutMs / 1000} s:\n${output}`));
    }, options.timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const listening = options.listening.exec(output);
      if (!listening) return;
      clearTimeout(timer);
      resolve({ process: child, url: listening[1]!.replace('//localhost:', '//127.0.0.1:'), output: () => output });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with ${code} before listening:\n${output}`));
    });
  });
}

/** The API server (`server/dist/main.js`, so built first) on a free port and its own SQLite file. */
export function startApiServer(databaseFile: string, env: NodeJS.ProcessEnv = {}): Promise<ListeningProcess> {
  return startListening('the Creditlens server', process.execPath, [path.join(REPO, 'server/dist/main.js')], {
    cwd: REPO,
    env: { ...process.env, NODE_ENV: 'development', PORT: '0', DATABASE_URL: `sqlite:${databaseFile}`, DEMO: '1', ...env },
    listening: /listening on (http:\/\/localhost:\d+)\//,
    timeoutMs: 60_000,
  });
}

/** A port nobody listens on right now, for a process that must be named (CORS_ORIGINS) before it starts. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** SIGTERM, then SIGKILL if it is still there after a few seconds. */
export async function stopProcess(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
