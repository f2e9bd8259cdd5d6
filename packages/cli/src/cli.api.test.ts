import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeEachDatabase } from '../../../server/src/testing/test-databases';
import { startTestServer, TEST_ADMIN_KEY, type TestServer } from '../../../server/src/testing/test-server';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { billingPeriodContaining } from '@creditlens/usage-math';
import { PAGE_QUERY, record, upsertCatalog, JUNE_2026 } from '../../../server/src/testing/operations';
import cliPackage from '../package.json';

const BIN = path.resolve(__dirname, '../bin/creditlens.js');

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real `creditlens` bin as a subprocess (async: the test server lives in this process). */
function creditlens(server: TestServer | null, args: string[], env: Record<string, string> = {}): Promise<Run> {
  const connection = server ? { CREDITLENS_ENDPOINT: `${server.url}/graphql`, CREDITLENS_TOKEN: TEST_ADMIN_KEY } : {};
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH, ...connection, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'creditlens-cli-'));
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const target = path.join(folder, name);
  fs.writeFileSync(target, content);
  return target;
}

const ndjson = (entries: Array<Record<string, unknown>>) => `${entries.map((e) => JSON.stringify(e)).join('\n')}\n`;

const usageEntry = (key: string, fields: Record<string, unknown> = {}) => ({
  idempotencyKey: key,
  accountId: 'acct_cli',
  workspaceId: 'ws_imp',
  kind: 'LEAD_FINDING',
  credits: 10,
  occurredAt: '2026-06-12T08:00:00Z',
  ...fields,
});

describe('creditlens without a connection', () => {
  it('says which variable is missing and exits 2', async () => {
    const run = await creditlens(null, ['usage', '--account', 'acct_cli']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no endpoint: set CREDITLENS_ENDPOINT or pass --endpoint');
  });

  it('prints its version', async () => {
    const run = await creditlens(null, ['--version']);
    expect(run).toEqual({ code: 0, stdout: `creditlens ${cliPackage.version}\n`, stderr: '' });
  });

  it('prints the help of one command with COMMAND --help and help COMMAND', async () => {
    for (const args of [['usage', '--help'], ['help', 'usage']]) {
      const run = await creditlens(null, args);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^creditlens usage: the account's usage by workspace\n/);
      expect(run.stdout).toContain('--period P       current, previous, or a calendar month YYYY-MM');
    }
    expect((await creditlens(null, ['import', '-h'])).stdout).toMatch(/^creditlens import: record usage from a file\n/);
  });

  it('refuses an endpoint without a scheme at once, pointing at the command help', async () => {
    const run = await creditlens(null, ['usage', '--account', 'a'], { CREDITLENS_ENDPOINT: 'localhost:4000/graphql', CREDITLENS_TOKEN: 't' });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'creditlens: the endpoint "localhost:4000/graphql" has no http:// or https:// scheme; the GraphQL URL looks like http://localhost:4000/graphql\nRun creditlens usage --help for the options.\n',
    );
  });
});

describe('creditlens import of a large file', () => {
  it('reads it as a stream: a 60 MB file is checked in a 32 MB heap, where reading it whole runs out of memory', async () => {
    // 60 MB of valid entries and a broken last line: the check reads every line and sends nothing.
    const target = path.join(folder, 'large.ndjson');
    const lines = Array.from({ length: 1_000 }, (_, i) => JSON.stringify(usageEntry(`large-${i}-${'x'.repeat(40)}`))).join('\n');
    const fd = fs.openSync(target, 'w');
    let lineCount = 0;
    for (let written = 0; written < 60_000_000; written += lines.length + 1, lineCount += 1_000) fs.writeSync(fd, `${lines}\n`);
    fs.writeSync(fd, '{"broken\n');
    fs.closeSync(fd);
    const run = await creditlens(null, ['import', target], { CREDITLENS_ENDPOINT: 'http://127.0.0.1:9/graphql', CREDITLENS_TOKEN: 't', NODE_OPTIONS: '--max-old-space-size=32' });
    fs.rmSync(target);
    expect(run.stderr).toBe(`large.ndjson:${lineCount + 1}: (line): not valid JSON: Unterminated string in JSON at position 8\nNothing was recorded: fix the lines above and run the import again.\n`);
    expect(run.code).toBe(1);
  }, 60_000);
});

