/**
 * A real HTTP receiver on 127.0.0.1 for webhook tests and the soak: it records every request
 * (headers, raw body, when it started and ended, how many of the same webhook-id were in flight
 * at once) and answers as `respond` decides — a status, after a delay, with a body. It can go
 * down (stop listening) and come back on the same port.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly startedAt: number;
  endedAt: number;
  /** Requests with this webhook-id in flight when this one arrived (itself included). */
  readonly concurrentSameId: number;
  status: number;
}

export interface ReceiverAnswer {
  readonly status: number;
  readonly delayMs?: number;
  readonly body?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export class WebhookReceiver {
  readonly requests: ReceivedRequest[] = [];
  private server: http.Server | null = null;
  private readonly inFlight = new Map<string, number>();
  private readonly sockets = new Set<import('node:net').Socket>();
  private constructor(
    public port: number,
    public respond: (request: ReceivedRequest) => ReceiverAnswer,
  ) {}

  static async start(respond: (request: ReceivedRequest) => ReceiverAnswer = () => ({ status: 204 }), port = 0): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver(port, respond);
    await receiver.up();
    return receiver;
  }

  url(path = '/hooks'): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  /** Listens (again) on its port. */
  async up(): Promise<void> {
    if (this.server) return;
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers[name] = value;
        const id = headers['webhook-id'] ?? '';
        const concurrent = (this.inFlight.get(id) ?? 0) + 1;
        this.inFlight.set(id, concurrent);
        const request: ReceivedRequest = { path: req.url ?? '/', headers, body: Buffer.concat(chunks).toString('utf8'), startedAt: Date.now(), endedAt: 0, concurrentSameId: concurrent, status: 0 };
        this.requests.push(request);
        const answer = this.respond(request);
        request.status = answer.status;
        setTimeout(() => {
          this.inFlight.set(id, (this.inFlight.get(id) ?? 1) - 1);
          request.endedAt = Date.now();
          if (res.destroyed) return;
          res.writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers });
          res.end(answer.body ?? '');
        }, answer.delayMs ?? 0);
      });
    });
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Stops listening and cuts every open connection: requests now fail to connect. */
  async down(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  }

  close(): Promise<void> {
    return this.down();
  }
}
