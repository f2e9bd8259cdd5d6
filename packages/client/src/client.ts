import { BatchBuilder, DEFAULT_BATCH_ENTRIES, MAX_BATCH_ENTRIES, MAX_REQUEST_BYTES, splitIntoBatches, type Batch, type BatchLimits } from './batches.js';
import { CreditlensError, RecordUsageError, type ErrorCode, type InputProblem } from './errors.js';
import {
  AccountBreakdownDocument,
  AccountInvoiceDocument,
  AccountPeriodsDocument,
  AccountSeriesDocument,
  AccountUsageComparisonDocument,
  AccountUsageDocument,
  BillingPeriodsDocument,
  DeleteBudgetDocument,
  CreateWebhookEndpointDocument,
  DeleteWebhookEndpointDocument,
  CloseBillingPeriodDocument,
  ListAccountsDocument,
  ListBudgetsDocument,
  ListApiKeysDocument,
  ListWebhookDeliveriesDocument,
  ListWebhookEndpointsDocument,
  ListWorkspacesDocument,
  RecordUsageDocument,
  SetBudgetDocument,
  RedeliverWebhookEventDocument,
  UsageEntriesDocument,
  WorkspaceCampaignSeriesDocument,
  WorkspaceCampaignsDocument,
  type BudgetInput,
  type ListAccountsQuery,
  type ListApiKeysQuery,
  type ListWebhookDeliveriesQuery,
  type ListWebhookEndpointsQuery,
  type ListWorkspacesQuery,
  type TypedDocumentString,
  type UsageEntryFilter,
  type WebhookEndpointInput,
  type UsageEntryInput,
  type UsageWindowInput,
} from './generated/graphql.js';
import type {
  AccountBreakdown,
  AccountPeriods,
  AccountSeries,
  AccountWithComparison,
  AccountWithUsage,
  BillingPeriods,
  BudgetFields,
  EntriesPage,
  Granularity,
  Invoice,
  WorkspaceCampaigns,
  WorkspaceCampaignSeries,
} from './results.js';
import { TRANSIENT_STATUSES, parseRetryAfter, retryPolicy, type RetryOptions, type RetryPolicy } from './retry.js';

export interface CreditlensClientOptions {
  /** The GraphQL URL, e.g. https://creditlens.example.com/graphql. The CSV export is on the same origin. */
  readonly endpoint: string;
  /** An admin key or an account API key, sent as `Authorization: Bearer <token>`. */
  readonly token: string;
  readonly retry?: RetryOptions;
  /** Defaults to the global fetch (Node 18+, browsers). */
  readonly fetch?: typeof fetch;
}

/** One page of accounts (admin key): its rows, whether more follow, and how many there are in all. */
export type AccountsPage = ListAccountsQuery['accounts'];
/** One page of an account's workspaces. */
export type WorkspacesPage = NonNullable<ListWorkspacesQuery['account']>['workspaces'];
export type ApiKeyInfo = NonNullable<ListApiKeysQuery['account']>['apiKeys'][number];
/** A budget with its scope (workspace and campaign null on the account-wide one). */
export type BudgetInfo = BudgetFields;
/** One page of webhook endpoints (admin key), with each one's backlog. */
export type WebhookEndpointsPage = ListWebhookEndpointsQuery['webhookEndpoints'];
/** One page of an endpoint's delivery attempts, newest first. */
export type WebhookDeliveriesPage = NonNullable<ListWebhookDeliveriesQuery['webhookDeliveries']>;
/** A webhook endpoint just created: its id and its signing secret, shown this once. */
export interface CreatedWebhookEndpoint {
  readonly id: string;
  readonly secret: string;
}

export interface ListOptions {
  /** Rows per request, 1 to 500; the server's default (50) when left out. */
  readonly pageSize?: number;
}

/** Which entries listEntries and streamEntriesCsv read: the row they explain, at one asOf. */
export interface EntriesOptions extends ListOptions {
  /** The page's asOf, so the entries add up to the row it showed; left out, the latest. */
  readonly asOf?: string;
  /** A workspace, a campaign, or noCampaign for the No campaign row (of workspaceId, or of every workspace); kinds optional. */
  readonly filter?: UsageEntryFilter;
}

export interface RecordProgress {
  /** 1-based number of the batch just recorded, and how many there are. */
  readonly batch: number;
  readonly batches: number;
  /** Entries in the batches recorded so far, of all entries. */
  readonly entriesDone: number;
  readonly entriesTotal: number;
  readonly accepted: number;
  readonly duplicates: number;
}

