/**
 * The webhook event types: the GraphQL enum value an endpoint subscribes with, and the `type`
 * the event carries in its body (and in the outbox). One list, so neither can drift.
 */
import { registerListEnum } from '../graphql';
import { BUDGET_THRESHOLD_CROSSED } from './webhook-outbox';

export const WEBHOOK_EVENT_TYPES = ['BUDGET_THRESHOLD_CROSSED'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** The body's `type` of each enum value. */
export const EVENT_TYPE_NAMES: Readonly<Record<WebhookEventType, string>> = {
  BUDGET_THRESHOLD_CROSSED: BUDGET_THRESHOLD_CROSSED,
};

export function eventTypeOfName(name: string): WebhookEventType | null {
  return WEBHOOK_EVENT_TYPES.find((value) => EVENT_TYPE_NAMES[value] === name) ?? null;
}

export const WebhookEventTypeEnum = registerListEnum<WebhookEventType>(WEBHOOK_EVENT_TYPES, 'WebhookEventType', 'A kind of event a webhook endpoint can subscribe to.', {
  BUDGET_THRESHOLD_CROSSED:
    'A budget\'s scope reached one of its thresholds for the first time in a billing period (body type "budget.threshold_crossed").',
});
