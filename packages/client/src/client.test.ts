import { CreditlensClient, type RetryNotice } from './client.js';
import { CreditlensError, RecordUsageError } from './errors.js';
import type { UsageEntryInput } from './generated/graphql.js';

/** A scripted fetch: answers in order, records every request. */
function scriptedFetch(answers: Array<Response | Error>) {
  const requests: Array<{ url: string; method: string; headers: Record<string, string>; body: string | undefined }> = [];
  const fetch = (async (url: string | URL, init?: RequestInit) => {
    requests.push({
      url: String(url),
      method: init?.method ?? 'GET',
      headers: init?.headers as Record<string, string>,
      body: init?.body as string | undefined,
    });
    const answer = answers.shift();
    if (!answer) throw new Error('the script has no more answers');
    if (answer instanceof Error) throw answer;
    return answer;
  }) as typeof globalThis.fetch;
  return { fetch, requests };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

const recorded = (accepted: number, duplicates = 0) => json({ data: { recordUsage: { accepted, duplicates } } });

function makeClient(answers: Array<Response | Error>, retries = 3) {
  const script = scriptedFetch(answers);
  const sleeps: number[] = [];
  const client = new CreditlensClient({
    endpoint: 'https://creditlens.example.com/graphql',
    token: 'clk_key_secret',
    fetch: script.fetch,
    retry: { retries, baseDelayMs: 100, random: () => 0.5, sleep: async (ms) => void sleeps.push(ms) },
  });
  const notices: RetryNotice[] = [];
  client.onRetry = (notice) => notices.push(notice);
  return { client, requests: script.requests, sleeps, notices };
}

const entries = (count: number): UsageEntryInput[] =>
  Array.from({ length: count }, (_, i) => ({
    idempotencyKey: `evt-${i}`,
    accountId: 'acct_1',
    workspaceId: 'ws_1',
    kind: 'LEAD_FINDING',
    credits: 1,
    occurredAt: '2026-06-03T09:15:00Z',
  }));

describe('CreditlensClient over HTTP', () => {
  it('sends the token as a bearer credential and the typed document as JSON', async () => {
    const { client, requests } = makeClient([json({ data: { account: null } })]);
    await expect(client.getAccountUsage('acct_1', { asOf: '2026-06-01T00:00:00.000Z' })).resolves.toBeNull();
    expect(requests[0]!.headers.authorization).toBe('Bearer clk_key_secret');
    const body = JSON.parse(requests[0]!.body!);
    expect(body.query).toContain('query AccountUsage');
    expect(body.variables).toEqual({ accountId: 'acct_1', window: null, asOf: '2026-06-01T00:00:00.000Z' });
  });

  it('retries 429 after the Retry-After the server asked for, then succeeds', async () => {
    const { client, sleeps, notices } = makeClient([json({}, 429, { 'retry-after': '2' }), recorded(1)]);
    await expect(client.recordUsage(entries(1))).resolves.toEqual({ accepted: 1, duplicates: 0, batches: 1 });
    expect(sleeps).toEqual([2050]);
    expect(notices).toEqual([{ retry: 1, retries: 3, delayMs: 2050, reason: 'HTTP 429' }]);
  });

  it('retries 503 and network errors with growing backoff, resending the same idempotency keys', async () => {
    const { client, requests, sleeps } = makeClient([json({}, 503), new TypeError('fetch failed'), recorded(0, 2)]);
    await expect(client.recordUsage(entries(2))).resolves.toEqual({ accepted: 0, duplicates: 2, batches: 1 });
    expect(sleeps).toEqual([50, 100]);
    expect(new Set(requests.map((r) => r.body)).size).toBe(1);
    expect(JSON.parse(requests[2]!.body!).variables.entries.map((e: UsageEntryInput) => e.idempotencyKey)).toEqual(['evt-0', 'evt-1']);
  });

  it('gives up after the configured retries and says why', async () => {
    const { client, requests } = makeClient([json({}, 503), json({}, 503), json({}, 503)], 2);
    await expect(client.getAccountPeriods('acct_1')).rejects.toMatchObject({ code: 'HTTP_503', status: 503 });
    expect(requests).toHaveLength(3);
  });

  it('reports an unreachable server as NETWORK_ERROR after the retries', async () => {
    const { client } = makeClient([new TypeError('fetch failed'), new TypeError('fetch failed')], 1);
    await expect(client.getAccountPeriods('acct_1')).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
  });

  it('does not retry an error the server answered, and surfaces its code and message', async () => {
    const { client, requests } = makeClient([json({ errors: [{ message: 'no or bad credential', extensions: { code: 'UNAUTHENTICATED' } }] }, 401)]);
    const error = await client.getAccountPeriods('acct_1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CreditlensError);
    expect(error).toMatchObject({ code: 'UNAUTHENTICATED', message: 'no or bad credential', status: 401 });
    expect(requests).toHaveLength(1);
  });

  it('records in batches, reporting progress after each', async () => {
    const { client, requests } = makeClient([recorded(2), recorded(2), recorded(1)]);
    const progress: unknown[] = [];
    const summary = await client.recordUsage(entries(5), { limits: { maxEntries: 2 }, onProgress: (p) => progress.push(p) });
    expect(summary).toEqual({ accepted: 5, duplicates: 0, batches: 3 });
    expect(requests.map((r) => JSON.parse(r.body!).variables.entries.length)).toEqual([2, 2, 1]);
    expect(progress).toEqual([
      { batch: 1, batches: 3, entriesDone: 2, entriesTotal: 5, accepted: 2, duplicates: 0 },
      { batch: 2, batches: 3, entriesDone: 4, entriesTotal: 5, accepted: 4, duplicates: 0 },
      { batch: 3, batches: 3, entriesDone: 5, entriesTotal: 5, accepted: 5, duplicates: 0 },
    ]);
  });

  it('stops at a rejected batch, naming entries by their index in the whole input', async () => {
    const rejection = json({
      errors: [
        {
          message: 'entries[1].campaignId: no campaign "nope" in workspace "ws_1"',
          extensions: { code: 'BAD_USER_INPUT', problems: [{ index: 1, field: 'campaignId', message: 'no campaign "nope" in workspace "ws_1"' }] },
        },
      ],
    });
    const { client, requests } = makeClient([recorded(2), rejection]);
    const error = (await client.recordUsage(entries(6), { limits: { maxEntries: 2 } }).catch((e: unknown) => e)) as RecordUsageError;
    expect(error).toBeInstanceOf(RecordUsageError);
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.problems).toEqual([{ index: 3, field: 'campaignId', message: 'no campaign "nope" in workspace "ws_1"' }]);
    expect(error.message).toBe('entries[3].campaignId: no campaign "nope" in workspace "ws_1"');
    expect(error.recordedSoFar).toEqual({ accepted: 2, duplicates: 0, entriesDone: 2 });
    expect(requests).toHaveLength(2);
  });

  it('reads the entry index of a variable that failed its type (HTTP 400) from the message', async () => {
    const message = 'Variable "$entries" got invalid value "NOPE" at "entries[0].kind"; Value "NOPE" does not exist in "CreditKind" enum.';
    const { client } = makeClient([recorded(2), json({ errors: [{ message, extensions: { code: 'BAD_USER_INPUT' } }] }, 400)]);
    const error = (await client.recordUsage(entries(3), { limits: { maxEntries: 2 } }).catch((e: unknown) => e)) as RecordUsageError;
    expect(error.problems).toEqual([{ index: 2, field: 'kind', message }]);
  });

  it('says at once that a URL answering a 404 or an HTML page is not a Creditlens GraphQL URL', async () => {
    const page = new Response('<!doctype html><title>Billing</title>', { status: 200, headers: { 'content-type': 'text/html' } });
    const missing = json({ errors: [{ message: 'no route', extensions: { code: 'NOT_FOUND' } }] }, 404);
    for (const answer of [page, missing]) {
      const { client, requests, notices } = makeClient([answer]);
      const error = await client.getAccountPeriods('acct_1').catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'NOT_GRAPHQL_ENDPOINT', status: answer.status });
      expect((error as Error).message).toMatch(/^https:\/\/creditlens\.example\.com\/graphql is not a Creditlens GraphQL URL \(HTTP (200, an HTML page|404, application\/json)\)/);
      expect({ requests: requests.length, retries: notices.length }).toEqual({ requests: 1, retries: 0 });
    }
  });

  it('reads the whole breakdown, the billing periods and an invoice with one request each', async () => {
    const period = { from: '2026-05-31T22:00:00.000Z', to: '2026-06-30T22:00:00.000Z' };
    const invoice = { period, lines: [{ kind: 'REPLY', credits: 7 }], totalCredits: 7 };
    const { client, requests } = makeClient([
      json({ data: { account: null } }),
      json({ data: { account: { id: 'acct_1', timezone: 'Europe/Berlin', currentPeriod: period, billingPeriods: [period] } } }),
      json({ data: { account: { id: 'acct_1', invoice } } }),
      json({ data: { account: null } }),
    ]);
    await expect(client.getAccountBreakdown('acct_1', { window: period })).resolves.toBeNull();
    await expect(client.getBillingPeriods('acct_1', { last: 1 })).resolves.toMatchObject({ billingPeriods: [period] });
    await expect(client.getInvoice('acct_1', period)).resolves.toEqual(invoice);
    await expect(client.getInvoice('acct_other', period)).resolves.toBeNull();
    const sent = requests.map((r) => JSON.parse(r.body!));
    expect(sent.map((body) => /\bquery (\w+)/.exec(body.query)?.[1])).toEqual(['AccountBreakdown', 'BillingPeriods', 'AccountInvoice', 'AccountInvoice']);
    expect(sent[0].query).toMatch(/workspaces \{[^]*campaigns \{/);
    expect(sent.map((body) => body.variables)).toEqual([
      { accountId: 'acct_1', window: period, asOf: null },
      { accountId: 'acct_1', last: 1 },
      { accountId: 'acct_1', period },
      { accountId: 'acct_other', period },
    ]);
  });

  it('records 1,000 entries per batch by default, so progress comes at least every 1,000 entries', async () => {
    const { client, requests } = makeClient([recorded(1_000), recorded(1_000), recorded(500)]);
    const done: number[] = [];
    await client.recordUsage(entries(2_500), { onProgress: (p) => done.push(p.entriesDone) });
    expect(done).toEqual([1_000, 2_000, 2_500]);
    expect(requests).toHaveLength(3);
  });

  it('records a stream batch by batch, reading at most one entry past the batch it sends', async () => {
    const { client, requests } = makeClient([recorded(2), recorded(2), recorded(1)]);
    let produced = 0;
    const producedAtSend: number[] = [];
    const originalExecute = client.execute.bind(client);
    client.execute = (async (document: never, variables: never) => {
      producedAtSend.push(produced);
      return originalExecute(document, variables);
    }) as typeof client.execute;
    async function* stream() {
      for (const entry of entries(5)) {
        produced++;
        yield entry;
      }
    }
    const limits = { maxEntries: 2 };
    const totals = await client.planBatches(entries(5), limits);
    const progress: unknown[] = [];
    const summary = await client.recordUsageStream(stream(), { limits, totals, onProgress: (p) => progress.push([p.batch, p.batches, p.entriesDone, p.entriesTotal]) });
    expect(totals).toEqual({ entries: 5, batches: 3 });
    expect(summary).toEqual({ accepted: 5, duplicates: 0, batches: 3 });
    expect(producedAtSend).toEqual([3, 5, 5]);
    expect(progress).toEqual([[1, 3, 2, 5], [2, 3, 4, 5], [3, 3, 5, 5]]);
    expect(requests.map((r) => JSON.parse(r.body!).variables.entries.map((e: UsageEntryInput) => e.idempotencyKey))).toEqual([['evt-0', 'evt-1'], ['evt-2', 'evt-3'], ['evt-4']]);
  });

  it('gets the CSV export from the same origin as the GraphQL URL', async () => {
    const { client, requests } = makeClient([new Response('workspace_id,workspace_name\n', { status: 200, headers: { 'content-type': 'text/csv' } })]);
    const csv = await client.exportCsv('acct 1', { from: '2026-06-01T00:00:00Z', to: '2026-07-01T00:00:00Z' }, { asOf: '2026-06-15T00:00:00Z' });
    expect(csv).toBe('workspace_id,workspace_name\n');
    expect(requests[0]!.url).toBe(
      'https://creditlens.example.com/export/usage.csv?accountId=acct+1&from=2026-06-01T00%3A00%3A00Z&to=2026-07-01T00%3A00%3A00Z&asOf=2026-06-15T00%3A00%3A00Z',
    );
    expect(requests[0]!.headers.authorization).toBe('Bearer clk_key_secret');
  });

  it('surfaces a refused CSV export with the server code', async () => {
    const { client } = makeClient([json({ errors: [{ message: 'window: from must be before to', extensions: { code: 'BAD_USER_INPUT' } }] }, 400)]);
    await expect(client.exportCsv('acct_1', { from: '2026-07-01T00:00:00Z', to: '2026-06-01T00:00:00Z' })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'window: from must be before to',
    });
  });
});
