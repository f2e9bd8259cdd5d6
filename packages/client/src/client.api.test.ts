import { startTestServer, TEST_ADMIN_KEY, type TestServer } from '../../../server/src/testing/test-server';
import { describeEachDatabase } from '../../../server/src/testing/test-databases';
import { JUNE_2026, record, upsertCatalog } from '../../../server/src/testing/operations';
import { CreditlensClient } from './client.js';
import { RecordUsageError } from './errors.js';
import type { UsageEntryInput } from './generated/graphql.js';

const entry = (key: string, credits: number, campaignId: string | null = 'cmp_a'): UsageEntryInput => ({
  idempotencyKey: key,
  accountId: 'acct_c',
  workspaceId: 'ws_1',
  campaignId,
  kind: campaignId ? 'REPLY' : 'LEAD_FINDING',
  credits,
  occurredAt: '2026-06-10T12:00:00Z',
});

describeEachDatabase('the client against a real server', (kind) => {
  let server: TestServer;
  let client: CreditlensClient;

  beforeAll(async () => {
    server = await startTestServer(kind);
    client = new CreditlensClient({ endpoint: `${server.url}/graphql`, token: TEST_ADMIN_KEY, retry: { retries: 0 } });
    await upsertCatalog(server, {
      accountId: 'acct_c',
      workspaces: [{ id: 'ws_1', name: 'Acme', campaigns: [{ id: 'cmp_a', name: 'Alpha' }, { id: 'cmp_b', name: 'Beta' }] }, { id: 'ws_2', name: 'Globex' }],
    });
  });
  afterAll(() => server.stop());

  it('records in batches, and a rerun of the same entries records nothing twice', async () => {
    const entries = Array.from({ length: 5 }, (_, i) => entry(`batch-${i}`, 10 + i));
    const batchesSeen: number[] = [];
    const first = await client.recordUsage(entries, { limits: { maxEntries: 2 }, onProgress: (p) => batchesSeen.push(p.batch) });
    expect(first).toEqual({ accepted: 5, duplicates: 0, batches: 3 });
    expect(batchesSeen).toEqual([1, 2, 3]);
    await expect(client.recordUsage(entries, { limits: { maxEntries: 2 } })).resolves.toEqual({ accepted: 0, duplicates: 5, batches: 3 });
  });

  it('keeps the batches before a rejected one and writes nothing of the rejected one', async () => {
    const entries = [entry('rej-0', 1), entry('rej-1', 1), entry('rej-2', 1), { ...entry('rej-3', 1), campaignId: 'cmp_missing' }];
    const error = (await client.recordUsage(entries, { limits: { maxEntries: 2 } }).catch((e: unknown) => e)) as RecordUsageError;
    expect(error).toBeInstanceOf(RecordUsageError);
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.problems).toEqual([expect.objectContaining({ index: 3, field: 'campaignId' })]);
    expect(error.recordedSoFar).toEqual({ accepted: 2, duplicates: 0, entriesDone: 2 });
    const rerun = await client.recordUsage(entries.slice(0, 3), { limits: { maxEntries: 2 } });
    expect(rerun).toEqual({ accepted: 1, duplicates: 2, batches: 2 });
  });

  it('reads the page, then the campaigns of a workspace at the page snapshot even after new usage', async () => {
    await client.recordUsage([entry('page-1', 100, 'cmp_b'), entry('page-2', 7, null), { ...entry('page-3', 3), workspaceId: 'ws_2', campaignId: null, kind: 'LEAD_FINDING' }]);
    const account = await client.getAccountUsage('acct_c', { window: JUNE_2026 });
    const acme = account!.usage.workspaces.find((row) => row.workspace.id === 'ws_1')!;
    await record(server, [{ key: 'late-1', accountId: 'acct_c', workspaceId: 'ws_1', campaignId: 'cmp_b', credits: 1000 }]);

    const expanded = await client.getWorkspaceCampaigns('ws_1', JUNE_2026, { asOf: account!.usage.asOf });
    expect(expanded!.credits).toBe(acme.credits);
    expect(expanded!.campaigns.reduce((sum, row) => sum + row.credits, 0)).toBe(acme.credits);
    expect(expanded!.campaigns.map((row) => row.label)).toEqual(['Beta', 'Alpha', 'No campaign']);

    const now = await client.getWorkspaceCampaigns('ws_1', JUNE_2026);
    expect(now!.credits).toBe(acme.credits + 1000);
  });

  it('exports the breakdown as CSV from the same origin, at the snapshot asked for', async () => {
    const account = await client.getAccountUsage('acct_c', { window: JUNE_2026 });
    const csv = await client.exportCsv('acct_c', JUNE_2026, { asOf: account!.usage.asOf });
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('workspace_id,workspace_name,campaign_id,campaign_name,credits,percent_of_workspace');
    const acmeCredits = lines.filter((line) => line.startsWith('ws_1,')).reduce((sum, line) => sum + Number(line.split(',')[4]), 0);
    expect(acmeCredits).toBe(account!.usage.workspaces.find((row) => row.workspace.id === 'ws_1')!.credits);
  });

  it('answers null for an account the token may not see', async () => {
    await expect(client.getAccountUsage('acct_nobody')).resolves.toBeNull();
  });

  it('surfaces the server code for a bad token', async () => {
    const stranger = new CreditlensClient({ endpoint: `${server.url}/graphql`, token: 'not-a-credential', retry: { retries: 0 } });
    await expect(stranger.getAccountPeriods('acct_c')).rejects.toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
  });
});
