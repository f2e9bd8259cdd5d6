import { CreditlensError, type CreditlensClient, type UsageWindowInput } from '@creditlens/client';
import { billingPeriodOf } from '@creditlens/usage-math';
import { UsageError, type CliIo } from './cli';
import { parseCsv, csvField } from './csv';
import { usageTable } from './usage-table';

export interface UsageOptions {
  readonly account?: string;
  readonly from?: string;
  readonly to?: string;
  readonly period?: string;
  readonly 'as-of'?: string;
  readonly expand?: string;
  readonly csv?: boolean;
  readonly json?: boolean;
}

export async function usageCommand(client: CreditlensClient, options: UsageOptions, io: CliIo): Promise<void> {
  const accountId = options.account;
  if (!accountId) throw new UsageError('usage needs --account ID');
  if (options.csv && options.json) throw new UsageError('choose one of --csv and --json');
  if ((options.from === undefined) !== (options.to === undefined)) throw new UsageError('--from and --to go together');
  if (options.period !== undefined && options.from !== undefined) throw new UsageError('choose --period or --from/--to, not both');

  const window = await chosenWindow(client, accountId, options);
  const account = await client.getAccountUsage(accountId, { window, asOf: options['as-of'] });
  if (!account) throw notFound(accountId);
  const { usage } = account;

  if (options.csv) {
    // The server's export, at the same snapshot as the rows above would have been.
    const csv = await client.exportCsv(accountId, usage.window, { asOf: usage.asOf });
    io.stdout.write(options.expand ? onlyWorkspace(csv, options.expand) : csv);
    return;
  }

  // The page's asOf, so the campaign rows add up to the workspace row printed above them.
  const expanded = options.expand ? await client.getWorkspaceCampaigns(options.expand, usage.window, { asOf: usage.asOf }) : null;
  if (options.expand && !expanded) {
    throw new CreditlensError('NOT_FOUND', `workspace "${options.expand}" has no usage in this window, or this token may not see it`, undefined);
  }
  if (options.json) {
    io.stdout.write(`${JSON.stringify({ ...account, expanded }, null, 2)}\n`);
    return;
  }
  io.stdout.write(usageTable(account, expanded));
}

async function chosenWindow(client: CreditlensClient, accountId: string, options: UsageOptions): Promise<UsageWindowInput | undefined> {
  if (options.from !== undefined && options.to !== undefined) return { from: options.from, to: options.to };
  if (options.period === undefined) return undefined;
  const account = await client.getAccountPeriods(accountId);
  if (!account) throw notFound(accountId);
  try {
    const period = billingPeriodOf(options.period, account.timezone);
    return { from: period.from.toISOString(), to: period.to.toISOString() };
  } catch (error) {
    throw new UsageError(`--period: ${(error as Error).message}`);
  }
}

function notFound(accountId: string): CreditlensError {
  return new CreditlensError('NOT_FOUND', `no account "${accountId}" for this token (it does not exist, or the token may not see it)`, undefined);
}

/** The export's header and the rows of one workspace, re-encoded as RFC 4180. */
function onlyWorkspace(csv: string, workspaceId: string): string {
  const [header, ...rows] = parseCsv(csv);
  const keep = [header!, ...rows.filter((row) => row.fields[0] === workspaceId)];
  return keep.map((row) => `${row.fields.map(csvField).join(',')}\r\n`).join('');
}
