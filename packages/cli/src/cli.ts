import { parseArgs } from 'node:util';
import { CreditlensClient, CreditlensError } from '@creditlens/client';
import packageJson from '../package.json';
import { budgetsCommand } from './budgets.command';
import { CommandLineError } from './command-line-error';
import { closePeriodCommand, entriesCommand } from './entries.command';
import { importCommand } from './import.command';
import { retryLine } from './progress';
import type { CliIo } from './terminal';
import { usageCommand } from './usage.command';
import { WEBHOOKS_HELP_LINES, webhooksCommand } from './webhooks.command';

export const VERSION: string = packageJson.version;

const CONNECTION_HELP = `Connection (flags win over the environment):
  --endpoint URL   or CREDITLENS_ENDPOINT   the GraphQL URL, e.g. http://localhost:4000/graphql
  --token TOKEN    or CREDITLENS_TOKEN      an admin key or an account API key
`;

const USAGE_HELP = `creditlens usage: the account's usage by workspace

Usage:
  creditlens usage --account ID [--period current|previous|YYYY-MM | --from DATE --to DATE]
                   [--as-of ISO] [--expand WORKSPACE_ID] [--series day|week|month] [--csv | --json]

An aligned table of the workspaces with their credits, shares and change against the comparison
window (the previous billing period, or the same length just before), and the total (default:
the current billing period).
  --period P       current, previous, or a calendar month YYYY-MM, in the account's time zone
  --from, --to     the window [from, to): an ISO instant (2026-10-01T00:00:00+02:00), or a plain
                   date (2026-10-01), read as local midnight in the account's time zone
  --as-of ISO      a ledger snapshot (an asOf printed before): the same numbers again
  --expand ID      adds that workspace's campaign rows with No campaign, at the same snapshot
  --series G       usage over time instead: one line per local day, week (from Monday) or month
                   with its credits (the expanded workspace's with --expand); with --csv the
                   server's series export (one line per workspace, campaign row and bucket)
  --csv            the server's CSV export (only the expanded workspace's rows with --expand)
  --json           the data as JSON

${CONNECTION_HELP}`;

const IMPORT_HELP = `creditlens import: record usage from a file

Usage:
  creditlens import FILE [--batch-size N]

FILE is NDJSON (one UsageEntryInput object per line; .ndjson, .jsonl) or CSV with the same column
names (.csv). Every line is checked before anything is sent; batches (default 1,000 entries, at
most 10,000 with --batch-size) are atomic and idempotent, so running it again after an interruption
records nothing twice. Progress and retries are reported on stderr.

${CONNECTION_HELP}`;

const BUDGETS_HELP = `creditlens budgets: budgets per billing period on the account, a workspace or a campaign

Usage:
  creditlens budgets set --account ID [--workspace ID] [--campaign ID] --credits N [--thresholds 50,80,100] [--json]
  creditlens budgets list --account ID [--json]
  creditlens budgets delete BUDGET_ID

  set      sets the budget of the account (no --workspace, no --campaign), a workspace or a
           campaign; a scope that has one gets it replaced, keeping its id and the threshold
           events already stored. --thresholds are whole percents 1 to 1,000 (default 50,80,100;
           "" for none). Needs the admin key or an API key with USAGE_WRITE for the account.
  list     the account's budgets: the account's first, then workspaces', then campaigns'
  delete   deletes one budget (exit code 1 when it does not exist or the token may not manage it)

${CONNECTION_HELP}`;

const WEBHOOKS_HELP = `creditlens webhooks: webhook endpoints and their deliveries (admin key)

Usage:
${WEBHOOKS_HELP_LINES}

  add URL          subscribe URL (https, public addresses; the server decides) to events: of one
                   account with --account, else of every account; --event budget.threshold_crossed
                   (the default; repeatable). Prints the endpoint id and its signing secret, once.
  list             every endpoint with its backlog: pending, due now, failed
  deliveries ID    the endpoint's delivery attempts, newest first (--limit, default 50)
  delete ID        removes the endpoint with its pending deliveries
  redeliver ID EVENT_ID   sends a failed (or delivered) event again, with 24 hours of retries

${CONNECTION_HELP}`;

const ENTRIES_HELP = `creditlens entries: the ledger entries behind a number

Usage:
  creditlens entries --account ID --period YYYY-MM [--workspace ID]
                     [--campaign ID | --no-campaign] [--as-of ISO] [--csv]

Every entry behind a row of the usage page, newest first (then by idempotency key), with the
row's entry count and credits, all at one snapshot: the account (no filter), a workspace, a
campaign, or a workspace's No campaign row (--workspace ID --no-campaign).
  --period P       current, previous, or a calendar month YYYY-MM, in the account's time zone
  --from, --to     any window instead, as for creditlens usage
  --as-of ISO      the asOf of the page whose numbers you check
  --csv            the server's CSV export of the same entries, streamed

${CONNECTION_HELP}`;

const CLOSE_PERIOD_HELP = `creditlens close-period: make a billing period's invoice final

Usage:
  creditlens close-period --account ID --period YYYY-MM

Closes an ended billing period (admin key only): its invoice is final from then on, and entries
dated in it are refused (corrections go into an open period). Closing it again answers the same.

${CONNECTION_HELP}`;

