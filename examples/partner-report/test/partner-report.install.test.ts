import fs from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { billingPeriodContaining } from '@creditlens/usage-math';
import { describeEachDatabase } from '../../../server/src/testing/test-databases';
import { startTestServer, type TestServer } from '../../../server/src/testing/test-server';
import { JUNE_2026, expectNoErrors, record, upsertCatalog, type EntrySpec } from '../../../server/src/testing/operations';
import { npmInstall, run, scratchFolder, tarballOf, type Run } from '../../../packaging/tarballs';

/**
 * The example as a partner gets it: this folder copied out of the repository, the client and
 * math installed from their tarballs (TypeScript and @types/node from the registry), type-checked
 * with tsc under nodenext, built, and run against a real server with a read-only API key.
 */
const EXAMPLE = path.resolve(__dirname, '..');
const scratch = scratchFolder('creditlens-partner-report-');
const project = path.join(scratch.folder, 'partner-report');
let checked: Run;

beforeAll(async () => {
  fs.cpSync(EXAMPLE, project, { recursive: true, filter: (source) => !/(^|\/)(node_modules|dist|test)$/.test(source) });
  await npmInstall(project, [tarballOf('@creditlens/client'), tarballOf('@creditlens/usage-math')]);
  checked = await run(path.join(project, 'node_modules/.bin/tsc'), ['--noEmit'], { cwd: project });
  const built = await run(path.join(project, 'node_modules/.bin/tsc'), [], { cwd: project });
  if (built.code !== 0) throw new Error(`tsc failed:\n${built.stdout}${built.stderr}`);
}, 180_000);
afterAll(() => scratch.remove());

it('type-checks with tsc --noEmit under strict nodenext, with the libraries declarations checked too', () => {
  expect(checked).toEqual({ code: 0, stdout: '', stderr: '' });
  expect(JSON.parse(fs.readFileSync(path.join(project, 'tsconfig.json'), 'utf8')).compilerOptions).toMatchObject({ module: 'nodenext', strict: true, skipLibCheck: false });
});

const SEED_BATCH = 25;

/** Upserts many workspaces (and their campaigns) with aliased mutations, 25 to a request. */
async function upsertMany(server: TestServer, accountId: string, workspaces: ReadonlyArray<{ id: string; name: string; campaigns: string[] }>) {
  const fields = workspaces.flatMap((workspace) => [
    `upsertWorkspace(input: ${literal({ id: workspace.id, accountId, name: workspace.name })}) { id }`,
    ...workspace.campaigns.map((campaign) => `upsertCampaign(input: ${literal({ id: campaign, workspaceId: workspace.id, name: `Campaign ${campaign}` })}) { id }`),
  ]);
  for (let start = 0; start < fields.length; start += SEED_BATCH) {
    const batch = fields.slice(start, start + SEED_BATCH).map((field, i) => `m${i}: ${field}`);
    expectNoErrors(await server.graphql(`mutation { ${batch.join('\n')} }`));
  }
}

const literal = (input: Record<string, string>) => `{ ${Object.entries(input).map(([key, value]) => `${key}: ${JSON.stringify(value)}`).join(', ')} }`;

async function readOnlyKey(server: TestServer, accountId: string): Promise<string> {
  const created = await server.graphql<{ createApiKey: { secret: string } }>(`mutation($accountId: ID!) { createApiKey(accountId: $accountId, scopes: [USAGE_READ]) { secret } }`, { accountId });
  expectNoErrors(created);
  return created.data!.createApiKey.secret;
}

function report(server: TestServer, token: string, args: string[], endpoint = `${server.url}/graphql`): Promise<Run> {
  return run(process.execPath, ['dist/main.js', ...args], { cwd: project, env: { CREDITLENS_ENDPOINT: endpoint, CREDITLENS_TOKEN: token } });
}

/** A pass-through in front of the server that records the name of each operation sent through it. */
async function recordingProxy(target: string): Promise<{ url: string; operations: string[]; close: () => Promise<void> }> {
  const operations: string[] = [];
  const proxy = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    operations.push(/\b(?:query|mutation) (\w+)/.exec(JSON.parse(body).query)?.[1] ?? '(anonymous)');
    const answer = await fetch(`${target}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: request.headers.authorization ?? '' }, body });
    response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
    response.end(await answer.text());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/graphql`, operations, close: () => new Promise((resolve) => proxy.close(() => resolve())) };
}