export interface RetryNotice {
  /** 1-based retry about to happen, and the most there will be. */
  readonly retry: number;
  readonly retries: number;
  readonly delayMs: number;
  /** e.g. "HTTP 429" or "network error: fetch failed". */
  readonly reason: string;
}

export interface RecordUsageOptions {
  /** Called after each batch the server committed: at least every 1,000 entries unless `limits` asks for larger batches. */
  readonly onProgress?: (progress: RecordProgress) => void;
  /**
   * Batch sizes. Default 1,000 entries (so progress comes at least that often) and the server's
   * 8 MiB; at most the server's 10,000 entries.
   */
  readonly limits?: Partial<BatchLimits>;
}

export interface RecordUsageSummary {
  readonly accepted: number;
  readonly duplicates: number;
  readonly batches: number;
}

interface GraphQLBody<T> {
  readonly data?: T | null;
  /** `code` is taken as the server sent it: one of ErrorCode, or a code a newer server added. */
  readonly errors?: ReadonlyArray<{ message: string; extensions?: { code?: ErrorCode; problems?: InputProblem[] } }>;
}

/**
 * A typed client for the Creditlens API. Every call retries transient failures (429, 502–504,
 * network) with exponential backoff and jitter, honouring Retry-After; other errors surface as
 * CreditlensError with the server's code and message.
 */
export class CreditlensClient {
  private readonly fetch: typeof fetch;
  private readonly retry: RetryPolicy;
  /** Called before each retry (the CLI prints it); set it after construction if you like. */
  onRetry: ((notice: RetryNotice) => void) | undefined;

  constructor(private readonly options: CreditlensClientOptions) {
    this.fetch = options.fetch ?? globalThis.fetch;
    this.retry = retryPolicy(options.retry);
    new URL(options.endpoint);
  }

  /** An account's usage by workspace (the page query); null when the account does not exist or the token may not see it. */
  async getAccountUsage(accountId: string, options: { window?: UsageWindowInput; asOf?: string } = {}): Promise<AccountWithUsage | null> {
    const data = await this.execute(AccountUsageDocument, { accountId, window: options.window ?? null, asOf: options.asOf ?? null });
    return data.account;
  }

  /** The account's name, time zone and current billing period; null like getAccountUsage. */
  async getAccountPeriods(accountId: string): Promise<AccountPeriods | null> {
    return (await this.execute(AccountPeriodsDocument, { accountId })).account;
  }

  /**
   * The page with every workspace's campaign rows (No campaign included) in one request, all at
   * one snapshot: what a report of the whole account needs, whatever the number of workspaces.
   * Null like getAccountUsage.
   */
  async getAccountBreakdown(accountId: string, options: { window?: UsageWindowInput; asOf?: string } = {}): Promise<AccountBreakdown | null> {
    const data = await this.execute(AccountBreakdownDocument, { accountId, window: options.window ?? null, asOf: options.asOf ?? null });
    return data.account;
  }

  /** The current billing period and the `last` − 1 before it (default 12 in all), newest first; null like getAccountUsage. */
  async getBillingPeriods(accountId: string, options: { last?: number } = {}): Promise<BillingPeriods | null> {
    return (await this.execute(BillingPeriodsDocument, { accountId, last: options.last ?? null })).account;
  }

  /**
   * The invoice of one billing period (a calendar month in the account's zone; any other window is
   * BAD_USER_INPUT). Null when the account does not exist or the token may not see it.
   */
  async getInvoice(accountId: string, period: UsageWindowInput, options: { asOf?: string } = {}): Promise<Invoice | null> {
    return (await this.execute(AccountInvoiceDocument, { accountId, period, ...(options.asOf ? { asOf: options.asOf } : {}) })).account?.invoice ?? null;
  }

  /**
   * Closes a billing period that has ended (admin key only): its invoice becomes final and
   * entries dated in it are refused from then on. Closing it again answers the same invoice.
   */
  async closeBillingPeriod(accountId: string, period: UsageWindowInput): Promise<Invoice> {
    return (await this.execute(CloseBillingPeriodDocument, { accountId, period })).closeBillingPeriod;
  }

