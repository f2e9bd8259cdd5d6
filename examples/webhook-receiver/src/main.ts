/**
 * Runs the receiver: WEBHOOK_SECRET (required) and PORT (default 8080; 0 picks a free one).
 * Prints one JSON line per event handled and per request skipped.
 */
import type { AddressInfo } from 'node:net';
import { createReceiver } from './receiver.js';

const secret = process.env.WEBHOOK_SECRET;
if (!secret?.startsWith('whsec_')) {
  console.error('webhook-receiver: set WEBHOOK_SECRET to the endpoint secret ("whsec_…") that createWebhookEndpoint answered');
  process.exit(2);
}
const port = Number(process.env.PORT ?? 8080);

const server = createReceiver({
  secret,
  onEvent: (event) => console.log(JSON.stringify({ handled: event.type, id: event.id, data: event.data })),
  onSkip: (reason, id) => console.log(JSON.stringify({ skipped: reason, id: id ?? null })),
});
server.listen(port, '127.0.0.1', () => {
  console.log(`webhook-receiver listening on http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
