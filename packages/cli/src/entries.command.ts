import { CreditlensError, type CreditlensClient, type UsageEntryFilter } from '@creditlens/client';
import { formatLocalMinute } from '@creditlens/usage-math';
import { CommandLineError } from './command-line-error';
import type { CliIo } from './terminal';
import { notFound, windowFor } from './usage.command';
import { formatCredits } from './usage-table';
import { columnsOf } from './columns';

export interface EntriesCommandOptions {
  readonly account?: string;
  readonly period?: string;
  readonly from?: string;
  readonly to?: string;
  readonly 'as-of'?: string;
  readonly workspace?: string;
  readonly campaign?: string;
  readonly 'no-campaign'?: boolean;
  readonly csv?: boolean;
}

/**
 * `creditlens entries`: the ledger entries behind a row (the account, --workspace, --campaign, or
 * --no-campaign), newest first, page after page at one asOf, as an aligned table with the row's
 * totals; --csv prints the server's streamed export of the same entries.
 */
export async function entriesCommand(client: CreditlensClient, options: EntriesCommandOptions, io: CliIo): Promise<void> {
  const accountId = options.account;
  if (!accountId) throw new CommandLineError('entries needs --account ID');
  if (options.campaign !== undefined && options['no-campaign']) throw new CommandLineError('choose --campaign ID or --no-campaign, not both');
  if (options.period === undefined && (options.from === undefined || options.to === undefined)) throw new CommandLineError('entries needs --period YYYY-MM (or current, previous), or --from and --to');
  const account = await client.getAccountPeriods(accountId);
  if (!account) throw notFound(accountId);
  const window = windowFor(account, options);
  const filter: UsageEntryFilter = {
    ...(options.workspace !== undefined ? { workspaceId: options.workspace } : {}),
    ...(options.campaign !== undefined ? { campaignId: options.campaign } : {}),
    ...(options['no-campaign'] ? { noCampaign: true } : {}),
  };
  if (options.csv) {
    for await (const chunk of client.streamEntriesCsv(accountId, window, { asOf: options['as-of'], filter })) io.stdout.write(chunk);
    return;
  }
  const zone = account.timezone;
  const rows: string[][] = [['Occurred at', 'Kind', 'Credits', 'Workspace', 'Campaign', 'Idempotency key']];
  let totals: { count: number; credits: number; asOf: string } | null = null;
  for await (const page of client.listEntries(accountId, window, { asOf: options['as-of'], filter, pageSize: 500 })) {
    totals = { count: page.totalCount, credits: page.totalCredits, asOf: page.asOf };
    for (const { node } of page.edges) {
      rows.push([formatLocalMinute(node.occurredAt, zone), node.kind, formatCredits(node.credits), node.workspace.id, node.campaign?.id ?? '(no campaign)', node.idempotencyKey]);
    }
  }
  if (!totals) throw new CreditlensError('NOT_FOUND', `no account "${accountId}" for this token`, undefined);
  const { render, rule } = columnsOf(rows, (column) => (column === 2 ? 'right' : 'left'));
  const lines = [
    `${account.name} (${account.id}): ${formatLocalMinute(window.from, zone)} to ${formatLocalMinute(window.to, zone)} ${zone}, as of ${totals.asOf}`,
    '',
    render(rows[0]!),
    rule,
    ...rows.slice(1).map(render),
    '',
    `${totals.count.toLocaleString('en-US')} ${totals.count === 1 ? 'entry' : 'entries'}, ${formatCredits(totals.credits)} credits (occurred at in ${zone}).`,
  ];
  io.stdout.write(`${lines.join('\n')}\n`);
}

export interface ClosePeriodOptions {
  readonly account?: string;
  readonly period?: string;
}

/** `creditlens close-period`: makes an ended billing period's invoice final (admin key). */
export async function closePeriodCommand(client: CreditlensClient, options: ClosePeriodOptions, io: CliIo): Promise<void> {
  const accountId = options.account;
  if (!accountId) throw new CommandLineError('close-period needs --account ID');
  if (options.period === undefined || !/^\d{4}-\d{2}$/.test(options.period)) throw new CommandLineError('close-period needs --period YYYY-MM, a calendar month in the account\'s time zone');
  const account = await client.getAccountPeriods(accountId);
  if (!account) throw notFound(accountId);
  const period = windowFor(account, { period: options.period });
  const invoice = await client.closeBillingPeriod(accountId, period);
  io.stdout.write(
    `Closed ${options.period} of ${account.name} (${account.id}): ${formatCredits(invoice.totalCredits)} credits, final as of ${invoice.asOf} (closed ${invoice.closedAt}).\n` +
      'Entries dated in this period are refused from now on: record corrections in an open period.\n',
  );
}
