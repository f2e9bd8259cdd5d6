import { CREDIT_KINDS, type CreditKind, type TimeWindow } from '@creditlens/usage-math';
import { visibleWorkspaces, type Principal } from '../access';
import type { CatalogRepository } from '../catalog';
import { InvalidInputError } from '../errors';
import { checkFirst, decodeAfter, encodeCursor, type Listing } from '../graphql';
import type { EntryPosition, EntryRow, EntryScope, EntryTotals, NamedEntryRow, UsageEntriesRepository } from './usage-entries.repository';
import type { UsageSnapshot } from './usage.model';
import type { AccountRef, UsageService } from './usage.service';

/** A filter as a caller gives it (GraphQL's UsageEntryFilter, the entries CSV's parameters). */
export interface EntryFilterInput {
  readonly workspaceId?: string | null;
  readonly campaignId?: string | null;
  readonly noCampaign?: boolean | null;
  readonly kinds?: readonly CreditKind[] | null;
}

/** A filter checked and in one spelling: the same listing whatever order the kinds came in. */
export interface EntryFilter {
  readonly workspaceId: string | null;
  readonly campaignId: string | null;
  readonly noCampaign: boolean;
  readonly kinds: readonly CreditKind[] | null;
}

export interface EntriesRequest {
  readonly window: TimeWindow;
  readonly asOf: Date | null;
  readonly filter: EntryFilterInput | null;
}

export interface EntriesPage {
  readonly rows: readonly NamedEntryRow[];
  readonly cursors: readonly string[];
  readonly hasNextPage: boolean;
  readonly totals: EntryTotals;
  readonly asOf: number;
}

/** The rows the CSV streams: what usageEntries lists, a batch at a time. */
export interface EntriesStream {
  readonly asOf: number;
  readonly batches: AsyncIterable<readonly EntryRow[]>;
}

const LISTING = 'usageEntries';

/**
 * The ledger entries behind any row of a usage page (usageEntries, GET /export/entries.csv):
 * the filter names the row, the caller's visible workspaces bound it, and the totals are the
 * row's own numbers at the same asOf. A cursor is the position [asOf, occurredAt, idempotencyKey]
 * in the listing of (account, window, filter): a later page may leave asOf out and reads the
 * cursor's, and any other account, window, filter or asOf is BAD_USER_INPUT on `after`.
 */
export class UsageEntriesService {
  constructor(
    private readonly catalog: CatalogRepository,
    private readonly usage: UsageService,
    private readonly entries: UsageEntriesRepository,
  ) {}

  async page(principal: Principal, account: AccountRef, request: EntriesRequest & { readonly first?: number | null; readonly after?: string | null }): Promise<EntriesPage> {
    const first = checkFirst(request.first);
    const filter = checkFilter(request.filter);
    const listing = listingOf(account.id, request.window, filter);
    const after = decodeAfter(request.after, listing);
    const snapshot = await this.snapshotOf(account, request, after);
    const scope = await this.scopeOf(principal, snapshot, filter);
    if (!scope) return { rows: [], cursors: [], hasNextPage: false, totals: { count: 0, credits: 0n }, asOf: snapshot.asOf };
    const position: EntryPosition | null = after && { occurredAt: Number(after[1]), idempotencyKey: after[2]! };
    const [totals, rows] = await Promise.all([this.entries.totals(scope), this.entries.namedPage(scope, position, first + 1)]);
    const shown = rows.slice(0, first);
    return { rows: shown, cursors: shown.map((row) => cursorOf(listing, snapshot.asOf, row)), hasNextPage: rows.length > first, totals, asOf: snapshot.asOf };
  }

  /** AccountUsage.lastRecordedAt: of the snapshot's entries in the visible workspaces (null: all). */
  lastRecordedAt(snapshot: UsageSnapshot, visible: ReadonlySet<string> | null): Promise<number | null> {
    return this.entries.lastRecordedAt(snapshot, visible === null ? null : [...visible]);
  }

  /** Every entry of the listing, in its order, in keyset batches of `batchSize` (the CSV export). */
  async stream(principal: Principal, account: AccountRef, request: EntriesRequest, batchSize: number): Promise<EntriesStream> {
    const filter = checkFilter(request.filter);
    const snapshot = await this.usage.snapshot(account, request.window, request.asOf);
    const scope = await this.scopeOf(principal, snapshot, filter);
    const entries = this.entries;
    async function* batches(): AsyncGenerator<readonly EntryRow[]> {
      if (!scope) return;
      let after: EntryPosition | null = null;
      for (;;) {
        const rows = await entries.page(scope, after, batchSize);
        if (rows.length > 0) yield rows;
        if (rows.length < batchSize) return;
        after = rows[rows.length - 1]!;
      }
    }
    return { asOf: snapshot.asOf, batches: batches() };
  }

