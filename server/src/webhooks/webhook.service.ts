/** Webhook endpoints and their deliveries, as the admin key manages them. */
import { randomBytes } from 'node:crypto';
import type { CatalogRepository } from '../catalog';
import { InvalidInputError } from '../errors';
import type { Page } from '../graphql';
import { parseWebhookUrl, resolveTarget, systemResolver, UnsafeTargetError, type HostResolver } from './address-policy';
import { EVENT_TYPE_NAMES, type WebhookEventType } from './event-types';
import type { AttemptRecord, BacklogCounts, EndpointRecord, WebhookRepository } from './webhook.repository';

/** The longest URL accepted: longer ones are not webhook receivers. */
export const MAX_URL_LENGTH = 2048;

export interface WebhookServiceOptions {
  readonly allowPrivate: boolean;
  readonly resolve?: HostResolver;
}

export class WebhookService {
  private readonly resolve: HostResolver;

  constructor(
    private readonly repository: WebhookRepository,
    private readonly catalog: CatalogRepository,
    private readonly options: WebhookServiceOptions,
  ) {
    this.resolve = options.resolve ?? systemResolver;
  }

  /**
   * Checks the URL (form, and where its host resolves now), the account and the events, then
   * stores the endpoint with a new secret, which is answered here once.
   */
  async createEndpoint(input: { accountId: string | null; url: string; events: readonly WebhookEventType[] }, now: Date): Promise<{ endpoint: EndpointRecord; secret: string }> {
    if (input.url.length > MAX_URL_LENGTH) throw InvalidInputError.of('input.url', `must be at most ${MAX_URL_LENGTH} characters, got ${input.url.length}`);
    try {
      await resolveTarget(parseWebhookUrl(input.url, this.options.allowPrivate), this.options.allowPrivate, this.resolve);
    } catch (error) {
      if (error instanceof UnsafeTargetError) throw InvalidInputError.of('input.url', error.message);
      throw error;
    }
    if (input.events.length === 0) throw InvalidInputError.of('input.events', 'must name at least one event type, e.g. [BUDGET_THRESHOLD_CROSSED]');
    if (input.accountId !== null && !(await this.catalog.findAccount(input.accountId))) {
      throw InvalidInputError.of('input.accountId', `no account "${input.accountId}": upsert it first, or leave accountId out for every account`);
    }
    const secret = `whsec_${randomBytes(32).toString('base64')}`;
    const eventTypes = [...new Set(input.events.map((event) => EVENT_TYPE_NAMES[event]))];
    const endpoint = await this.repository.createEndpoint({ accountId: input.accountId, url: input.url, secret, eventTypes }, now);
    return { endpoint, secret };
  }

  deleteEndpoint(id: string): Promise<boolean> {
    return this.repository.deleteEndpoint(id);
  }

  findEndpoint(id: string): Promise<EndpointRecord | null> {
    return this.repository.findEndpoint(id);
  }

  listEndpoints(first: number, after: readonly string[] | null): Promise<Page<EndpointRecord>> {
    return this.repository.listEndpoints(first, after);
  }

  listAttempts(endpointId: string, first: number, after: readonly string[] | null): Promise<Page<AttemptRecord>> {
    return this.repository.listAttempts(endpointId, first, after);
  }

  backlog(endpointId: string, now: Date): Promise<BacklogCounts> {
    return this.repository.backlog(endpointId, now.getTime());
  }

  /** Sends a failed (or delivered) event to the endpoint again, from now, with a fresh 24 h of retries. */
  async redeliver(endpointId: string, eventId: string, now: Date): Promise<boolean> {
    return (await this.repository.redeliver(endpointId, eventId, now.getTime())) !== 'unknown';
  }
}