export const HELP = `creditlens: usage breakdowns and usage imports for Creditlens

Usage:
  creditlens usage --account ID [--period current|previous|YYYY-MM | --from DATE --to DATE]
                   [--as-of ISO] [--expand WORKSPACE_ID] [--series day|week|month] [--csv | --json]
  creditlens import FILE [--batch-size N]
  creditlens budgets set|list|delete …
${WEBHOOKS_HELP_LINES}
  creditlens entries --account ID --period YYYY-MM [--workspace ID] [--campaign ID | --no-campaign] [--csv]
  creditlens close-period --account ID --period YYYY-MM
  creditlens COMMAND --help     the options of one command
  creditlens --version

Commands:
  usage    The account's usage by workspace as an aligned table with the total (default: the
           current billing period). --period is current, previous or a calendar month YYYY-MM in
           the account's time zone; --from/--to take instants or plain dates (local midnight).
           --expand adds that workspace's campaign rows with No campaign, at the same snapshot
           (asOf). --csv prints the server's CSV export (only the expanded workspace's rows with
           --expand); --json prints the data as JSON. Rows show their change against the
           comparison window; --series day|week|month prints usage over time instead.
  import   Records usage from FILE: NDJSON (one UsageEntryInput object per line) or CSV with the
           same column names. Every line is checked before anything is sent; batches of at most
           10,000 entries are atomic and idempotent, so running it again after an interruption
           records nothing twice.
  budgets  Sets, lists and deletes budgets per billing period on the account, a workspace or a
           campaign (creditlens budgets --help).

  webhooks Webhook endpoints (admin key): add one for an account or every account (prints its
           signing secret once), list them with their backlog, list an endpoint's delivery
           attempts, delete one, redeliver a failed event.

  entries  The ledger entries behind a row (the account, --workspace, --campaign, or
           --no-campaign for No campaign) with the row's count and credits, at one snapshot;
           --csv streams the server's CSV of the same entries.
  close-period  Makes an ended billing period's invoice final (admin key); entries dated in it
           are refused from then on.

${CONNECTION_HELP}`;

const COMMAND_HELP: Readonly<Record<string, string>> = { usage: USAGE_HELP, import: IMPORT_HELP, budgets: BUDGETS_HELP, webhooks: WEBHOOKS_HELP, entries: ENTRIES_HELP, 'close-period': CLOSE_PERIOD_HELP };

/** Runs the command line; resolves to the exit code (0 done, 1 failed, 2 wrong use). */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let command: string | undefined;
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        endpoint: { type: 'string' },
        token: { type: 'string' },
        account: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        period: { type: 'string' },
        'as-of': { type: 'string' },
        expand: { type: 'string' },
        workspace: { type: 'string' },
        campaign: { type: 'string' },
        'no-campaign': { type: 'boolean' },
        csv: { type: 'boolean' },
        json: { type: 'boolean' },
        series: { type: 'string' },
        'batch-size': { type: 'string' },
        credits: { type: 'string' },
        thresholds: { type: 'string' },
        event: { type: 'string', multiple: true },
        limit: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
    const [first, ...rest] = positionals;
    command = first === 'help' ? rest[0] : first;
    if (values.version) {
      io.stdout.write(`creditlens ${VERSION}\n`);
      return 0;
    }
    if (values.help || first === 'help' || first === undefined) {
      io.stdout.write((command !== undefined && COMMAND_HELP[command]) || HELP);
      return first === undefined && !values.help ? 2 : 0;
    }
    if (!COMMAND_HELP[first]) throw new CommandLineError(`unknown command "${first}"; expected usage, import, budgets, webhooks, entries or close-period`);
    const client = connect(values.endpoint ?? io.env.CREDITLENS_ENDPOINT, values.token ?? io.env.CREDITLENS_TOKEN);
    client.onRetry = (notice) => io.stderr.write(retryLine(notice));
    if (first === 'usage') {
      if (rest.length > 0) throw new CommandLineError(`usage takes no positional arguments, got ${rest.join(' ')}`);
      await usageCommand(client, values, io);
      return 0;
    }
    if (first === 'budgets') return await budgetsCommand(client, rest, values, io);
    if (first === 'webhooks') return await webhooksCommand(client, rest, values, io);
    if (first === 'entries' || first === 'close-period') {
      if (rest.length > 0) throw new CommandLineError(`${first} takes no positional arguments, got ${rest.join(' ')}`);
      await (first === 'entries' ? entriesCommand(client, values, io) : closePeriodCommand(client, values, io));
      return 0;
    }
    if (rest.length !== 1) throw new CommandLineError('import takes exactly one FILE');
    return await importCommand(client, rest[0]!, values, io);
  } catch (error) {
    if (error instanceof CommandLineError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      const help = command !== undefined && COMMAND_HELP[command] ? `creditlens ${command} --help` : 'creditlens --help';
      io.stderr.write(`creditlens: ${(error as Error).message}\nRun ${help} for the options.\n`);
      return 2;
    }
    if (error instanceof CreditlensError) {
      io.stderr.write(`creditlens: ${error.code}: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

function connect(endpoint: string | undefined, token: string | undefined): CreditlensClient {
  if (!endpoint) throw new CommandLineError('no endpoint: set CREDITLENS_ENDPOINT or pass --endpoint (the GraphQL URL, e.g. http://localhost:4000/graphql)');
  if (!token) throw new CommandLineError('no token: set CREDITLENS_TOKEN or pass --token (an admin key or an account API key)');
  // "localhost:4000/graphql" parses as a URL of scheme "localhost:": ask for the scheme outright.
  if (!/^https?:\/\//i.test(endpoint)) {
    throw new CommandLineError(`the endpoint ${JSON.stringify(endpoint)} has no http:// or https:// scheme; the GraphQL URL looks like http://localhost:4000/graphql`);
  }
  try {
    return new CreditlensClient({ endpoint, token });
  } catch {
    throw new CommandLineError(`the endpoint ${JSON.stringify(endpoint)} is not a URL`);
  }
}
