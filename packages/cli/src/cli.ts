import { parseArgs } from 'node:util';
import { CreditlensClient, CreditlensError } from '@creditlens/client';
import { importCommand } from './import.command';
import type { ProgressStream } from './progress';
import { usageCommand } from './usage.command';

export interface CliIo {
  readonly stdout: ProgressStream;
  readonly stderr: ProgressStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  readFile(path: string): Promise<string>;
}

/** Wrong use of the command line: printed with a hint at --help, exit code 2. */
export class UsageError extends Error {}

export const HELP = `creditlens: usage breakdowns and usage imports for Creditlens

Usage:
  creditlens usage --account ID [--from ISO --to ISO | --period YYYY-MM] [--as-of ISO]
                   [--expand WORKSPACE_ID] [--csv | --json]
  creditlens import FILE [--batch-size N]

Commands:
  usage    The account's usage by workspace as an aligned table with the total (default: the
           current billing period). --period YYYY-MM is a calendar month in the account's time
           zone. --expand adds that workspace's campaign rows with No campaign, at the same
           snapshot (asOf). --csv prints the server's CSV export (only the expanded workspace's
           rows with --expand); --json prints the data as JSON.
  import   Records usage from FILE: NDJSON (one UsageEntryInput object per line) or CSV with the
           same column names. Every line is checked before anything is sent; batches of at most
           10,000 entries are atomic and idempotent, so running it again after an interruption
           records nothing twice.

Connection (flags win over the environment):
  --endpoint URL   or CREDITLENS_ENDPOINT   the GraphQL URL, e.g. http://localhost:4000/graphql
  --token TOKEN    or CREDITLENS_TOKEN      an admin key or an account API key
`;

/** Runs the command line; resolves to the exit code (0 done, 1 failed, 2 wrong use). */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
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
        csv: { type: 'boolean' },
        json: { type: 'boolean' },
        'batch-size': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    const [command, ...rest] = positionals;
    if (values.help || command === undefined || command === 'help') {
      io.stdout.write(HELP);
      return command === undefined && !values.help ? 2 : 0;
    }
    const client = connect(values.endpoint ?? io.env.CREDITLENS_ENDPOINT, values.token ?? io.env.CREDITLENS_TOKEN);
    if (command === 'usage') {
      if (rest.length > 0) throw new UsageError(`usage takes no positional arguments, got ${rest.join(' ')}`);
      await usageCommand(client, values, io);
      return 0;
    }
    if (command === 'import') {
      if (rest.length !== 1) throw new UsageError('import takes exactly one FILE');
      return await importCommand(client, rest[0]!, values, io);
    }
    throw new UsageError(`unknown command "${command}"; expected usage or import`);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr.write(`creditlens: ${(error as Error).message}\nRun creditlens --help for the options.\n`);
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
  if (!endpoint) throw new UsageError('no endpoint: set CREDITLENS_ENDPOINT or pass --endpoint (the GraphQL URL, e.g. http://localhost:4000/graphql)');
  if (!token) throw new UsageError('no token: set CREDITLENS_TOKEN or pass --token (an admin key or an account API key)');
  try {
    return new CreditlensClient({ endpoint, token });
  } catch {
    throw new UsageError(`the endpoint ${JSON.stringify(endpoint)} is not a URL`);
  }
}
