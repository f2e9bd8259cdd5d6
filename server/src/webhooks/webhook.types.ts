import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { connectionTypes, registerListEnum } from '../graphql';
import { WebhookEventTypeEnum, type WebhookEventType } from './event-types';

@InputType({ description: 'A webhook endpoint to create: where events are POSTed, for which account, and which events.' })
export class WebhookEndpointInput {
  @Field(() => ID, { nullable: true, description: 'The account whose events it receives; null or left out: every account.' })
  accountId?: string | null;

  @Field(() => String, {
    description: 'An https URL whose host resolves to public addresses only (http, loopback, private and link-local addresses only with WEBHOOK_ALLOW_PRIVATE=1). Redirects are never followed.',
  })
  url!: string;

  @Field(() => [WebhookEventTypeEnum], { description: 'The event types it subscribes to (at least one).' })
  events!: WebhookEventType[];
}

@ObjectType({ description: 'A webhook endpoint just created, with its signing secret — shown this once.' })
export class CreatedWebhookEndpoint {
  @Field(() => ID, { description: 'The endpoint id (for webhookDeliveries and deleteWebhookEndpoint).' })
  id!: string;

  @Field(() => String, {
    description: 'The signing secret, "whsec_" + base64: verify each request\'s webhook-signature with it (any Standard Webhooks library). Not shown again.',
  })
  secret!: string;
}

@ObjectType({ description: 'A webhook endpoint (its secret is never shown again).' })
export class WebhookEndpoint {
  @Field(() => ID, { description: 'The endpoint id.' })
  id!: string;

  @Field(() => ID, { nullable: true, description: 'The account whose events it receives; null: every account.' })
  accountId!: string | null;

  @Field(() => String, { description: 'Where events are POSTed.' })
  url!: string;

  @Field(() => [WebhookEventTypeEnum], { description: 'The event types it subscribes to.' })
  events!: WebhookEventType[];

  @Field(() => Date, { description: 'When it was created; it receives the events stored from then on.' })
  createdAt!: Date;
}

@ObjectType({ description: "An endpoint's deliveries that are not done: the backlog (see docs/operations.md)." })
export class WebhookBacklog {
  @Field(() => Int, { description: 'Deliveries not yet delivered nor failed: due now or waiting for their next retry.' })
  pending!: number;

  @Field(() => Int, { description: 'Pending deliveries that are due now (a growing number means the dispatchers fall behind or the endpoint is down).' })
  due!: number;

  @Field(() => Int, { description: 'Deliveries given up after the retry horizon (redeliverWebhookEvent sends one again).' })
  failed!: number;

  @Field(() => Date, { nullable: true, description: 'When the longest-waiting due delivery became due; null when none is due.' })
  oldestDueAt!: Date | null;
}

export const WEBHOOK_DELIVERY_STATUSES = ['DELIVERED', 'RETRYING', 'FAILED'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];
export const WebhookDeliveryStatusEnum = registerListEnum<WebhookDeliveryStatus>(WEBHOOK_DELIVERY_STATUSES, 'WebhookDeliveryStatus', 'How one delivery attempt ended.', {
  DELIVERED: 'The endpoint answered 2xx within 10 s: the event is delivered.',
  RETRYING: 'No 2xx answer (an error status, a timeout, a refused or unreachable address); another attempt follows at nextAttemptAt.',
  FAILED: 'No 2xx answer, and the retry horizon (24 h) had passed: the event is marked failed for this endpoint.',
});

@ObjectType({ description: 'One attempt to deliver an event to an endpoint.' })
export class WebhookDelivery {
  @Field(() => ID, { description: 'The attempt id.' })
  id!: string;

  @Field(() => ID, { description: 'The event id: the body\'s "id" and the webhook-id header, the same on every attempt.' })
  eventId!: string;

  @Field(() => WebhookEventTypeEnum, { description: 'The event type.' })
  eventType!: WebhookEventType;

  @Field(() => ID, { description: 'The account the event is about.' })
  accountId!: string;

  @Field(() => Int, { description: 'Which attempt at this event this was: 1 for the first.' })
  attempt!: number;

  @Field(() => WebhookDeliveryStatusEnum, { description: 'How the attempt ended.' })
  status!: WebhookDeliveryStatus;

  @Field(() => Int, { nullable: true, description: "The endpoint's HTTP status; null when no answer came (refused address, connection error, timeout)." })
  responseStatus!: number | null;

  @Field(() => Int, { description: 'From the start of the attempt (resolving the host included) to its answer or failure, ms.' })
  durationMs!: number;

  @Field(() => Date, { description: 'When the attempt started (its webhook-timestamp).' })
  attemptedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the next attempt is due; null when this one delivered or failed the event.' })
  nextAttemptAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why no answer came, e.g. "timed out: no answer within 10 s" or "refused: … not a public address"; null when one came.' })
  error!: string | null;

  @Field(() => String, { nullable: true, description: "The first kilobyte of the endpoint's answer body; null when no answer came." })
  responseBody!: string | null;
}

export const WebhookDeliveryConnection = connectionTypes(WebhookDelivery, 'WebhookDelivery', "an endpoint's delivery attempts, newest first");
export type WebhookDeliveryConnection = InstanceType<typeof WebhookDeliveryConnection>;
export const WebhookEndpointConnection = connectionTypes(WebhookEndpoint, 'WebhookEndpoint', 'webhook endpoints, oldest first');
export type WebhookEndpointConnection = InstanceType<typeof WebhookEndpointConnection>;
