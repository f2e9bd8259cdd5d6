/** Webhook endpoints, their delivery attempts and redelivery: the admin key only. */
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { assertAdmin } from '../access';
import { connectionOf, PageArgs, type Listing } from '../graphql';
import { eventTypeOfName, WEBHOOK_EVENT_TYPES, type WebhookEventType } from './event-types';
import type { AttemptRecord, EndpointRecord } from './webhook.repository';
import {
  CreatedWebhookEndpoint,
  WebhookBacklog,
  WebhookDelivery,
  WebhookDeliveryConnection,
  WebhookEndpoint,
  WebhookEndpointConnection,
  WebhookEndpointInput,
  type WebhookDeliveryStatus,
} from './webhook.types';
import type { WebhooksContext as Context } from './webhooks.context';

const ENDPOINTS: Listing<EndpointRecord> = { name: 'webhookEndpoints', scope: '', keyLength: 2, keyOf: (row) => [String(row.createdAt.getTime()), row.id] };
const attemptsOf = (endpointId: string): Listing<AttemptRecord> => ({
  name: 'webhookDeliveries',
  scope: endpointId,
  keyLength: 2,
  keyOf: (row) => [String(row.attemptedAt.getTime()), row.attemptId],
});

/** A type stored by a newer release than this one is shown as the first known type rather than failing the listing. */
const knownType = (name: string): WebhookEventType => eventTypeOfName(name) ?? WEBHOOK_EVENT_TYPES[0];

function toEndpoint(record: EndpointRecord): WebhookEndpoint {
  return { id: record.id, accountId: record.accountId, url: record.url, events: record.eventTypes.map(knownType), createdAt: record.createdAt };
}

function toDelivery(record: AttemptRecord): WebhookDelivery {
  return {
    id: record.attemptId,
    eventId: record.eventId,
    eventType: knownType(record.eventType),
    accountId: record.accountId,
    attempt: record.attempt,
    status: record.status.toUpperCase() as WebhookDeliveryStatus,
    responseStatus: record.responseStatus,
    durationMs: record.durationMs,
    attemptedAt: record.attemptedAt,
    nextAttemptAt: record.nextAttemptAt,
    error: record.error,
    responseBody: record.responseBody,
  };
}

@Resolver(() => WebhookEndpoint)
export class WebhookResolver {
  @Mutation(() => CreatedWebhookEndpoint, {
    description:
      'Subscribe a URL to events (admin key only), for one account or every account. The URL must be https and resolve to public addresses (WEBHOOK_ALLOW_PRIVATE=1 lifts this). Answers the signing secret, once.',
  })
  async createWebhookEndpoint(@Arg('input', () => WebhookEndpointInput, { description: 'The URL, the account (or none: every account) and the event types.' }) input: WebhookEndpointInput, @Ctx() ctx: Context): Promise<CreatedWebhookEndpoint> {
    assertAdmin(ctx.principal, 'createWebhookEndpoint');
    const { endpoint, secret } = await ctx.services.webhooks.createEndpoint({ accountId: input.accountId ?? null, url: input.url, events: input.events }, ctx.now);
    return { id: endpoint.id, secret };
  }

  @Mutation(() => Boolean, { description: 'Remove a webhook endpoint with its pending deliveries and its attempts (admin key only). False for an unknown id.' })
  async deleteWebhookEndpoint(@Arg('id', () => ID, { description: 'The endpoint id.' }) id: string, @Ctx() ctx: Context): Promise<boolean> {
    assertAdmin(ctx.principal, 'deleteWebhookEndpoint');
    return ctx.services.webhooks.deleteEndpoint(id);
  }

  @Mutation(() => Boolean, {
    description:
      'Deliver an event to an endpoint again, now, with a fresh 24 hours of retries (admin key only) — for a delivery marked failed, or a delivered one the receiver lost. True when it is scheduled (or still pending anyway); false when the endpoint is unknown or the event was never for it.',
  })
  async redeliverWebhookEvent(
    @Arg('endpointId', () => ID, { description: 'The endpoint id.' }) endpointId: string,
    @Arg('eventId', () => ID, { description: 'The event id (WebhookDelivery.eventId, the webhook-id header).' }) eventId: string,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    assertAdmin(ctx.principal, 'redeliverWebhookEvent');
    return ctx.services.webhooks.redeliver(endpointId, eventId, ctx.now);
  }

  @Query(() => WebhookDeliveryConnection, { nullable: true, description: "The delivery attempts at an endpoint, newest first (admin key only); null for an unknown endpoint." })
  async webhookDeliveries(
    @Arg('endpointId', () => ID, { description: 'The endpoint id.' }) endpointId: string,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
  ): Promise<WebhookDeliveryConnection | null> {
    assertAdmin(ctx.principal, 'webhookDeliveries');
    if (!(await ctx.services.webhooks.findEndpoint(endpointId))) return null;
    return connectionOf(page, attemptsOf(endpointId), (first, after) => ctx.services.webhooks.listAttempts(endpointId, first, after), toDelivery);
  }

  @Query(() => WebhookEndpointConnection, { description: 'Every webhook endpoint, oldest first (admin key only).' })
  async webhookEndpoints(@Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Context): Promise<WebhookEndpointConnection> {
    assertAdmin(ctx.principal, 'webhookEndpoints');
    return connectionOf(page, ENDPOINTS, (first, after) => ctx.services.webhooks.listEndpoints(first, after), toEndpoint);
  }

  @FieldResolver(() => WebhookBacklog, { description: 'Its deliveries that are not done yet, and those that failed.' })
  async backlog(@Root() endpoint: WebhookEndpoint, @Ctx() ctx: Context): Promise<WebhookBacklog> {
    return ctx.services.webhooks.backlog(endpoint.id, ctx.now);
  }
}
