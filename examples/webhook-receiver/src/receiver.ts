/**
 * A Creditlens webhook receiver on node:http. For each POST it:
 * 1. reads the raw body (the signature covers the exact bytes, so never re-serialise it first);
 * 2. verifies the Standard Webhooks headers with the endpoint's secret (webhook-id,
 *    webhook-timestamp within 5 minutes, webhook-signature) — a forged or replayed request is 400;
 * 3. answers 2xx at once, before the work, so that Creditlens does not time out (10 s) and retry;
 * 4. handles each event once: Creditlens delivers at least once, always with the same webhook-id,
 *    so a redelivery is acknowledged and skipped.
 *
 * The memory of seen ids is this process's; a receiver with several replicas or restarts keeps
 * it where its work is stored (a unique key on the webhook-id in the same transaction).
 */
import { createServer, type Server } from 'node:http';
import { Webhook } from 'standardwebhooks';

export interface BudgetThresholdCrossed {
  readonly type: 'budget.threshold_crossed';
  readonly id: string;
  readonly createdAt: string;
  readonly data: {
    readonly accountId: string;
    readonly workspaceId: string | null;
    readonly campaignId: string | null;
    readonly period: { readonly from: string; readonly to: string };
    readonly threshold: number;
    readonly credits: number;
    readonly creditsPerPeriod: number;
  };
}

export type CreditlensEvent = BudgetThresholdCrossed | { readonly type: string; readonly id: string; readonly createdAt: string; readonly data: unknown };

export interface ReceiverOptions {
  /** The endpoint's secret, "whsec_…", as createWebhookEndpoint answered it. */
  readonly secret: string;
  /** Called once per event id, after the answer is sent. */
  readonly onEvent: (event: CreditlensEvent) => void;
  /** Called for each request that was refused or was a repeat (for logs). */
  readonly onSkip?: (reason: string, webhookId: string | undefined) => void;
  /** How many event ids are remembered (the oldest are forgotten first). */
  readonly remember?: number;
}

const MAX_BODY_BYTES = 1024 * 1024;

export function createReceiver(options: ReceiverOptions): Server {
  const webhook = new Webhook(options.secret);
  const seen = new Set<string>();
  const remember = options.remember ?? 100_000;

  return createServer((request, response) => {
    if (request.method !== 'POST') {
      response.writeHead(405, { allow: 'POST' }).end();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) request.destroy();
      else chunks.push(chunk);
    });
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = {
        'webhook-id': String(request.headers['webhook-id'] ?? ''),
        'webhook-timestamp': String(request.headers['webhook-timestamp'] ?? ''),
        'webhook-signature': String(request.headers['webhook-signature'] ?? ''),
      };
      let event: CreditlensEvent;
      try {
        event = webhook.verify(body, headers) as CreditlensEvent;
      } catch (error) {
        options.onSkip?.(`refused: ${error instanceof Error ? error.message : String(error)}`, headers['webhook-id'] || undefined);
        response.writeHead(400, { 'content-type': 'text/plain' }).end('bad signature\n');
        return;
      }
      const id = headers['webhook-id'];
      const repeat = seen.has(id);
      response.writeHead(204).end();
      if (repeat) {
        options.onSkip?.('duplicate', id);
        return;
      }
      seen.add(id);
      if (seen.size > remember) seen.delete(seen.values().next().value as string);
      options.onEvent(event);
    });
  });
}
