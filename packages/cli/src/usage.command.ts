import { CreditlensError, type AccountPeriods, type CreditlensClient, type Granularity, type UsageWindowInput } from '@creditlens/client';
import { billingPeriodContaining, billingPeriodOf, startOfLocalDay } from '@creditlens/usage-math';
import { CommandLineError } from './command-line-error';
import type { CliIo } from './terminal';
import { parseCsv, csvField } from './csv';
import { seriesTable, usageTable } from './usage-table';

export interface UsageOptions {
  readonly account?: string;
  readonly from?: string;
  readonly to?: string;
  readonly period?: string;
  readonly 'as-of'?: string;
  readonly expand?: string;
  readonly csv?: boolean;
  readonly json?: boolean;
  readonly series?: string;
}

const SERIES: Readonly<Record<string, Granularity>> = { day: 'DAY', week: 'WEEK', month: 'MONTH' };

export async function usageCommand(client: CreditlensClient, options: UsageOptions, io: CliIo): Promise<void> {
  const accountId = options.account;
  if (!accountId) throw new CommandLineError('usage needs --account ID');
  if (options.csv && options.json) throw new CommandLineError('choose one of --csv and --json');
  if ((options.from === undefined) !== (options.to === undefined)) throw new CommandLineError('--from and --to go together');
  if (options.period !== undefined && options.from !== undefined) throw new CommandLineError('choose --period or --from/--to, not both');

  const granularity = options.series === undefined ? null : SERIES[options.series];
  if (granularity === undefined) throw new CommandLineError(`--series: expected day, week or month, got ${JSON.stringify(options.series)}`);

  const window = await chosenWindow(client, accountId, options);
  if (granularity) return seriesCommand(client, accountId, { window, asOf: options['as-of'], granularity }, options, io);
  const account = await client.getAccountComparison(accountId, { window, asOf: options['as-of'] });
  if (!account) throw notFound(accountId);
  const { usage } = account;

  if (options.csv) {
    // The server's export, at the same snapshot as the rows above would have been.
    const csv = await client.exportCsv(accountId, usage.window, { asOf: usage.asOf });
    io.stdout.write(options.expand ? onlyWorkspace(csv, options.expand) : csv);
    return;
  }

  // The page's asOf, so the campaign rows add up to the workspace row printed above them.
  const expanded = options.expand ? await client.getWorkspaceCampaignSeries(options.expand, usage.window, { asOf: usage.asOf }) : null;
  if (options.expand && !expanded) {
    throw new CreditlensError('NOT_FOUND', `workspace "${options.expand}" has no usage in this window, or this token may not see it`, undefined);
  }
  if (options.json) {
    io.stdout.write(`${JSON.stringify({ ...account, expanded }, null, 2)}\n`);
    return;
  }
  io.stdout.write(usageTable(account, expanded));
}

/** --series: the buckets of the account (or of the expanded workspace) as a table, the series CSV, or JSON. */
async function seriesCommand(
  client: CreditlensClient,
  accountId: string,
  read: { window: UsageWindowInput | undefined; asOf: string | undefined; granularity: Granularity },
  options: UsageOptions,
  io: CliIo,
): Promise<void> {
  const account = await client.getAccountSeries(accountId, read);
  if (!account) throw notFound(accountId);
  const { usage } = account;
  if (options.csv) {
    const csv = await client.exportSeriesCsv(accountId, usage.window, { asOf: usage.asOf, granularity: read.granularity });
    io.stdout.write(options.expand ? onlyWorkspace(csv, options.expand) : csv);
    return;
  }
  const expanded = options.expand ? await client.getWorkspaceCampaignSeries(options.expand, usage.window, { asOf: usage.asOf, granularity: read.granularity }) : null;
  if (options.expand && !expanded) {
    throw new CreditlensError('NOT_FOUND', `workspace "${options.expand}" has no usage in this window, or this token may not see it`, undefined);
  }
  io.stdout.write(options.json ? `${JSON.stringify({ ...account, expanded }, null, 2)}\n` : seriesTable(account, expanded, read.granularity));
}

const PLAIN_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The window the flags name: --period (current, previous, YYYY-MM) or --from/--to, in the account's zone. */
export async function chosenWindow(client: CreditlensClient, accountId: string, options: Pick<UsageOptions, 'from' | 'to' | 'period'>): Promise<UsageWindowInput | undefined> {
  const { from, to, period } = options;
  const needsZone = period !== undefined || (from !== undefined && PLAIN_DATE.test(from)) || (to !== undefined && PLAIN_DATE.test(to));
  if (!needsZone) return from !== undefined && to !== undefined ? { from, to } : undefined;
  const account = await client.getAccountPeriods(accountId);
  if (!account) throw notFound(accountId);
  return windowFor(account, options);
}

/** The window of --from/--to or --period in the zone of an account already read. */
export function windowFor(account: AccountPeriods, options: Pick<UsageOptions, 'from' | 'to' | 'period'>): UsageWindowInput {
  const { from, to, period } = options;
  const zone = account.timezone;
  if (from !== undefined && to !== undefined) return { from: instantOf('--from', from, zone), to: instantOf('--to', to, zone) };
  if (period === 'current') return account.currentPeriod;
  // The period before the current one: the month that contains the last instant before it.
  if (period === 'previous') return isoWindow(billingPeriodContaining(new Date(Date.parse(account.currentPeriod.from) - 1), zone));
  try {
    return isoWindow(billingPeriodOf(period!, zone));
  } catch (error) {
    throw new CommandLineError(`--period: expected current, previous or a month as YYYY-MM, got ${JSON.stringify(period)} (${(error as Error).message})`, 'usage');
  }
}

/** A plain date is local midnight in the account's zone; anything else goes to the server as given. */
function instantOf(flag: string, value: string, zone: string): string {
  if (!PLAIN_DATE.test(value)) return value;
  try {
    return startOfLocalDay(value, zone).toISOString();
  } catch (error) {
    throw new CommandLineError(`${flag}: ${(error as Error).message}`, 'usage');
  }
}

function isoWindow(window: { from: Date; to: Date }): UsageWindowInput {
  return { from: window.from.toISOString(), to: window.to.toISOString() };
}

export function notFound(accountId: string): CreditlensError {
  return new CreditlensError('NOT_FOUND', `no account "${accountId}" for this token (it does not exist, or the token may not see it)`, undefined);
}

/** The export's header and the rows of one workspace, re-encoded as RFC 4180. */
function onlyWorkspace(csv: string, workspaceId: string): string {
  const [header, ...rows] = parseCsv(csv);
  const keep = [header!, ...rows.filter((row) => row.fields[0] === workspaceId)];
  return keep.map((row) => `${row.fields.map(csvField).join(',')}\r\n`).join('');
}
