import type { BudgetInfo, CreditlensClient } from '@creditlens/client';
import { CommandLineError } from './command-line-error';
import type { CliIo } from './terminal';
import { formatCredits } from './usage-table';
import { columnsOf } from './columns';

export interface BudgetsOptions {
  readonly account?: string;
  readonly workspace?: string;
  readonly campaign?: string;
  readonly credits?: string;
  readonly thresholds?: string;
  readonly json?: boolean;
}

/** `creditlens budgets set|list|delete`: resolves to the exit code. */
export async function budgetsCommand(client: CreditlensClient, args: readonly string[], options: BudgetsOptions, io: CliIo): Promise<number> {
  const [action, ...rest] = args;
  switch (action) {
    case 'set': {
      noMore('set', rest);
      const budget = await client.setBudget({
        accountId: required(options.account, '--account ID'),
        workspaceId: options.workspace ?? null,
        campaignId: options.campaign ?? null,
        creditsPerPeriod: wholeNumber('--credits', required(options.credits, '--credits N')),
        thresholds: options.thresholds === undefined ? null : thresholdList(options.thresholds),
      });
      io.stdout.write(options.json ? `${JSON.stringify(budget, null, 2)}\n` : budgetsTable([budget]));
      return 0;
    }
    case 'list': {
      noMore('list', rest);
      const accountId = required(options.account, '--account ID');
      const budgets = await client.listBudgets(accountId);
      if (budgets === null) {
        io.stderr.write(`creditlens: account "${accountId}" does not exist, or this token may not see it\n`);
        return 1;
      }
      io.stdout.write(options.json ? `${JSON.stringify(budgets, null, 2)}\n` : budgets.length === 0 ? 'No budgets.\n' : budgetsTable(budgets));
      return 0;
    }
    case 'delete': {
      if (rest.length !== 1) throw new CommandLineError('budgets delete takes exactly one budget ID', 'budgets');
      if (await client.deleteBudget(rest[0]!)) {
        io.stdout.write(`Deleted budget ${rest[0]}.\n`);
        return 0;
      }
      io.stderr.write(`creditlens: budget "${rest[0]}" does not exist, or this token may not manage it\n`);
      return 1;
    }
    default:
      throw new CommandLineError(`budgets: expected set, list or delete, got ${action === undefined ? 'nothing' : JSON.stringify(action)}`, 'budgets');
  }
}

function noMore(action: string, rest: readonly string[]): void {
  if (rest.length > 0) throw new CommandLineError(`budgets ${action} takes no positional arguments, got ${rest.join(' ')}`, 'budgets');
}

function required(value: string | undefined, flag: string): string {
  if (value === undefined) throw new CommandLineError(`this budgets command needs ${flag}`, 'budgets');
  return value;
}

function wholeNumber(flag: string, value: string): number {
  // The server checks the range; only what is not a whole number at all is caught here.
  if (!/^-?\d+$/.test(value.trim())) throw new CommandLineError(`${flag}: expected a whole number of credits, got ${JSON.stringify(value)}`, 'budgets');
  return Number(value);
}

/** "50,80,100" (spaces allowed); "" for a budget without thresholds. */
function thresholdList(value: string): number[] {
  if (value.trim() === '') return [];
  return value.split(',').map((part) => {
    if (!/^\d+$/.test(part.trim())) throw new CommandLineError(`--thresholds: expected whole percents separated by commas (e.g. 50,80,100), got ${JSON.stringify(value)}`, 'budgets');
    return Number(part);
  });
}

/** An aligned table: id, scope, credits per period, thresholds. */
export function budgetsTable(budgets: readonly BudgetInfo[]): string {
  const rows = [
    ['ID', 'SCOPE', 'CREDITS/PERIOD', 'THRESHOLDS'],
    ...budgets.map((budget) => [
      budget.id,
      budget.campaign ? `campaign ${budget.campaign.name} (${budget.campaign.id}) in ${budget.workspace!.id}` : budget.workspace ? `workspace ${budget.workspace.name} (${budget.workspace.id})` : 'account',
      formatCredits(budget.creditsPerPeriod),
      budget.thresholds.map((threshold) => `${threshold} %`).join(', ') || '-',
    ]),
  ];
  const columns = columnsOf(rows, (column) => (column === 2 ? 'right' : 'left'));
  return rows.map(columns.render).join('\n') + '\n';
}
