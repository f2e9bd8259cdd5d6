/**
 * One delivery attempt: a signed POST of the event's body, within a hard deadline, to exactly
 * the address that passed the address policy (address-policy.ts). Redirects are never followed
 * (node:http does not follow them, and a 3xx is not a 2xx), and at most RESPONSE_BODY_LIMIT
 * bytes of the answer are kept.
 */
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { parseWebhookUrl, resolveTarget, UnsafeTargetError, type HostResolver } from './address-policy';

/** What is kept of an answer's body (for webhookDeliveries): the first kilobyte. */
export const RESPONSE_BODY_LIMIT = 1024;

export interface WebhookMessage {
  /** The event id: the body's `id` and the `webhook-id` header, the same on every attempt. */
  readonly id: string;
  readonly type: string;
  readonly createdAt: Date;
  /** The event's data as stored (JSON text). */
  readonly data: string;
}

/** The JSON body, `{ type, id, createdAt, data }`: the same bytes on every attempt. */
export function webhookBody(message: WebhookMessage): string {
  return JSON.stringify({ type: message.type, id: message.id, createdAt: message.createdAt.toISOString(), data: JSON.parse(message.data) as unknown });
}

/** The Standard Webhooks headers of one attempt at `at`. */
export function webhookHeaders(secret: string, message: WebhookMessage, body: string, at: Date): Record<string, string> {
  return {
    'webhook-id': message.id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(message.id, at, body),
  };
}

export interface SendOptions {
  readonly allowPrivate: boolean;
  readonly resolve: HostResolver;
  /** The whole attempt — resolution, connection, answer — ends by this, ms. */
  readonly timeoutMs: number;
  /** The attempt's instant (the webhook-timestamp). */
  readonly at: Date;
}

export interface SendResult {
  /** The answer's HTTP status, or null when none came (refused, unreachable, timed out). */
  readonly status: number | null;
  readonly durationMs: number;
  readonly error: string | null;
  readonly body: string | null;
}

export async function sendWebhook(url: string, secret: string, message: WebhookMessage, options: SendOptions): Promise<SendResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const controller = new AbortController();
  const deadline = setTimeout(() => controller.abort(), options.timeoutMs);
  const timedOut = new Promise<never>((_, reject) =>
    controller.signal.addEventListener('abort', () => reject(new TimeoutError(options.timeoutMs)), { once: true }),
  );
  timedOut.catch(() => undefined);
  try {
    const target = parseWebhookUrl(url, options.allowPrivate);
    const pinned = await Promise.race([resolveTarget(target, options.allowPrivate, options.resolve), timedOut]);
    const body = webhookBody(message);
    const answer = await Promise.race([post(target.url, target.hostname, pinned, body, webhookHeaders(secret, message, body, options.at), controller.signal), timedOut]);
    return { status: answer.status, durationMs: elapsed(), error: null, body: answer.body };
  } catch (error) {
    return { status: null, durationMs: elapsed(), error: describeFailure(error), body: null };
  } finally {
    clearTimeout(deadline);
    controller.abort();
  }
}

class TimeoutError extends Error {
  constructor(ms: number) {
    super(`no answer within ${ms / 1000} s`);
  }
}

function describeFailure(error: unknown): string {
  if (error instanceof TimeoutError) return `timed out: ${error.message}`;
  if (error instanceof UnsafeTargetError) return `refused: ${error.message}`;
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  return `request failed: ${code ? `${code} ` : ''}${message}`.slice(0, 500);
}

/**
 * The POST, connecting to `pinned` whatever the host resolves to by now. TLS still checks the
 * certificate against the URL's host name (servername), so pinning changes where the bytes go,
 * not whom they are trusted to reach. No agent: one connection per attempt, nothing pooled.
 */
function post(url: URL, hostname: string, pinned: { address: string; family: 4 | 6 }, body: string, signature: Record<string, string>, signal: AbortSignal): Promise<{ status: number; body: string }> {
  const lookup: LookupFunction = (_host, options, callback) => {
    if ((options as { all?: boolean }).all) (callback as unknown as (error: null, addresses: Array<{ address: string; family: number }>) => void)(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  };
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = transport.request(
      {
        protocol: url.protocol,
        host: hostname,
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        agent: false,
        lookup,
        servername: url.protocol === 'https:' && !/^[\d.]+$|:/.test(hostname) ? hostname : undefined,
        signal,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'user-agent': 'Creditlens-Webhooks/1',
          ...signature,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        const finish = () => {
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
          response.destroy();
        };
        response.on('data', (chunk: Buffer) => {
          if (kept < RESPONSE_BODY_LIMIT) {
            chunks.push(chunk.subarray(0, RESPONSE_BODY_LIMIT - kept));
            kept += Math.min(chunk.length, RESPONSE_BODY_LIMIT - kept);
          }
          // The rest of a long answer is not read: the status is what counts.
          if (kept >= RESPONSE_BODY_LIMIT) finish();
        });
        response.on('end', finish);
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}
