import { randomUUID } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

/** The levels LOG_LEVEL accepts: pino's, from most to least severe, and `silent`. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LoggerOptions {
  readonly level: LogLevel;
  /** Where the JSON lines go: stdout by default; tests pass a stream (anything with write(line)) to read them. */
  readonly destination?: DestinationStream;
  /** Pretty lines for a terminal (NODE_ENV=development), through pino-pretty when it is installed (a devDependency). */
  readonly pretty?: boolean;
}

/**
 * The server's one logger, made at the composition root (main.ts) and passed in: one JSON object
 * per line (pino), `time` in epoch ms, `level` as pino's number, `msg`, and the fields each call
 * adds — `requestId` on everything about a request.
 */
export function createLogger(options: LoggerOptions): Logger {
  const settings = { level: options.level, base: { service: 'creditlens' } };
  if (options.destination) return pino(settings, options.destination);
  // A transport runs in a worker thread and may lose the last lines before process.exit: fine for
  // a developer's terminal, never used in production (config.ts sets `pretty` for development only).
  if (options.pretty && prettyPrinterInstalled()) return pino({ ...settings, transport: { target: 'pino-pretty', options: { colorize: true } } });
  // stdout written synchronously: a line logged just before process.exit is not lost.
  return pino(settings);
}

function prettyPrinterInstalled(): boolean {
  try {
    require.resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}

/** A logger that writes nothing: servers built without one (tests that do not read logs). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

const REQUEST_ID = 'creditlensRequestId';

/**
 * Gives every request an id, answered in the `x-request-id` header of every response and in
 * `extensions.requestId` of every error it answers, so that a client's report leads to the log
 * line. Errors answered outside GraphQL (refusals of the middlewares, the export routes) get it
 * here, in the JSON error body as it is sent; GraphQL's errors get it from internalErrorsPlugin.
 * The id is always made here: a client-sent one would let anyone write ids of their choosing
 * into the logs.
 */
export const assignRequestId: RequestHandler = (_req, res, next) => {
  const requestId = randomUUID();
  res.locals[REQUEST_ID] = requestId;
  res.set('x-request-id', requestId);
  const json = res.json.bind(res);
  res.json = (body: unknown) => json(withRequestId(body, requestId));
  next();
};

/** A GraphQL-shaped error body (`{ errors: [...] }`) with the request id in each error's extensions; anything else as it is. */
export function withRequestId<T>(body: T, requestId: string): T {
  const errors = (body as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors)) return body;
  return {
    ...body,
    errors: errors.map((error: { extensions?: Record<string, unknown> }) => ({ ...error, extensions: { ...error.extensions, requestId } })),
  };
}

export function requestIdOf(res: Response): string {
  return res.locals[REQUEST_ID] as string;
}
