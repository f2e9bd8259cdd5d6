import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

/** The admin key and signing key the soak's servers run with (never used outside 127.0.0.1). */
export const SOAK_ADMIN_KEY = 'soak-admin-key-0123456789abcdef';
const SOAK_SIGNING_KEY = 'soak-embed-signing-key-0123456789-abcdef';

const SERVER_ROOT = path.resolve(__dirname, '../..');
const START_TIMEOUT_MS = 60_000;

export interface ExitStatus {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/**
 * One real Creditlens server process (server/src/main.ts run from source through ts-node,
 * NODE_ENV=production) on a fixed 127.0.0.1 port, which it keeps across restarts so that
 * clients find it again — as behind a load balancer.
 */
export class ServerProcess {
  private child: ChildProcess | null = null;
  private exit: Promise<ExitStatus> | null = null;
  /** Everything the process printed, all its lives (for a failure report). */
  readonly output: string[] = [];
  /** Exits nobody asked for (no signal sent), each with the end of what the process printed. */
  readonly unexpectedExits: string[] = [];
  private signalled = false;

  private constructor(
    readonly name: string,
    readonly port: number,
    private readonly databaseUrl: string,
    private readonly extraEnv: Readonly<Record<string, string>>,
  ) {}

  /** `env`: more variables for the process (the webhook soak's receiver settings). */
  static async start(name: string, databaseUrl: string, env: Readonly<Record<string, string>> = {}): Promise<ServerProcess> {
    const server = new ServerProcess(name, await freePort(), databaseUrl, env);
    await server.launch();
    return server;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== null;
  }

  /** Starts the process and resolves once it listens. */
  async launch(): Promise<void> {
    if (this.child) throw new Error(`${this.name} is already running`);
    const child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', path.join(__dirname, 'source-aliases.ts'), path.join(SERVER_ROOT, 'src/main.ts')],
      {
        cwd: SERVER_ROOT,
        env: {
          PATH: process.env.PATH,
          TS_NODE_PROJECT: path.join(SERVER_ROOT, 'tsconfig.json'),
          NODE_ENV: process.env.SOAK_SERVER_NODE_ENV ?? 'production',
          PORT: String(this.port),
          DATABASE_URL: this.databaseUrl,
          ADMIN_API_KEY: SOAK_ADMIN_KEY,
          EMBED_SIGNING_KEY: SOAK_SIGNING_KEY,
          DEMO: '0',
          EXPLORER: '0',
          ...this.extraEnv,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.child = child;
    this.signalled = false;
    this.exit = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        if (this.child === child) this.child = null;
        if (!this.signalled) this.unexpectedExits.push(`exit ${code ?? signal}: ${this.output.join('').slice(-1500)}`);
        resolve({ code, signal });
      }),
    );
    const listening = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.name} did not listen within ${START_TIMEOUT_MS / 1000} s:\n${this.output.join('')}`)), START_TIMEOUT_MS);
      const onData = (data: Buffer) => {
        const text = data.toString();
        this.output.push(text);
        if (text.includes('is listening on')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', (data: Buffer) => this.output.push(data.toString()));
      void this.exit!.then((status) => {
        clearTimeout(timer);
        reject(new Error(`${this.name} exited (${status.code ?? status.signal}) before listening:\n${this.output.join('')}`));
      });
    });
    await listening;
  }

  /** Sends a signal; resolves with how the process ended (or null when it outlived `waitMs`). */
  async signal(signal: NodeJS.Signals, waitMs = 30_000): Promise<ExitStatus | null> {
    const child = this.child;
    const exit = this.exit;
    if (!child || !exit) throw new Error(`${this.name} is not running`);
    this.signalled = true;
    child.kill(signal);
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([exit, new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), waitMs)))]);
    clearTimeout(timer);
    return outcome;
  }

  /** SIGTERM, then SIGKILL if it does not stop within `waitMs`. */
  async stop(waitMs = 30_000): Promise<ExitStatus | null> {
    if (!this.child) return null;
    const status = await this.signal('SIGTERM', waitMs);
    if (status === null && this.child) await this.signal('SIGKILL', waitMs);
    return status;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