  /**
   * The ledger entries behind a row, page after page at one asOf (occurredAt descending, then
   * idempotency key): `for await (const page of client.listEntries(accountId, window, { filter }))`.
   * Every page carries the row's totalCount and totalCredits. Yields no page when the account does
   * not exist or the token may not see it.
   */
  listEntries(accountId: string, window: UsageWindowInput, options: EntriesOptions = {}): AsyncGenerator<EntriesPage> {
    return pagesOf(async (after) => {
      // Later pages follow their cursor's asOf, so a walk begun without one stays at its first page's.
      const asOf = after === null ? (options.asOf ?? null) : null;
      return (await this.execute(UsageEntriesDocument, { accountId, window, asOf, filter: options.filter ?? null, first: options.pageSize ?? null, after })).usageEntries;
    });
  }

  /**
   * The same entries as the server's CSV (GET /export/entries.csv), as text chunks while they
   * arrive: a header line, then one line per entry. The filter takes workspaceId, and campaignId
   * or noCampaign (not kinds).
   */
  async *streamEntriesCsv(accountId: string, window: UsageWindowInput, options: Omit<EntriesOptions, 'pageSize'> = {}): AsyncGenerator<string> {
    const response = await this.requestExport('/export/entries.csv', {
      accountId,
      from: window.from,
      to: window.to,
      asOf: options.asOf,
      workspaceId: options.filter?.workspaceId,
      campaignId: options.filter?.campaignId,
      noCampaign: options.filter?.noCampaign ? '1' : undefined,
    });
    if (!response.ok || !response.body) throw errorFromBody(response.status, await response.text());
    const decoder = new TextDecoder();
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      yield decoder.decode(value, { stream: true });
    }
    const rest = decoder.decode();
    if (rest) yield rest;
  }

  /**
   * One workspace's campaign rows with its No campaign row (the expand query). Pass the page's
   * `asOf` so the rows add up to the workspace total the page showed. Null when the workspace is
   * unknown, not visible, or had no usage in the window.
   */
  async getWorkspaceCampaigns(workspaceId: string, window: UsageWindowInput, options: { asOf?: string } = {}): Promise<WorkspaceCampaigns | null> {
    const data = await this.execute(WorkspaceCampaignsDocument, { workspaceId, window, asOf: options.asOf ?? null });
    return data.workspaceUsage;
  }

  /**
   * The page with each workspace's previousCredits and change against the comparison window
   * (the previous billing period for a billing period, else the same length just before; only
   * the elapsed part while the window runs). Null like getAccountUsage.
   */
  async getAccountComparison(accountId: string, options: { window?: UsageWindowInput; asOf?: string } = {}): Promise<AccountWithComparison | null> {
    return (await this.execute(AccountUsageComparisonDocument, { accountId, window: options.window ?? null, asOf: options.asOf ?? null })).account;
  }

  /**
   * Usage over time: the account's series (default granularity DAY, buckets in the account's time
   * zone), the comparison, and every workspace row's series and change, at one snapshot. Null like
   * getAccountUsage.
   */
  async getAccountSeries(accountId: string, options: { window?: UsageWindowInput; asOf?: string; granularity?: Granularity } = {}): Promise<AccountSeries | null> {
    const variables = { accountId, window: options.window ?? null, asOf: options.asOf ?? null, granularity: options.granularity ?? 'DAY' };
    return (await this.execute(AccountSeriesDocument, variables)).account;
  }

  /** One workspace's series and change with those of its campaign rows (No campaign included). Pass the page's `asOf`; null like getWorkspaceCampaigns. */
  async getWorkspaceCampaignSeries(
    workspaceId: string,
    window: UsageWindowInput,
    options: { asOf?: string; granularity?: Granularity } = {},
  ): Promise<WorkspaceCampaignSeries | null> {
    const variables = { workspaceId, window, asOf: options.asOf ?? null, granularity: options.granularity ?? 'DAY' };
    return (await this.execute(WorkspaceCampaignSeriesDocument, variables)).workspaceUsage;
  }

  /**
   * Every account (admin key only), page after page by id: `for await (const page of
   * client.listAccounts()) …`. Each page is one request, made when the loop asks for it.
   */
  listAccounts(options: ListOptions = {}): AsyncGenerator<AccountsPage> {
    return pagesOf(async (after) => (await this.execute(ListAccountsDocument, { first: options.pageSize ?? null, after })).accounts);
  }

  /**
   * Every workspace of an account, usage or not, page after page by name then id. Yields no page
   * at all when the account does not exist or the token may not see it (an account without
   * workspaces yields one empty page).
   */
  listWorkspaces(accountId: string, options: ListOptions = {}): AsyncGenerator<WorkspacesPage> {
    return pagesOf(async (after) => (await this.execute(ListWorkspacesDocument, { accountId, first: options.pageSize ?? null, after })).account?.workspaces ?? null);
  }

  /** An account's API keys with their labels, expiry, last use and revocation (admin key only); null like getAccountUsage. */
  async listApiKeys(accountId: string): Promise<ApiKeyInfo[] | null> {
    return (await this.execute(ListApiKeysDocument, { accountId })).account?.apiKeys ?? null;
  }

  /**
   * Sets the budget of the account, a workspace or a campaign (admin key, or an API key with
   * USAGE_WRITE for its account); a scope that has one gets it replaced, keeping its id.
   * Thresholds default to [50, 80, 100]. Bad input is a CreditlensError with code BAD_USER_INPUT.
   */
  async setBudget(input: BudgetInput): Promise<BudgetInfo> {
    return (await this.execute(SetBudgetDocument, { input })).setBudget;
  }

  /** Deletes a budget; false for an unknown id and for one the credential may not manage. */
  async deleteBudget(id: string): Promise<boolean> {
    return (await this.execute(DeleteBudgetDocument, { id })).deleteBudget;
  }

  /** An account's budgets, the account-wide one first, then workspaces', then campaigns'; null like getAccountUsage. */
  async listBudgets(accountId: string): Promise<BudgetInfo[] | null> {
    return (await this.execute(ListBudgetsDocument, { accountId })).account?.budgets ?? null;
  }

  /**
   * Subscribes a URL to events (admin key only): for one account, or every account when
   * `accountId` is left out. Keep the answer's `secret` (it is shown once): receivers verify each
   * request's `webhook-signature` with it.
   */
  async createWebhookEndpoint(input: WebhookEndpointInput): Promise<CreatedWebhookEndpoint> {
    return (await this.execute(CreateWebhookEndpointDocument, { input })).createWebhookEndpoint;
  }

  /** Removes an endpoint with its pending deliveries (admin key only); false for an unknown id. */
  async deleteWebhookEndpoint(id: string): Promise<boolean> {
    return (await this.execute(DeleteWebhookEndpointDocument, { id })).deleteWebhookEndpoint;
  }

  /** Delivers an event to an endpoint again with a fresh 24 hours of retries (admin key only); false when the endpoint or the event is unknown to it. */
  async redeliverWebhookEvent(endpointId: string, eventId: string): Promise<boolean> {
    return (await this.execute(RedeliverWebhookEventDocument, { endpointId, eventId })).redeliverWebhookEvent;
  }

  /** Every webhook endpoint (admin key only), page after page, oldest first. */
  listWebhookEndpoints(options: ListOptions = {}): AsyncGenerator<WebhookEndpointsPage> {
    return pagesOf(async (after) => (await this.execute(ListWebhookEndpointsDocument, { first: options.pageSize ?? null, after })).webhookEndpoints);
  }

  /**
   * An endpoint's delivery attempts (admin key only), page after page, newest first. Yields no
   * page at all for an unknown endpoint (one without attempts yields one empty page).
   */
  listWebhookDeliveries(endpointId: string, options: ListOptions = {}): AsyncGenerator<WebhookDeliveriesPage> {
    return pagesOf(async (after) => (await this.execute(ListWebhookDeliveriesDocument, { endpointId, first: options.pageSize ?? null, after })).webhookDeliveries);
  }

  /**
   * Records entries in batches within the server's limits, one after another. Each batch is
   * atomic and idempotent, so a retried or rerun batch never counts twice. A rejected batch stops
   * the run with a RecordUsageError; the batches before it stay recorded.
   */
  async recordUsage(entries: readonly UsageEntryInput[], options: RecordUsageOptions = {}): Promise<RecordUsageSummary> {
    const limits = this.batchLimits(options.limits);
    const batches = splitIntoBatches(entries, this.recordEnvelopeBytes, limits);
    return this.recordBatches(batches, { entries: entries.length, batches: batches.length }, options);
  }

  /**
   * recordUsage for a stream of entries (e.g. read from a file as it is parsed): one batch in
   * memory at a time. `totals` (from planBatches over the same entries) makes the progress say
   * "of how many"; without it, the totals reported are those so far.
   */
  async recordUsageStream(
    entries: AsyncIterable<UsageEntryInput> | Iterable<UsageEntryInput>,
    options: RecordUsageOptions & { readonly totals?: { readonly entries: number; readonly batches: number } } = {},
  ): Promise<RecordUsageSummary> {
    const builder = new BatchBuilder<UsageEntryInput>(this.recordEnvelopeBytes, this.batchLimits(options.limits));
    async function* batches() {
      for await (const entry of entries) {
        const closed = builder.add(entry);
        if (closed) yield closed;
      }
      const last = builder.finish();
      if (last) yield last;
    }
    return this.recordBatches(batches(), options.totals, options);
  }

  /** How many entries and batches recordUsage or recordUsageStream will send these entries in (nothing is sent). */
  async planBatches(entries: AsyncIterable<UsageEntryInput> | Iterable<UsageEntryInput>, limits?: Partial<BatchLimits>): Promise<{ entries: number; batches: number }> {
    const builder = new BatchBuilder<UsageEntryInput>(this.recordEnvelopeBytes, this.batchLimits(limits));
    let count = 0;
    let batches = 0;
    for await (const entry of entries) {
      count++;
      if (builder.add(entry)) batches++;
    }
    return { entries: count, batches: batches + (builder.finish() ? 1 : 0) };
  }

  private get recordEnvelopeBytes(): number {
    return new TextEncoder().encode(requestBody(RecordUsageDocument, { entries: [] })).length;
  }

  private batchLimits(limits: Partial<BatchLimits> | undefined): BatchLimits {
    return {
      maxEntries: Math.min(limits?.maxEntries ?? DEFAULT_BATCH_ENTRIES, MAX_BATCH_ENTRIES),
      maxBytes: Math.min(limits?.maxBytes ?? MAX_REQUEST_BYTES, MAX_REQUEST_BYTES),
    };
  }

  private async recordBatches(
    batches: AsyncIterable<Batch<UsageEntryInput>> | Iterable<Batch<UsageEntryInput>>,
    totals: { readonly entries: number; readonly batches: number } | undefined,
    options: RecordUsageOptions,
  ): Promise<RecordUsageSummary> {
    let accepted = 0;
    let duplicates = 0;
    let sent = 0;
    for await (const batch of batches) {
      try {
        const { recordUsage } = await this.execute(RecordUsageDocument, { entries: batch.items });
        accepted += recordUsage.accepted;
        duplicates += recordUsage.duplicates;
      } catch (error) {
        if (!(error instanceof CreditlensError)) throw error;
        throw new RecordUsageError(error, batch.start, { accepted, duplicates, entriesDone: batch.start });
      }
      sent++;
      const entriesDone = batch.start + batch.items.length;
      options.onProgress?.({
        batch: sent,
        batches: totals?.batches ?? sent,
        entriesDone,
        entriesTotal: totals?.entries ?? entriesDone,
        accepted,
        duplicates,
      });
    }
    return { accepted, duplicates, batches: sent };
  }

  /**
   * The breakdown as CSV (GET /export/usage.csv on the endpoint's origin): a header line, then one
   * line per campaign row in the page's order.
   */
  async exportCsv(accountId: string, window: UsageWindowInput, options: { asOf?: string } = {}): Promise<string> {
    return this.exportFile('/export/usage.csv', accountId, window, options);
  }

  /**
   * The campaign rows' series as CSV (GET /export/usage-series.csv): one line per (workspace,
   * campaign row, bucket) in the page's order; granularity DAY by default.
   */
  async exportSeriesCsv(accountId: string, window: UsageWindowInput, options: { asOf?: string; granularity?: Granularity } = {}): Promise<string> {
    return this.exportFile('/export/usage-series.csv', accountId, window, { ...options, granularity: options.granularity ?? 'DAY' });
  }

  private async exportFile(path: string, accountId: string, window: UsageWindowInput, options: { asOf?: string; granularity?: Granularity }): Promise<string> {
    const response = await this.requestExport(path, { accountId, from: window.from, to: window.to, asOf: options.asOf, granularity: options.granularity });
    const text = await response.text();
    if (response.ok) return text;
    throw errorFromBody(response.status, text);
  }

  /** GET of one of the server's CSV exports on the endpoint's origin; parameters without a value are left out. */
  private requestExport(path: string, params: Readonly<Record<string, string | null | undefined>>): Promise<Response> {
    const url = new URL(path, this.options.endpoint);
    for (const [name, value] of Object.entries(params)) if (value) url.searchParams.set(name, value);
    return this.send(url, { method: 'GET', headers: { accept: 'text/csv', authorization: `Bearer ${this.options.token}` } });
  }

  /** Runs any typed document against the API (the generated documents, or your own). */
  async execute<TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>, variables: TVariables): Promise<TResult> {
    const response = await this.send(this.options.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        authorization: `Bearer ${this.options.token}`,
      },
      body: requestBody(document, variables),
    });
    const text = await response.text();
    const body = parseJson<GraphQLBody<TResult>>(text);
    if (!isGraphQLAnswer(response, body)) throw notGraphQL(this.options.endpoint, response, text);
    if (body?.errors?.length || !body?.data) throw errorFromBody(response.status, text);
    return body.data;
  }

  /** One HTTP exchange, retried while the failure is transient; the last response or error wins. */
  private async send(url: string | URL, init: RequestInit): Promise<Response> {
    for (let retry = 0; ; retry++) {
      let reason: string;
      let retryAfterMs: number | undefined;
      try {
        const response = await this.fetch(url, init);
        if (!TRANSIENT_STATUSES.has(response.status) || retry === this.retry.retries) return response;
        reason = `HTTP ${response.status}`;
        retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), Date.now());
        await response.body?.cancel();
      } catch (error) {
        const message = error instanceof Error ? `${error.message}${causeOf(error)}` : String(error);
        if (retry === this.retry.retries) throw new CreditlensError('NETWORK_ERROR', `cannot reach ${String(url)}: ${message}`, undefined);
        reason = `network error: ${message}`;
      }
      const delayMs = this.retry.delayMs(retry + 1, retryAfterMs);
      this.onRetry?.({ retry: retry + 1, retries: this.retry.retries, delayMs, reason });
      await this.retry.sleep(delayMs);
    }
  }
}