describe('creditlens against a URL that is not the GraphQL endpoint, or a busy server', () => {
  let sent = 0;
  const http = createServer((request, response) => {
    sent++;
    if (request.url === '/busy/graphql' && sent === 1) {
      response.writeHead(503, { 'content-type': 'application/json', 'retry-after': '0' });
      response.end(JSON.stringify({ errors: [{ message: 'busy', extensions: { code: 'SERVER_BUSY' } }] }));
    } else if (request.url === '/busy/graphql') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ data: { account: null } }));
    } else {
      response.writeHead(request.url === '/' ? 200 : 404, { 'content-type': 'text/html' });
      response.end('<!doctype html><title>Billing</title>');
    }
  });
  let origin = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => http.close(() => resolve())));

  it('reports a page or a 404 as "not a Creditlens GraphQL URL" after one request', async () => {
    for (const url of [`${origin}/`, `${origin}/nope`]) {
      sent = 0;
      const run = await creditlens(null, ['usage', '--account', 'a'], { CREDITLENS_ENDPOINT: url, CREDITLENS_TOKEN: 't' });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(new RegExp(`^creditlens: NOT_GRAPHQL_ENDPOINT: ${url.replace(/[.]/g, '\\.')} is not a Creditlens GraphQL URL \\(HTTP (200|404), an HTML page\\)`));
      expect(sent).toBe(1);
    }
  });

  it('announces a retry on stderr', async () => {
    sent = 0;
    const run = await creditlens(null, ['usage', '--account', 'a'], { CREDITLENS_ENDPOINT: `${origin}/busy/graphql`, CREDITLENS_TOKEN: 't' });
    expect(run.stderr).toMatch(/^HTTP 503: retry 1\/5 in \d\.\d s\n/);
    expect(run.stderr).toContain('no account "a" for this token');
    expect(sent).toBe(2);
  });
});

