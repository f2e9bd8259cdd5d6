import type { CreditlensClient } from '@creditlens/client';
import { lastBillingPeriods } from '@creditlens/usage-math';

const credits = new Intl.NumberFormat('en-US');
const percent = (value: number | null) => (value === null ? '–' : `${value.toFixed(1)} %`);

/**
 * Last month's chargeback report of an agency account: one section per client workspace with
 * its campaigns (No campaign included), its credits and its share of the account's bill.
 */
export async function chargebackReport(client: CreditlensClient, accountId: string, now = new Date()): Promise<string> {
  const account = await client.getAccountPeriods(accountId);
  if (!account) throw new Error(`no account "${accountId}" for this token`);

  // Last month is a calendar month in the account's time zone: the period before the current one.
  const [, lastMonth] = lastBillingPeriods(now, account.timezone, 2);
  const window = { from: lastMonth!.from.toISOString(), to: lastMonth!.to.toISOString() };
  const month = new Intl.DateTimeFormat('en-US', { timeZone: account.timezone, month: 'long', year: 'numeric' }).format(lastMonth!.from);

  const usage = (await client.getAccountUsage(accountId, { window }))!.usage;
  // Every section reads the same snapshot (asOf), so the sections add up to the bill exactly.
  const sections = await Promise.all(
    usage.workspaces.map(async (row) => {
      const detail = (await client.getWorkspaceCampaigns(row.workspace.id, window, { asOf: usage.asOf }))!;
      const width = Math.max(...detail.campaigns.map((campaign) => campaign.label.length));
      return [
        `## ${row.workspace.name}: ${credits.format(row.credits)} credits, ${percent(row.percent)} of the bill`,
        '',
        ...detail.campaigns.map((campaign) => `  ${campaign.label.padEnd(width)}  ${credits.format(campaign.credits).padStart(9)}  ${percent(campaign.percent).padStart(7)}`),
      ].join('\n');
    }),
  );

  return [
    `# ${account.name}: chargeback report for ${month}`,
    '',
    `Bill: ${credits.format(usage.totalCredits)} credits. Campaign percentages are of their client's credits.`,
    '',
    sections.join('\n\n'),
    '',
  ].join('\n');
}
