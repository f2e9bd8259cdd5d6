#!/usr/bin/env node
/**
 * partner-report ACCOUNT_ID [--period YYYY-MM] [--format text|csv|json]
 * with CREDITLENS_ENDPOINT (the GraphQL URL) and CREDITLENS_TOKEN (an API key with USAGE_READ).
 */
import { parseArgs } from 'node:util';
import { CreditlensClient, CreditlensError } from '@creditlens/client';
import { FORMATS, render, type Format } from './formats.js';
import { partnerReport } from './report.js';

const USAGE = 'usage: CREDITLENS_ENDPOINT=… CREDITLENS_TOKEN=… partner-report ACCOUNT_ID [--period YYYY-MM] [--format text|csv|json]\n';

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { period: { type: 'string' }, format: { type: 'string', default: 'text' } } });
  } catch (error) {
    process.stderr.write(`partner-report: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const [accountId, ...extra] = parsed.positionals;
  const { CREDITLENS_ENDPOINT: endpoint, CREDITLENS_TOKEN: token } = process.env;
  const format = parsed.values.format as Format;
  const problem = !accountId || extra.length > 0 ? 'expected one ACCOUNT_ID' : !FORMATS.includes(format) ? `--format: expected text, csv or json, got ${JSON.stringify(format)}` : !endpoint || !token ? 'set CREDITLENS_ENDPOINT and CREDITLENS_TOKEN' : undefined;
  if (problem) {
    process.stderr.write(`partner-report: ${problem}\n${USAGE}`);
    return 2;
  }
  const client = new CreditlensClient({ endpoint: endpoint!, token: token! });
  client.onRetry = (notice) => process.stderr.write(`${notice.reason}: retry ${notice.retry}/${notice.retries} in ${(notice.delayMs / 1000).toFixed(1)} s\n`);
  try {
    const report = await partnerReport(client, accountId!, parsed.values.period === undefined ? {} : { period: parsed.values.period });
    process.stdout.write(render(report, format));
    return 0;
  } catch (error) {
    if (error instanceof CreditlensError) process.stderr.write(`partner-report: ${error.code}: ${error.message}\n`);
    else if (error instanceof RangeError) process.stderr.write(`partner-report: --period: ${error.message}\n`);
    else throw error;
    return error instanceof RangeError ? 2 : 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