/** Follows endCursor until hasNextPage is false; a null page (an invisible account) ends it at once. */
async function* pagesOf<P extends { pageInfo: { hasNextPage: boolean; endCursor: string | null } }>(fetchPage: (after: string | null) => Promise<P | null>): AsyncGenerator<P> {
  let after: string | null = null;
  for (;;) {
    const page: P | null = await fetchPage(after);
    if (!page) return;
    yield page;
    if (!page.pageInfo.hasNextPage) return;
    after = page.pageInfo.endCursor;
  }
}

/**
 * A GraphQL server answers JSON with `data` or `errors`. A 404, or any other answer below 500 that
 * is not such JSON (an HTML page, a web app's JSON), means the URL is not the GraphQL endpoint;
 * a 5xx that is not GraphQL is a proxy or server in trouble, reported as HTTP_<status>.
 */
function isGraphQLAnswer<T>(response: Response, body: GraphQLBody<T> | undefined): body is GraphQLBody<T> {
  if (response.status === 404) return false;
  const graphQLShaped = typeof body === 'object' && body !== null && ('data' in body || Array.isArray(body.errors));
  return graphQLShaped || response.status >= 500;
}

function notGraphQL(endpoint: string, response: Response, text: string): CreditlensError {
  const type = response.headers.get('content-type')?.split(';')[0] ?? 'no content type';
  const looksLike = /^\s*</.test(text) ? 'an HTML page' : text.trim() === '' ? 'an empty body' : type;
  return new CreditlensError(
    'NOT_GRAPHQL_ENDPOINT',
    `${endpoint} is not a Creditlens GraphQL URL (HTTP ${response.status}, ${looksLike}); it ends in /graphql, e.g. http://localhost:4000/graphql`,
    response.status,
  );
}

