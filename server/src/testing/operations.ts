/** The operations the integration tests send, written as a client would. */
import type { TestServer } from './test-server';

export const PAGE_QUERY = /* GraphQL */ `
  query Page($accountId: ID!, $window: UsageWindowInput, $asOf: DateTime) {
    account(id: $accountId) {
      id
      usage(window: $window, asOf: $asOf) {
        window { from to }
        asOf
        totalCredits
        byKind { kind credits }
        workspaces { id workspace { id name } credits share percent }
      }
    }
  }
`;

export const PAGE_WITH_CAMPAIGNS_QUERY = /* GraphQL */ `
  query PageWithCampaigns($accountId: ID!, $window: UsageWindowInput, $asOf: DateTime) {
    account(id: $accountId) {
      usage(window: $window, asOf: $asOf) {
        asOf
        totalCredits
        workspaces {
          workspace { id }
          credits
          campaigns { campaign { id name archived } label credits share percent byKind { kind credits } }
        }
      }
    }
  }
`;

export const EXPAND_QUERY = /* GraphQL */ `
  query Expand($workspaceId: ID!, $window: UsageWindowInput!, $asOf: DateTime) {
    workspaceUsage(workspaceId: $workspaceId, window: $window, asOf: $asOf) {
      id
      credits
      share
      percent
      campaigns { campaign { id name archived } label credits share percent byKind { kind credits } }
    }
  }
`;

export const RECORD_USAGE = /* GraphQL */ `
  mutation Record($entries: [UsageEntryInput!]!) {
    recordUsage(entries: $entries) { accepted duplicates }
  }
`;

export interface CatalogSpec {
  readonly accountId: string;
  readonly timezone?: string;
  readonly workspaces: ReadonlyArray<{ id: string; name?: string; campaigns?: ReadonlyArray<{ id: string; name?: string; archived?: boolean }> }>;
}

/** Upserts an account with its workspaces and campaigns through the API (admin key). */
export async function upsertCatalog(server: TestServer, spec: CatalogSpec): Promise<void> {
  const account = await server.graphql(
    `mutation($input: AccountInput!) { upsertAccount(input: $input) { id } }`,
    { input: { id: spec.accountId, name: `Account ${spec.accountId}`, timezone: spec.timezone ?? 'Europe/Berlin' } },
  );
  expectNoErrors(account);
  for (const workspace of spec.workspaces) {
    const created = await server.graphql(`mutation($input: WorkspaceInput!) { upsertWorkspace(input: $input) { id } }`, {
      input: { id: workspace.id, accountId: spec.accountId, name: workspace.name ?? `Workspace ${workspace.id}` },
    });
    expectNoErrors(created);
    for (const campaign of workspace.campaigns ?? []) {
      const upserted = await server.graphql(`mutation($input: CampaignInput!) { upsertCampaign(input: $input) { id } }`, {
        input: { id: campaign.id, workspaceId: workspace.id, name: campaign.name ?? `Campaign ${campaign.id}`, archived: campaign.archived ?? false },
      });
      expectNoErrors(upserted);
    }
  }
}

export interface EntrySpec {
  readonly key: string;
  readonly accountId: string;
  readonly workspaceId: string;
  readonly campaignId?: string | null;
  readonly kind?: string;
  readonly credits: number;
  readonly occurredAt?: string;
}

export function entry(spec: EntrySpec): Record<string, unknown> {
  return {
    idempotencyKey: spec.key,
    accountId: spec.accountId,
    workspaceId: spec.workspaceId,
    campaignId: spec.campaignId ?? null,
    kind: spec.kind ?? (spec.campaignId ? 'FIRST_EMAIL_DRAFT' : 'LEAD_FINDING'),
    credits: spec.credits,
    occurredAt: spec.occurredAt ?? '2026-06-10T12:00:00Z',
  };
}

export async function record(server: TestServer, entries: readonly EntrySpec[], token?: string | null) {
  return server.graphql<{ recordUsage: { accepted: number; duplicates: number } }>(RECORD_USAGE, { entries: entries.map(entry) }, token);
}

export function expectNoErrors(response: { errors?: unknown[]; status: number }): void {
  if (response.errors?.length) throw new Error(`unexpected errors (HTTP ${response.status}): ${JSON.stringify(response.errors)}`);
}

export const JUNE_2026 = { from: '2026-05-31T22:00:00.000Z', to: '2026-06-30T22:00:00.000Z' };