  /** The snapshot of the listing: the cursor's asOf on a later page, which an asOf given must equal. */
  private async snapshotOf(account: AccountRef, request: EntriesRequest, after: readonly string[] | null): Promise<UsageSnapshot> {
    if (!after) return this.usage.snapshot(account, request.window, request.asOf);
    const [asOf, occurredAt] = after.map(Number);
    if (!Number.isSafeInteger(asOf) || !Number.isSafeInteger(occurredAt)) {
      throw InvalidInputError.of('after', 'is not a cursor: pass the endCursor (or an edge cursor) of a page of this listing');
    }
    const snapshot = await this.usage.snapshot(account, request.window, request.asOf ?? new Date(asOf!));
    if (snapshot.asOf !== asOf) {
      throw InvalidInputError.of('after', `is a cursor of the listing at asOf ${new Date(asOf!).toISOString()}, not at ${new Date(snapshot.asOf).toISOString()}: pass that asOf, or leave asOf out`);
    }
    return snapshot;
  }

  /**
   * What the filter selects for this caller, or null for nothing: an unknown workspace or
   * campaign, or one the caller may not see, gives the same empty listing. Only a campaign
   * the caller sees in another workspace it sees is an error.
   */
  private async scopeOf(principal: Principal, snapshot: UsageSnapshot, filter: EntryFilter): Promise<EntryScope | null> {
    const visible = visibleWorkspaces(principal);
    const sees = (workspaceId: string) => visible === null || visible.has(workspaceId);
    const base = { snapshot, kinds: filter.kinds, campaignId: filter.noCampaign ? null : undefined };
    let workspaceId = filter.workspaceId;
    if (workspaceId !== null) {
      const [workspace] = await this.catalog.findWorkspaces([workspaceId]);
      if (!workspace || workspace.accountId !== snapshot.accountId || !sees(workspace.id)) return null;
    }
    if (filter.campaignId !== null) {
      const [campaign] = await this.catalog.findCampaigns([filter.campaignId]);
      if (!campaign || campaign.accountId !== snapshot.accountId || !sees(campaign.workspaceId)) return null;
      if (workspaceId !== null && campaign.workspaceId !== workspaceId) {
        throw InvalidInputError.of('filter.campaignId', `campaign "${campaign.id}" is not a campaign of workspace "${workspaceId}": give its own workspace, or leave workspaceId out`);
      }
      workspaceId = campaign.workspaceId;
      return { ...base, workspaceIds: [workspaceId], campaignId: campaign.id };
    }
    if (workspaceId !== null) return { ...base, workspaceIds: [workspaceId] };
    return { ...base, workspaceIds: visible === null ? null : [...visible].sort() };
  }
}

export function checkFilter(input: EntryFilterInput | null): EntryFilter {
  const campaignId = input?.campaignId ?? null;
  const noCampaign = input?.noCampaign === true;
  if (campaignId !== null && noCampaign) {
    throw InvalidInputError.of('filter.noCampaign', "cannot be true with filter.campaignId: a campaign's entries all have that campaign; give one or the other");
  }
  const kinds = input?.kinds ?? null;
  if (kinds !== null && kinds.length === 0) throw InvalidInputError.of('filter.kinds', 'must name at least one kind; leave it out for every kind');
  return {
    workspaceId: input?.workspaceId ?? null,
    campaignId,
    noCampaign,
    kinds: kinds === null ? null : CREDIT_KINDS.filter((kind) => kinds.includes(kind)),
  };
}

/** The listing a cursor belongs to: account, window and filter (its asOf is part of the position). */
type EntryListing = Pick<Listing<EntryRow>, 'name' | 'scope' | 'keyLength'>;

function listingOf(accountId: string, window: TimeWindow, filter: EntryFilter): EntryListing {
  const scope = JSON.stringify([accountId, window.from.getTime(), window.to.getTime(), filter.workspaceId, filter.campaignId, filter.noCampaign, filter.kinds]);
  return { name: LISTING, scope, keyLength: 3 };
}

function cursorOf(listing: EntryListing, asOf: number, row: EntryRow): string {
  return encodeCursor({ listing: listing.name, scope: listing.scope, key: [String(asOf), String(row.occurredAt), row.idempotencyKey] });
}