function requestBody(document: { toString(): string }, variables: unknown): string {
  return JSON.stringify({ query: document.toString(), variables });
}

function causeOf(error: Error): string {
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? ` (${cause.message})` : '';
}

function parseJson<T>(text: string): T | undefined {
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

/** Apollo reports variables that fail their type as HTTP 400 without problems; the path is in the message. */
const VARIABLE_PATH = /at "entries\[(\d+)\](?:\.([\w.]+))?"/;

function errorFromBody(status: number, text: string): CreditlensError {
  const body = parseJson<GraphQLBody<unknown>>(text);
  const errors = body?.errors ?? [];
  if (errors.length === 0) {
    const excerpt = text.trim().slice(0, 200);
    return new CreditlensError(`HTTP_${status}`, `HTTP ${status}${excerpt ? `: ${excerpt}` : ''}`, status);
  }
  const first = errors[0]!;
  const problems: InputProblem[] = errors.flatMap((error) => {
    if (error.extensions?.problems) return error.extensions.problems;
    const at = VARIABLE_PATH.exec(error.message);
    return at ? [{ index: Number(at[1]), field: at[2] ?? '', message: error.message }] : [];
  });
  const message = errors.map((error) => error.message).join('; ');
  return new CreditlensError(first.extensions?.code ?? `HTTP_${status}`, message, status, problems);
}
