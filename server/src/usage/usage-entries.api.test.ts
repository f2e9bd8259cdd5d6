import { describeEachDatabase } from '../testing/test-databases';
import { startTestServer, type TestServer } from '../testing/test-server';
import { EXPAND_QUERY, JUNE_2026, PAGE_QUERY, expectNoErrors, record, upsertCatalog, type EntrySpec } from '../testing/operations';

const ENTRIES = /* GraphQL */ `
  query Entries($accountId: ID!, $window: UsageWindowInput!, $asOf: DateTime, $filter: UsageEntryFilter, $first: Int, $after: String) {
    usageEntries(accountId: $accountId, window: $window, asOf: $asOf, filter: $filter, first: $first, after: $after) {
      totalCount totalCredits asOf
      pageInfo { hasNextPage endCursor }
      edges { cursor node { idempotencyKey occurredAt recordedAt kind credits workspace { id name } campaign { id name archived } } }
    }
  }
`;

/** A small deterministic generator, so that a failing case can be replayed from its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ACCOUNT = 'acct_entries';
const WORKSPACES = ['ws_e1', 'ws_e2', 'ws_e3'];
const CAMPAIGNS: Record<string, string[]> = { ws_e1: ['c_e1a', 'c_e1b'], ws_e2: ['c_e2a'], ws_e3: [] };
const KINDS_ATTRIBUTED = ['FIRST_EMAIL_DRAFT', 'LEAD_ENRICHMENT', 'REPLY'];
const KINDS_NEVER = ['LEAD_FINDING', 'SELF_LEARNING_AI', 'CONTACT_LIST_CLEANING'];
/** Few distinct instants, so that many entries tie on occurredAt and the key decides their order. */
const INSTANTS = ['2026-05-31T21:59:59.999Z', '2026-05-31T22:00:00.000Z', '2026-06-03T08:30:00.000Z', '2026-06-15T12:00:00.000Z', '2026-06-15T12:00:00.001Z', '2026-06-30T21:59:59.999Z', '2026-06-30T22:00:00.000Z'];
/** Keys mixing cases, digits and punctuation: code-unit order differs from any locale's. */
const KEY_PARTS = ['a', 'B', 'b', 'Z', '0', '_', '-', 'é', '~', ' '];

function randomEntries(next: () => number, count: number, prefix: string): EntrySpec[] {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  return Array.from({ length: count }, (_, index) => {
    const workspaceId = pick(WORKSPACES);
    const campaigns = CAMPAIGNS[workspaceId]!;
    const attributed = campaigns.length > 0 && next() < 0.7;
    const key = `${prefix}${Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(KEY_PARTS)).join('')}#${index}`;
    return {
      key,
      accountId: ACCOUNT,
      workspaceId,
      campaignId: attributed ? pick(campaigns) : null,
      kind: attributed || next() < 0.3 ? pick(KINDS_ATTRIBUTED) : pick(KINDS_NEVER),
      credits: Math.floor(next() * 400) - 60,
      occurredAt: pick(INSTANTS),
    };
  });
}