describeEachDatabase('the creditlens command against a real server', (kind) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(kind);
    await upsertCatalog(server, {
      accountId: 'acct_cli',
      timezone: 'Europe/Berlin',
      workspaces: [
        { id: 'ws_big', name: 'Acme Robotics', campaigns: [{ id: 'cmp_q3', name: 'Q3 Outbound' }, { id: 'cmp_fair', name: 'Trade Fair' }] },
        { id: 'ws_small', name: 'Globex' },
        { id: 'ws_imp', name: 'Imports', campaigns: [{ id: 'cmp_imp', name: 'Imported' }] },
      ],
    });
    const base = { accountId: 'acct_cli' };
    const recorded = await record(server, [
      { ...base, key: 'u1', workspaceId: 'ws_big', campaignId: 'cmp_q3', credits: 21_000 },
      { ...base, key: 'u2', workspaceId: 'ws_big', campaignId: 'cmp_fair', credits: 4_500 },
      { ...base, key: 'u3', workspaceId: 'ws_big', credits: 2_500 },
      { ...base, key: 'u4', workspaceId: 'ws_small', credits: 1_234 },
      // 00:30 on 1 July in Berlin: July for the account, although still June in UTC.
      { ...base, key: 'u5', workspaceId: 'ws_small', credits: 999, occurredAt: '2026-06-30T22:30:00Z' },
    ]);
    expect(recorded.errors).toBeUndefined();
  });
  afterAll(() => server.stop());

  it('prints the workspace rows and the total as an aligned table with thousands grouped', async () => {
    const run = await creditlens(server, ['usage', '--account', 'acct_cli', '--from', JUNE_2026.from, '--to', JUNE_2026.to]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout.split('\n').slice(2, 8)).toEqual([
      'Workspace      Credits    Share  Change',
      '---------------------------------------',
      'Acme Robotics   28,000   95.8 %     new',
      'Globex           1,234    4.2 %     new',
      '---------------------------------------',
      'Total           29,234  100.0 %     new',
    ]);
    expect(run.stdout).toContain('Change against 2026-05-01 00:00 to 2026-06-01 00:00 Europe/Berlin, at the same asOf.');
  });

  it('takes --period as a calendar month in the account time zone', async () => {
    const run = await creditlens(server, ['usage', '--account', 'acct_cli', '--period', '2026-07']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('2026-07-01 00:00 to 2026-08-01 00:00 Europe/Berlin');
    // Against June: Globex had 1,234 credits (19 % more), the account 29,234.
    expect(run.stdout).toMatch(/^Globex\s+999\s+100\.0 %\s+-19 %$/m);
    expect(run.stdout).toMatch(/^Total\s+999\s+100\.0 %\s+-97 %$/m);
  });

  it('takes plain dates for --from and --to as local midnight in the account time zone', async () => {
    const run = await creditlens(server, ['usage', '--account', 'acct_cli', '--from', '2026-06-01', '--to', '2026-07-01', '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).usage.window).toEqual(JUNE_2026);
    const bad = await creditlens(server, ['usage', '--account', 'acct_cli', '--from', '2026-06-31', '--to', '2026-07-01']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`--from: expected a date as 'YYYY-MM-DD' (for example '2026-10-01'), got "2026-06-31"`);
  });

  it('takes --period current and previous, the billing periods of today in the account time zone', async () => {
    const current = billingPeriodContaining(new Date(), 'Europe/Berlin');
    const previous = billingPeriodContaining(new Date(current.from.getTime() - 1), 'Europe/Berlin');
    const base = { accountId: 'acct_cli', workspaceId: 'ws_small' };
    const recorded = await record(server, [
      { ...base, key: 'now1', credits: 77, occurredAt: new Date(current.from.getTime() + 1_000).toISOString() },
      { ...base, key: 'prev1', credits: 55, occurredAt: new Date(current.from.getTime() - 1_000).toISOString() },
    ]);
    expect(recorded.errors).toBeUndefined();
    const windows = [];
    for (const period of ['current', 'previous']) {
      const run = await creditlens(server, ['usage', '--account', 'acct_cli', '--period', period, '--json']);
      expect(run.code).toBe(0);
      windows.push([JSON.parse(run.stdout).usage.window, JSON.parse(run.stdout).usage.totalCredits]);
    }
    expect(windows).toEqual([
      [{ from: current.from.toISOString(), to: current.to.toISOString() }, 77],
      [{ from: previous.from.toISOString(), to: previous.to.toISOString() }, 55],
    ]);
  });

  it('expands a workspace into its campaign rows with No campaign, adding up to the workspace', async () => {
    const run = await creditlens(server, ['usage', '--account', 'acct_cli', '--period', '2026-06', '--expand', 'ws_big']);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n').slice(4, 9)).toEqual([
      'Acme Robotics   28,000   95.8 %     new',
      '  Q3 Outbound   21,000   75.0 %     new',
      '  Trade Fair     4,500   16.1 %     new',
      '  No campaign    2,500    8.9 %     new',
      'Globex           1,234    4.2 %     new',
    ]);
  });

  it('prints usage over time with --series: one line per local day, zeros included, and the total', async () => {
    const run = await creditlens(server, ['usage', '--account', 'acct_cli', '--period', '2026-06', '--series', 'day']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const lines = run.stdout.split('\n');
    expect(lines.slice(2, 5)).toEqual(['Day         Credits', '-------------------', '2026-06-01        0']);
    expect(lines).toContain('2026-06-10   29,234');
    expect(lines.filter((line) => /^2026-06-\d\d /.test(line))).toHaveLength(30);
    expect(lines).toContain('Total        29,234');
    const expanded = await creditlens(server, ['usage', '--account', 'acct_cli', '--period', '2026-06', '--series', 'week', '--expand', 'ws_small']);
    expect(expanded.stdout).toMatch(/^Week \(from Monday\)\s+Globex$/m);
    expect(expanded.stdout).toMatch(/^2026-06-08\s+1,234$/m);
    const bad = await creditlens(server, ['usage', '--account', 'acct_cli', '--series', 'year']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--series: expected day, week or month, got "year"');
  });

  it('prints the server series CSV with --series --csv, and the series as JSON with --json', async () => {
    const csv = await creditlens(server, ['usage', '--account', 'acct_cli', '--period', '2026-06', '--series', 'month', '--csv', '--expand', 'ws_big']);
    expect(csv.stdout.split('\r\n')).toEqual([
      'workspace_id,workspace_name,campaign_id,campaign_name,from,to,credits',
      'ws_big,Acme Robotics,cmp_q3,Q3 Outbound,2026-05-31T22:00:00.000Z,2026-06-30T22:00:00.000Z,21000',
      'ws_big,Acme Robotics,cmp_fair,Trade Fair,2026-05-31T22:00:00.000Z,2026-06-30T22:00:00.000Z,4500',
      'ws_big,Acme Robotics,,No campaign,2026-05-31T22:00:00.000Z,2026-06-30T22:00:00.000Z,2500',
      '',
    ]);
    const json = JSON.parse((await creditlens(server, ['usage', '--account', 'acct_cli', '--period', '2026-06', '--series', 'week', '--json'])).stdout);
    expect(json.usage.series).toHaveLength(5);
    expect(json.usage.workspaces[0].series.reduce((sum: number, bucket: { credits: number }) => sum + bucket.credits, 0)).toBe(28_000);
  });

  it('prints the same data as JSON with --json, the expanded rows at the page snapshot', async () => {
    const run = await creditlens(server, ['usage', '--account', 'acct_cli', '--period', '2026-06', '--expand', 'ws_big', '--json']);
    expect(run.code).toBe(0);
    const printed = JSON.parse(run.stdout);
    expect(printed.usage.totalCredits).toBe(29_234);
    expect(printed.expanded.campaigns.map((row: { label: string; credits: number }) => [row.label, row.credits])).toEqual([
      ['Q3 Outbound', 21_000],
      ['Trade Fair', 4_500],
      ['No campaign', 2_500],
    ]);
  });

  it('prints the server CSV export with --csv, only the expanded workspace rows with --expand', async () => {
    const all = await creditlens(server, ['usage', '--account', 'acct_cli', '--period', '2026-06', '--csv']);
    expect(all.code).toBe(0);
    expect(all.stdout.split('\r\n')[0]).toBe('workspace_id,workspace_name,campaign_id,campaign_name,credits,percent_of_workspace');
    expect(all.stdout).toContain('ws_small,Globex,,No campaign,1234,100.0');

    const one = await creditlens(server, ['usage', '--account', 'acct_cli', '--period', '2026-06', '--csv', '--expand', 'ws_big']);
    expect(one.stdout.split('\r\n')).toEqual([
      'workspace_id,workspace_name,campaign_id,campaign_name,credits,percent_of_workspace',
      'ws_big,Acme Robotics,cmp_q3,Q3 Outbound,21000,75.0',
      'ws_big,Acme Robotics,cmp_fair,Trade Fair,4500,16.1',
      'ws_big,Acme Robotics,,No campaign,2500,8.9',
      '',
    ]);
  });

  it('prints when usage last arrived beside the snapshot', async () => {
    const run = await creditlens(server, ['usage', '--account', 'acct_cli', '--period', '2026-06', '--json']);
    const { asOf, lastRecordedAt } = JSON.parse(run.stdout).usage;
    const table = await creditlens(server, ['usage', '--account', 'acct_cli', '--period', '2026-06', '--as-of', asOf]);
    expect(table.stdout.split('\n')[0]).toMatch(new RegExp(`, as of ${asOf}, usage last recorded ${lastRecordedAt}$`));
  });

  it('lists the entries behind a row with its count and credits, and streams them as CSV', async () => {
    const run = await creditlens(server, ['entries', '--account', 'acct_cli', '--period', '2026-06', '--workspace', 'ws_big', '--no-campaign']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const lines = run.stdout.split('\n');
    expect(lines[2]).toMatch(/^Occurred at\s+Kind\s+Credits\s+Workspace\s+Campaign\s+Idempotency key$/);
    expect(lines[4]).toMatch(/^2026-06-10 14:00\s+LEAD_FINDING\s+2,500\s+ws_big\s+\(no campaign\)\s+u3$/);
    expect(run.stdout).toContain('1 entry, 2,500 credits (occurred at in Europe/Berlin).');
    const campaign = await creditlens(server, ['entries', '--account', 'acct_cli', '--period', '2026-06', '--campaign', 'cmp_q3', '--csv']);
    expect(campaign.stdout.split('\r\n')[0]).toBe('occurred_at,recorded_at,idempotency_key,workspace_id,campaign_id,kind,credits');
    expect(campaign.stdout.split('\r\n')[1]).toMatch(/^2026-06-10T12:00:00.000Z,[^,]+,u1,ws_big,cmp_q3,FIRST_EMAIL_DRAFT,21000$/);
    const both = await creditlens(server, ['entries', '--account', 'acct_cli', '--period', '2026-06', '--campaign', 'cmp_q3', '--no-campaign']);
    expect(both.code).toBe(2);
  });

  it('closes an ended period, after which entries dated in it are refused', async () => {
    const run = await creditlens(server, ['close-period', '--account', 'acct_cli', '--period', '2026-05']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Closed 2026-05 of .+ \(acct_cli\): 0 credits, final as of \S+ \(closed \S+\)\.$/m);
    const late = await record(server, [{ key: 'may-late', accountId: 'acct_cli', workspaceId: 'ws_small', credits: 1, occurredAt: '2026-05-20T00:00:00Z' }]);
    expect(late.errors?.[0]?.message).toContain('falls in the closed period');
  });

  it('says so and exits 1 for an account the token may not see', async () => {
    const run = await creditlens(server, ['usage', '--account', 'acct_elsewhere']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no account "acct_elsewhere" for this token');
  });

  it('surfaces the server code for a bad token', async () => {
    const run = await creditlens(server, ['usage', '--account', 'acct_cli', '--token', 'not-a-credential']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^creditlens: UNAUTHENTICATED: /);
  });

  it('imports NDJSON in batches with a plain line per batch, and a rerun records nothing twice', async () => {
    const input = file(`import-${kind}.ndjson`, ndjson([usageEntry('i1'), usageEntry('i2', { campaignId: 'cmp_imp', kind: 'REPLY', credits: 1_500 }), usageEntry('i3')]));
    const first = await creditlens(server, ['import', input, '--batch-size', '2']);
    expect(first).toMatchObject({ code: 0 });
    expect(first.stderr.split('\n')).toEqual(['batch 1/2: 2/3 entries, 2 new, 0 duplicates', 'batch 2/2: 3/3 entries, 3 new, 0 duplicates', '']);
    expect(first.stdout).toContain('Recorded 3 entries');
    expect(first.stdout).toContain('3 new, 0 already recorded (2 batches)');

    const again = await creditlens(server, ['import', input, '--batch-size', '2']);
    expect(again.stdout).toContain('0 new, 3 already recorded');
    expect(await workspaceCredits(server, 'ws_imp')).toBe(1_520);
  });

  it('imports CSV with the same column names', async () => {
    const input = file(
      `import-${kind}.csv`,
      'idempotencyKey,accountId,workspaceId,campaignId,kind,credits,occurredAt\r\ncsv1,acct_cli,ws_imp,cmp_imp,FIRST_EMAIL_DRAFT,2000,2026-06-13T08:00:00Z\r\ncsv2,acct_cli,ws_imp,,LEAD_FINDING,-20,2026-06-13T08:00:00+02:00\r\n',
    );
    const before = await workspaceCredits(server, 'ws_imp');
    const run = await creditlens(server, ['import', input]);
    expect(run.code).toBe(0);
    expect(await workspaceCredits(server, 'ws_imp')).toBe(before + 1_980);
  });

  it('stops at a malformed line naming its number and field, having recorded nothing', async () => {
    const lines = [usageEntry('bad1'), usageEntry('bad2'), usageEntry('bad3', { credits: 'ten' })];
    const input = file(`malformed-${kind}.ndjson`, ndjson(lines));
    const before = await workspaceCredits(server, 'ws_imp');
    const run = await creditlens(server, ['import', input, '--batch-size', '1']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`malformed-${kind}.ndjson:3: credits: expected a whole number`);
    expect(run.stderr).toContain('Nothing was recorded');
    expect(await workspaceCredits(server, 'ws_imp')).toBe(before);
  });

  it('does not blame the file when the token is refused', async () => {
    const input = file(`token-${kind}.ndjson`, ndjson([usageEntry('tok1')]));
    const run = await creditlens(server, ['import', input, '--token', 'not-a-credential']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^creditlens: UNAUTHENTICATED: /);
    expect(run.stderr).toContain('The file is not at fault: check the token (CREDITLENS_TOKEN or --token) and run the import again');
    expect(run.stderr).not.toContain('Fix the file');
  });

  it('names the line and field of an entry the server rejects; that batch is not written, the earlier ones are', async () => {
    const lines = [usageEntry('srv1', { credits: 1 }), usageEntry('srv2', { credits: 2 }), usageEntry('srv3', { credits: 4, campaignId: 'cmp_nope', kind: 'REPLY' })];
    const input = file(`rejected-${kind}.ndjson`, `\n${ndjson(lines)}`);
    const before = await workspaceCredits(server, 'ws_imp');
    const run = await creditlens(server, ['import', input, '--batch-size', '2']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`rejected-${kind}\\.ndjson:4: campaignId: .*cmp_nope`));
    expect(run.stderr).toContain('The batch from line 4 was not recorded');
    expect(await workspaceCredits(server, 'ws_imp')).toBe(before + 3);
  });
});

async function workspaceCredits(server: TestServer, workspaceId: string): Promise<number> {
  const page = await server.graphql(PAGE_QUERY, { accountId: 'acct_cli', window: JUNE_2026 });
  return page.data!.account.usage.workspaces.find((row: { workspace: { id: string } }) => row.workspace.id === workspaceId)?.credits ?? 0;
}
