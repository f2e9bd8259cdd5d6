/** `creditlens webhooks add|list|deliveries|delete|redeliver`: webhook endpoints and their deliveries (admin key). */
import type { CreditlensClient, WebhookEventType } from '@creditlens/client';
import { CommandLineError } from './command-line-error';
import type { CliIo } from './terminal';
import { columnsOf } from './columns';

export const WEBHOOKS_HELP_LINES = `  creditlens webhooks add URL [--account ID] [--event TYPE]...
  creditlens webhooks list [--json]
  creditlens webhooks deliveries ENDPOINT_ID [--limit N] [--json]
  creditlens webhooks delete ENDPOINT_ID
  creditlens webhooks redeliver ENDPOINT_ID EVENT_ID`;

/** The event types by their body name and by their enum value, both accepted by --event. */
const EVENT_TYPES: Readonly<Record<string, WebhookEventType>> = {
  'budget.threshold_crossed': 'BUDGET_THRESHOLD_CROSSED',
  BUDGET_THRESHOLD_CROSSED: 'BUDGET_THRESHOLD_CROSSED',
};

export interface WebhooksFlags {
  readonly account?: string;
  readonly event?: readonly string[];
  readonly limit?: string;
  readonly json?: boolean;
}

export async function webhooksCommand(client: CreditlensClient, args: readonly string[], flags: WebhooksFlags, io: CliIo): Promise<number> {
  const [action, ...rest] = args;
  const expect = (count: number, what: string) => {
    if (rest.length !== count) throw new CommandLineError(`webhooks ${action} takes ${what}`, 'webhooks');
  };
  switch (action) {
    case 'add': {
      expect(1, 'exactly one URL');
      const events = (flags.event?.length ? flags.event : ['budget.threshold_crossed']).map((name) => {
        const type = EVENT_TYPES[name];
        if (!type) throw new CommandLineError(`--event ${JSON.stringify(name)} is not an event type; expected budget.threshold_crossed`, 'webhooks');
        return type;
      });
      const created = await client.createWebhookEndpoint({ accountId: flags.account ?? null, url: rest[0]!, events: [...new Set(events)] });
      io.stdout.write(`Endpoint ${created.id} receives ${flags.account ? `the events of ${flags.account}` : "every account's events"} at ${rest[0]}.\n`);
      io.stdout.write(`Signing secret (shown once, keep it where your receiver reads it):\n${created.secret}\n`);
      return 0;
    }
    case 'list': {
      expect(0, 'no arguments');
      const endpoints = [];
      for await (const page of client.listWebhookEndpoints({ pageSize: 500 })) endpoints.push(...page.edges.map((edge) => edge.node));
      if (flags.json) {
        io.stdout.write(`${JSON.stringify(endpoints, null, 2)}\n`);
        return 0;
      }
      if (endpoints.length === 0) {
        io.stdout.write('No webhook endpoints. Add one with: creditlens webhooks add URL [--account ID]\n');
        return 0;
      }
      io.stdout.write(
        table(
          ['Endpoint', 'Account', 'URL', 'Events', 'Pending', 'Due', 'Failed'],
          endpoints.map((endpoint) => [
            endpoint.id,
            endpoint.accountId ?? '(every account)',
            endpoint.url,
            endpoint.events.join(','),
            String(endpoint.backlog.pending),
            String(endpoint.backlog.due),
            String(endpoint.backlog.failed),
          ]),
        ),
      );
      return 0;
    }
    case 'deliveries': {
      expect(1, 'exactly one ENDPOINT_ID');
      const limit = flags.limit === undefined ? 50 : Number(flags.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new CommandLineError(`--limit must be a whole number from 1 to 10000, got ${flags.limit}`, 'webhooks');
      const attempts = [];
      let found = false;
      for await (const page of client.listWebhookDeliveries(rest[0]!, { pageSize: Math.min(limit, 500) })) {
        found = true;
        attempts.push(...page.edges.map((edge) => edge.node));
        if (attempts.length >= limit) break;
      }
      if (!found) {
        io.stderr.write(`creditlens: no webhook endpoint ${rest[0]}\n`);
        return 1;
      }
      const shown = attempts.slice(0, limit);
      if (flags.json) {
        io.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
        return 0;
      }
      if (shown.length === 0) {
        io.stdout.write('No delivery attempts yet.\n');
        return 0;
      }
      io.stdout.write(
        table(
          ['Attempted at', 'Event', '#', 'Status', 'HTTP', 'ms', 'Next attempt / error'],
          shown.map((attempt) => [
            attempt.attemptedAt,
            attempt.eventId,
            String(attempt.attempt),
            attempt.status,
            attempt.responseStatus === null ? '–' : String(attempt.responseStatus),
            String(attempt.durationMs),
            [attempt.nextAttemptAt, attempt.error].filter(Boolean).join(' ') || '–',
          ]),
        ),
      );
      return 0;
    }
    case 'delete': {
      expect(1, 'exactly one ENDPOINT_ID');
      if (!(await client.deleteWebhookEndpoint(rest[0]!))) {
        io.stderr.write(`creditlens: no webhook endpoint ${rest[0]}\n`);
        return 1;
      }
      io.stdout.write(`Deleted endpoint ${rest[0]} with its pending deliveries.\n`);
      return 0;
    }
    case 'redeliver': {
      expect(2, 'ENDPOINT_ID EVENT_ID');
      if (!(await client.redeliverWebhookEvent(rest[0]!, rest[1]!))) {
        io.stderr.write(`creditlens: endpoint ${rest[0]} has no event ${rest[1]}\n`);
        return 1;
      }
      io.stdout.write(`Event ${rest[1]} will be delivered to ${rest[0]} again, with 24 hours of retries.\n`);
      return 0;
    }
    default:
      throw new CommandLineError(action === undefined ? 'webhooks needs an action: add, list, deliveries, delete or redeliver' : `unknown webhooks action "${action}"; expected add, list, deliveries, delete or redeliver`, 'webhooks');
  }
}

function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const { render, rule } = columnsOf([header, ...rows], () => 'left');
  return `${[render(header), rule, ...rows.map(render)].join('\n')}\n`;
}