describeEachDatabase('the partner report installed from the tarballs', (kind) => {
  let server: TestServer;
  let smallKey: string;
  let bigKey: string;
  const WORKSPACES = 500;
  let bigTotal = 0;

  beforeAll(async () => {
    server = await startTestServer(kind);
    await upsertCatalog(server, {
      accountId: 'acct_agency',
      timezone: 'Europe/Berlin',
      workspaces: [
        { id: 'ws_acme', name: 'Acme', campaigns: [{ id: 'cmp_q3', name: 'Q3 Outbound' }, { id: 'cmp_old', name: 'Spring Fair', archived: true }] },
        { id: 'ws_globex', name: 'Globex' },
        { id: 'ws_initech', name: 'Initech', campaigns: [{ id: 'cmp_i', name: 'Renewals' }] },
      ],
    });
    const base = { accountId: 'acct_agency' };
    const lastMonth = billingPeriodContaining(new Date(billingPeriodContaining(new Date(), 'Europe/Berlin').from.getTime() - 1), 'Europe/Berlin');
    expectNoErrors(
      await record(server, [
        { ...base, key: 'a1', workspaceId: 'ws_acme', campaignId: 'cmp_q3', credits: 6_000, occurredAt: '2026-06-10T12:00:00Z' },
        { ...base, key: 'a2', workspaceId: 'ws_acme', campaignId: 'cmp_old', credits: 1_000, occurredAt: '2026-06-10T12:00:00Z' },
        { ...base, key: 'a3', workspaceId: 'ws_acme', credits: 1_500, occurredAt: '2026-06-11T12:00:00Z' },
        { ...base, key: 'g1', workspaceId: 'ws_globex', credits: 2_500, occurredAt: '2026-06-30T21:59:59Z' },
        // A refund larger than the month's spend: Initech is negative, so the others' shares pass 100 %.
        { ...base, key: 'i1', workspaceId: 'ws_initech', campaignId: 'cmp_i', kind: 'REPLY', credits: 500, occurredAt: '2026-06-05T12:00:00Z' },
        { ...base, key: 'i2', workspaceId: 'ws_initech', campaignId: 'cmp_i', kind: 'REPLY', credits: -3_500, occurredAt: '2026-06-20T12:00:00Z' },
        // July in Berlin (00:30 on 1 July), although still June in UTC: not in June's report.
        { ...base, key: 'g2', workspaceId: 'ws_globex', credits: 999, occurredAt: '2026-06-30T22:30:00Z' },
        // Last month, whatever today is: the default period.
        { ...base, key: 'last1', workspaceId: 'ws_globex', credits: 42, occurredAt: new Date(lastMonth.from.getTime() + 3_600_000).toISOString() },
      ]),
    );
    smallKey = await readOnlyKey(server, 'acct_agency');

    const workspaces = Array.from({ length: WORKSPACES }, (_, i) => {
      const n = String(i + 1).padStart(3, '0');
      return { id: `ws_${n}`, name: `Client ${n}`, campaigns: [`cmp_${n}_a`, `cmp_${n}_b`] };
    });
    await upsertCatalog(server, { accountId: 'acct_big', timezone: 'America/New_York', workspaces: [] });
    await upsertMany(server, 'acct_big', workspaces);
    const entries: EntrySpec[] = workspaces.flatMap((workspace, i) => {
      const credits = [(i % 7) * 100 + 50, (i % 5) * 30 + 10, (i % 3) * 7 + 1];
      bigTotal += credits[0]! + credits[1]! + credits[2]!;
      return [
        { accountId: 'acct_big', key: `${workspace.id}-a`, workspaceId: workspace.id, campaignId: workspace.campaigns[0]!, credits: credits[0]!, occurredAt: '2026-06-15T12:00:00Z' },
        { accountId: 'acct_big', key: `${workspace.id}-b`, workspaceId: workspace.id, campaignId: workspace.campaigns[1]!, credits: credits[1]!, occurredAt: '2026-06-16T12:00:00Z' },
        { accountId: 'acct_big', key: `${workspace.id}-n`, workspaceId: workspace.id, credits: credits[2]!, occurredAt: '2026-06-17T12:00:00Z' },
      ];
    });
    expectNoErrors(await record(server, entries));
    bigKey = await readOnlyKey(server, 'acct_big');
  }, 180_000);
  afterAll(() => server?.stop());

  it('prints a period per workspace and campaign, in the account time zone, and says why shares pass 100 %', async () => {
    const printed = await report(server, smallKey, ['acct_agency', '--period', '2026-06']);
    expect(printed).toMatchObject({ code: 0, stderr: '' });
    const lines = printed.stdout.split('\n');
    expect(lines[2]).toMatch(/^As of: {2}\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \(the ledger snapshot every number was read at\)$/);
    expect(lines[3]).toMatch(/^Made: {3}\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect([...lines.slice(0, 2), ...lines.slice(4)]).toEqual([
      'Account acct_agency (acct_agency): partner report for June 2026',
      'Period: 2026-06-01 00:00 to 2026-07-01 00:00 Europe/Berlin',
      '',
      'Workspace / campaign      Credits    Share',
      '------------------------------------------',
      'Acme                        8,500  106.3 %',
      '  Q3 Outbound               6,000   70.6 %',
      '  No campaign               1,500   17.6 %',
      '  Spring Fair (archived)    1,000   11.8 %',
      'Globex                      2,500   31.2 %',
      '  No campaign               2,500  100.0 %',
      'Initech                    -3,000  -37.5 %',
      '  Renewals                 -3,000        –',
      '------------------------------------------',
      'Total (the invoice)         8,000  100.0 %',
      '',
      'Note: Shares of the bill above 100 % or below 0 %: refunds in "Initech" exceed their spend this period, so their credits are negative and the other workspaces\' shares add up to more than 100 %.',
      'Note: Initech: its credits are negative (refunds larger than its spend), so shares of it are not defined and its campaign rows show –.',
      '',
      'Workspace shares are of the bill; campaign shares are of their workspace.',
      '',
    ]);
  });

  it('defaults to last month in the account time zone', async () => {
    const printed = await report(server, smallKey, ['acct_agency', '--format', 'json']);
    expect(printed.code).toBe(0);
    const json = JSON.parse(printed.stdout);
    const last = billingPeriodContaining(new Date(billingPeriodContaining(new Date(), 'Europe/Berlin').from.getTime() - 1), 'Europe/Berlin');
    expect(json.period).toMatchObject({ from: last.from.toISOString(), to: last.to.toISOString() });
    expect(json.totalCredits).toBe(42);
  });

  it('writes CSV with the period and asOf on every row, a row per campaign', async () => {
    const printed = await report(server, smallKey, ['acct_agency', '--period', '2026-06', '--format', 'csv']);
    expect(printed.code).toBe(0);
    const [header, first, ...rest] = printed.stdout.split('\r\n');
    expect(header).toBe('period_from,period_to,as_of,workspace_id,workspace_name,workspace_credits,workspace_percent_of_bill,campaign_id,campaign_name,credits,percent_of_workspace');
    expect(first).toMatch(new RegExp(`^${JUNE_2026.from},${JUNE_2026.to},[^,]+Z,ws_acme,Acme,8500,106\\.3,cmp_q3,Q3 Outbound,6000,70\\.6$`));
    expect(rest).toHaveLength(5);
  });

  it('refuses a bad --period or --format, saying what it expected', async () => {
    expect(await report(server, smallKey, ['acct_agency', '--period', '2026-13'])).toMatchObject({ code: 2, stderr: expect.stringContaining("--period: expected a month as 'YYYY-MM'") });
    expect(await report(server, smallKey, ['acct_agency', '--format', 'xml'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--format: expected text, csv or json, got "xml"') });
  });

  it(`reports an account of ${WORKSPACES} workspaces with a read-only key in one breakdown request, its total equal to the invoice`, async () => {
    const proxy = await recordingProxy(server.url);
    const printed = await report(server, bigKey, ['acct_big', '--period', '2026-06', '--format', 'json'], proxy.url);
    await proxy.close();
    expect(printed).toMatchObject({ code: 0, stderr: '' });
    expect(proxy.operations).toEqual(['AccountPeriods', 'AccountBreakdown', 'AccountInvoice']);
    const json = JSON.parse(printed.stdout);
    expect(json.workspaces).toHaveLength(WORKSPACES);
    expect(json.totalCredits).toBe(bigTotal);
    expect(json.invoiceTotalCredits).toBe(json.totalCredits);
    const invoice = await server.graphql(`query($id: ID!, $p: UsageWindowInput!) { account(id: $id) { invoice(period: $p) { totalCredits } } }`, { id: 'acct_big', p: { from: json.period.from, to: json.period.to } });
    expect(invoice.data!.account.invoice.totalCredits).toBe(json.totalCredits);
    for (const section of json.workspaces) expect(section.campaigns.reduce((sum: number, c: { credits: number }) => sum + c.credits, 0)).toBe(section.credits);
    expect(Math.round(json.workspaces.reduce((sum: number, s: { percentOfBill: number }) => sum + s.percentOfBill * 10, 0))).toBe(1000);
    expect(json.notes).toEqual([]);
    expect(json.period).toMatchObject({ localFrom: '2026-06-01 00:00', localTo: '2026-07-01 00:00' });
  });
});
