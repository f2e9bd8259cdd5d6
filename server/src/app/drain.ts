/**
 * The SIGTERM drain (a deploy, a scale-down): take no new requests, let the ones in flight
 * finish, close the database, exit 0. Keep-alive connections are closed as soon as they fall
 * idle; past the deadline (longer than the request time limit, so only a stuck request meets it)
 * the rest are cut and the process exits 1.
 *
 * Apollo's own signal handler is off (http-app.ts): it would stop Apollo at once and fail the
 * requests still in flight with HTTP 500; this drain stops Apollo last.
 */
import type { Server } from 'node:http';

export interface DrainOptions {
  /** The listening server whose connections are drained. */
  readonly server: Server;
  /** Answers new requests 503 SHUTTING_DOWN and closes their connections (CreditlensApp.drain). */
  readonly stopTakingRequests: () => void;
  /** Runs once every connection is closed: stop Apollo, close the database. */
  readonly close: () => Promise<void>;
  /** How long requests in flight may take before their connections are cut, ms. */
  readonly deadlineMs: number;
  /** How long the stopping server still accepts connections, answering them 503, ms. */
  readonly listenMs: number;
  readonly log: (line: string) => void;
  readonly logError: (line: string, error?: unknown) => void;
  readonly exit: (code: number) => void;
}

/** A shutdown function for a signal: the first call drains, later calls do nothing. */
export function createDrain(options: DrainOptions): (signal: string) => void {
  const { server, deadlineMs, listenMs, log, logError, exit } = options;
  let stopping = false;
  let cut = false;
  return (signal) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: finishing requests in flight, then stopping.`);
    options.stopTakingRequests();
    const deadline = setTimeout(() => {
      logError(`Requests still in flight after ${deadlineMs / 1000} s: closing their connections.`);
      cut = true;
      server.closeAllConnections();
    }, deadlineMs);
    deadline.unref();
    // For a moment the server keeps listening: whatever reaches it is answered (503 SHUTTING_DOWN,
    // /healthz included, so a load balancer stops sending). Then it stops accepting connections
    // and closes keep-alive connections as they fall idle. Closing waits for the check phase
    // (setImmediate) after an I/O phase, so a request already sent but not yet read — the event
    // loop may have been busy with a write — is read first and its connection not taken for idle.
    let closeIdle: NodeJS.Timeout | undefined;
    setTimeout(() => setImmediate(() => {
      server.close(async (error) => {
        clearInterval(closeIdle);
        clearTimeout(deadline);
        try {
          await options.close();
        } catch (closeError) {
          logError('Creditlens could not close cleanly:', closeError);
          exit(1);
          return;
        }
        if (!cut) log('Stopped: every request in flight was answered.');
        exit(error || cut ? 1 : 0);
      });
      closeIdle = setInterval(() => setImmediate(() => server.closeIdleConnections()), 100);
    }), listenMs);
  };
}