/** Code-unit order, the listing's tie-break. */
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describeEachDatabase('usageEntries', (kind) => {
  let server: TestServer;
  const entries = (variables: Record<string, unknown>, token?: string | null) => server.graphql(ENTRIES, { accountId: ACCOUNT, window: JUNE_2026, ...variables }, token);

  /** Every page of one listing, following endCursor; later pages leave asOf out unless `keepAsOf`. */
  async function walk(variables: Record<string, unknown>, first: number, token?: string | null, between?: () => Promise<void>) {
    const nodes: any[] = [];
    const answers: any[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 1000; guard += 1) {
      const response = await entries({ ...variables, first, after, ...(after === null ? {} : { asOf: undefined }) }, token);
      expectNoErrors(response);
      const page = response.data!.usageEntries;
      answers.push(page);
      nodes.push(...page.edges.map((edge: any) => edge.node));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
      if (between) await between();
    }
    return { nodes, answers };
  }

  beforeAll(async () => {
    server = await startTestServer(kind);
    await upsertCatalog(server, {
      accountId: ACCOUNT,
      workspaces: WORKSPACES.map((id) => ({ id, name: `Workspace ${id}`, campaigns: CAMPAIGNS[id]!.map((campaign) => ({ id: campaign, name: `Campaign ${campaign}` })) })),
    });
    await upsertCatalog(server, { accountId: 'acct_other', workspaces: [{ id: 'ws_other', campaigns: [{ id: 'c_other' }] }] });
    expectNoErrors(await record(server, randomEntries(random(18), 180, 'k')));
    expectNoErrors(await record(server, [{ key: 'other-1', accountId: 'acct_other', workspaceId: 'ws_other', campaignId: 'c_other', credits: 999 }]));
  });
  afterAll(() => server.stop());

  it('walks every row of a page, on random page sizes, to exactly its entries, whose credits and count are the row\'s', async () => {
    const page = await server.graphql(PAGE_QUERY, { accountId: ACCOUNT, window: JUNE_2026 });
    expectNoErrors(page);
    const usage = page.data!.account.usage;
    const next = random(7);
    const rows: { filter: Record<string, unknown> | null; credits: number }[] = [{ filter: null, credits: usage.totalCredits }];
    for (const line of usage.byKind) rows.push({ filter: { kinds: [line.kind] }, credits: line.credits });
    let noCampaignOfAccount = 0;
    for (const workspace of usage.workspaces) {
      rows.push({ filter: { workspaceId: workspace.workspace.id }, credits: workspace.credits });
      const expand = await server.graphql(EXPAND_QUERY, { workspaceId: workspace.workspace.id, window: JUNE_2026, asOf: usage.asOf });
      for (const campaign of expand.data!.workspaceUsage.campaigns) {
        const filter = campaign.campaign ? { workspaceId: workspace.workspace.id, campaignId: campaign.campaign.id } : { workspaceId: workspace.workspace.id, noCampaign: true };
        rows.push({ filter, credits: campaign.credits });
        if (!campaign.campaign) noCampaignOfAccount += campaign.credits;
        for (const line of campaign.byKind) rows.push({ filter: { ...filter, kinds: [line.kind] }, credits: line.credits });
      }
    }
    rows.push({ filter: { noCampaign: true }, credits: noCampaignOfAccount });
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) {
      const first = 1 + Math.floor(next() * 40);
      const { nodes, answers } = await walk({ filter: row.filter, asOf: usage.asOf }, first);
      const credits = nodes.reduce((sum, node) => sum + node.credits, 0);
      expect({ filter: row.filter, credits, count: nodes.length }).toEqual({ filter: row.filter, credits: row.credits, count: answers[0].totalCount });
      for (const answer of answers) expect([answer.totalCount, answer.totalCredits, answer.asOf]).toEqual([answers[0].totalCount, row.credits, usage.asOf]);
      expect(new Set(nodes.map((node) => node.idempotencyKey)).size).toBe(nodes.length);
      for (let index = 1; index < nodes.length; index += 1) {
        const [a, b] = [nodes[index - 1], nodes[index]];
        const order = a.occurredAt === b.occurredAt ? byCodeUnits(a.idempotencyKey, b.idempotencyKey) : a.occurredAt > b.occurredAt ? -1 : 1;
        expect(order).toBe(-1);
      }
    }
  });

  it('keeps a walk at its asOf while new entries arrive between its pages, and counts them at the next asOf', async () => {
    const before = await entries({ filter: { workspaceId: 'ws_e1' }, first: 500 });
    let added = 0;
    const { nodes, answers } = await walk({ filter: { workspaceId: 'ws_e1' } }, 7, undefined, async () => {
      added += 1;
      expectNoErrors(await record(server, [{ key: `late-${added}`, accountId: ACCOUNT, workspaceId: 'ws_e1', credits: 5, occurredAt: '2026-06-15T12:00:00Z' }]));
    });
    expect(added).toBeGreaterThan(0);
    expect(nodes.map((node) => node.idempotencyKey)).toEqual(before.data!.usageEntries.edges.map((edge: any) => edge.node.idempotencyKey));
    expect(answers.every((answer) => answer.asOf === answers[0].asOf)).toBe(true);
    const after = await entries({ filter: { workspaceId: 'ws_e1' }, first: 1 });
    expect(after.data!.usageEntries.totalCount).toBe(before.data!.usageEntries.totalCount + added);
    expect(after.data!.usageEntries.totalCredits).toBe(before.data!.usageEntries.totalCredits + 5 * added);
  });

  it('answers each entry as recorded, with its workspace and campaign by their current names', async () => {
    expectNoErrors(await record(server, [{ key: 'shown', accountId: ACCOUNT, workspaceId: 'ws_e2', campaignId: 'c_e2a', kind: 'REPLY', credits: -40, occurredAt: '2026-06-20T09:15:00.250Z' }]));
    const { data } = await entries({ window: { from: '2026-06-20T09:00:00Z', to: '2026-06-20T10:00:00Z' }, filter: { campaignId: 'c_e2a', kinds: ['REPLY'] }, first: 1 });
    const node = data!.usageEntries.edges[0].node;
    expect(node).toMatchObject({ idempotencyKey: 'shown', occurredAt: '2026-06-20T09:15:00.250Z', kind: 'REPLY', credits: -40, workspace: { id: 'ws_e2', name: 'Workspace ws_e2' }, campaign: { id: 'c_e2a', name: 'Campaign c_e2a', archived: false } });
    expect(Date.parse(node.recordedAt)).toBeLessThanOrEqual(Date.parse(data!.usageEntries.asOf));
  });

  it('refuses bad arguments with BAD_USER_INPUT naming them', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ first: 0 }, 'first'],
      [{ first: 501 }, 'first'],
      [{ filter: { campaignId: 'c_e1a', noCampaign: true } }, 'filter.noCampaign'],
      [{ filter: { workspaceId: 'ws_e2', campaignId: 'c_e1a' } }, 'filter.campaignId'],
      [{ filter: { kinds: [] } }, 'filter.kinds'],
      [{ after: 'not a cursor!' }, 'after'],
      [{ window: { from: JUNE_2026.to, to: JUNE_2026.from } }, 'window'],
    ];
    for (const [variables, field] of cases) {
      const response = await entries(variables);
      expect({ field, code: response.errors?.[0]?.extensions?.code }).toEqual({ field, code: 'BAD_USER_INPUT' });
      expect(response.errors![0]!.message).toContain(field);
    }
  });

  it('refuses a cursor used with another window, filter or asOf, and follows its own asOf when none is given', async () => {
    const first = await entries({ filter: { workspaceId: 'ws_e1' }, first: 2 });
    const { endCursor } = first.data!.usageEntries.pageInfo;
    const asOf = first.data!.usageEntries.asOf;
    const later = new Date(Date.parse(asOf) - 1).toISOString();
    for (const variables of [
      { filter: { workspaceId: 'ws_e2' } },
      { filter: { workspaceId: 'ws_e1', kinds: ['REPLY'] } },
      { filter: { workspaceId: 'ws_e1' }, window: { from: JUNE_2026.from, to: '2026-06-30T00:00:00Z' } },
      { filter: { workspaceId: 'ws_e1' }, asOf: later },
    ]) {
      const response = await entries({ ...variables, first: 2, after: endCursor });
      expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(response.errors![0]!.message).toContain('after');
    }
    const other = await server.graphql(ENTRIES, { accountId: 'acct_other', window: JUNE_2026, filter: { workspaceId: 'ws_e1' }, first: 2, after: endCursor });
    expect(other.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const same = await entries({ filter: { workspaceId: 'ws_e1' }, asOf, first: 2, after: endCursor });
    expectNoErrors(same);
    expect(same.data!.usageEntries.asOf).toBe(asOf);
  });

  it('gives an unknown and another account\'s workspace or campaign the same empty connection', async () => {
    const answers = [];
    for (const filter of [{ workspaceId: 'ws_nope' }, { workspaceId: 'ws_other' }, { campaignId: 'c_nope' }, { campaignId: 'c_other' }]) {
      const response = await entries({ filter, first: 5 });
      expectNoErrors(response);
      const { asOf, ...rest } = response.data!.usageEntries;
      answers.push(rest);
    }
    expect(answers[0]).toEqual({ totalCount: 0, totalCredits: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] });
    for (const answer of answers) expect(answer).toEqual(answers[0]);
  });

  it('shows a workspace-scoped embed token only its workspaces, and answers null for another account', async () => {
    const minted = await server.graphql<{ createEmbedToken: { token: string } }>(`mutation { createEmbedToken(accountId: "${ACCOUNT}", workspaceIds: ["ws_e2"]) { token } }`);
    const token = minted.data!.createEmbedToken.token;
    const { nodes } = await walk({ filter: null }, 50, token);
    expect(nodes.length).toBeGreaterThan(0);
    expect(new Set(nodes.map((node) => node.workspace.id))).toEqual(new Set(['ws_e2']));
    const hidden = await entries({ filter: { workspaceId: 'ws_e1' } }, token);
    const missing = await entries({ filter: { workspaceId: 'ws_nope' } }, token);
    expect(hidden.data!.usageEntries).toEqual(missing.data!.usageEntries);
    expect(hidden.data!.usageEntries.totalCount).toBe(0);
    const hiddenCampaign = await entries({ filter: { workspaceId: 'ws_e2', campaignId: 'c_e1a' } }, token);
    expect(hiddenCampaign.data!.usageEntries.totalCount).toBe(0);
    const foreign = await server.graphql(ENTRIES, { accountId: 'acct_other', window: JUNE_2026 }, token);
    expectNoErrors(foreign);
    expect(foreign.data!.usageEntries).toBeNull();
  });

  it('tells when the usage a page counts last arrived, for the visible workspaces only', async () => {
    const query = `query($id: ID!, $window: UsageWindowInput, $asOf: DateTime) { account(id: $id) { usage(window: $window, asOf: $asOf) { asOf lastRecordedAt } } }`;
    expectNoErrors(await record(server, [{ key: 'fresh-e3', accountId: ACCOUNT, workspaceId: 'ws_e3', credits: 1, occurredAt: '2026-06-02T00:00:00Z' }]));
    const whole = await server.graphql(query, { id: ACCOUNT, window: JUNE_2026 });
    expect(whole.data!.account.usage.lastRecordedAt).toBe(whole.data!.account.usage.asOf);
    const { data: e3 } = await entries({ filter: { workspaceId: 'ws_e3' }, first: 500 });
    expect(whole.data!.account.usage.lastRecordedAt).toBe(e3!.usageEntries.edges.map((edge: any) => edge.node.recordedAt).sort().at(-1));
    const minted = await server.graphql<{ createEmbedToken: { token: string } }>(`mutation { createEmbedToken(accountId: "${ACCOUNT}", workspaceIds: ["ws_e1"]) { token } }`);
    const scoped = await server.graphql(query, { id: ACCOUNT, window: JUNE_2026 }, minted.data!.createEmbedToken.token);
    const { nodes } = await walk({ filter: { workspaceId: 'ws_e1' } }, 500);
    expect(scoped.data!.account.usage.lastRecordedAt).toBe(nodes.map((node) => node.recordedAt).sort().at(-1));
    expect(scoped.data!.account.usage.lastRecordedAt < whole.data!.account.usage.lastRecordedAt).toBe(true);
    const empty = await server.graphql(query, { id: ACCOUNT, window: { from: '2020-01-01T00:00:00Z', to: '2020-02-01T00:00:00Z' } });
    expect(empty.data!.account.usage.lastRecordedAt).toBeNull();
  });
});
