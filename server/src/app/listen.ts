import type { Server } from 'node:http';
import type { Express } from 'express';

/** The port could not be listened on; the message names it and says why. */
export class ListenError extends Error {
  constructor(readonly port: number, cause: NodeJS.ErrnoException) {
    const why =
      cause.code === 'EADDRINUSE'
        ? 'is already in use: stop what listens there or set PORT to another port'
        : cause.code === 'EACCES'
          ? 'needs privileges this process lacks: set PORT to 1024 or above'
          : `cannot be listened on (${cause.code ?? cause.message})`;
    super(`port ${port} ${why}`, { cause });
    this.name = 'ListenError';
  }
}

/**
 * Resolves once the app listens, rejects with a ListenError naming the port when it cannot:
 * express's listen() calls its callback only on success and leaves the failure to an 'error'
 * event that nobody heard, so a taken port used to look like a clean start and exit 0.
 */
export function listen(app: Express, port: number, host?: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = host === undefined ? app.listen(port) : app.listen(port, host);
    const failed = (error: NodeJS.ErrnoException) => reject(new ListenError(port, error));
    server.once('error', failed);
    server.once('listening', () => {
      server.off('error', failed);
      resolve(server);
    });
  });
}
