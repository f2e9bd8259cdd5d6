/**
 * Webhooks: the outbox other domains store events into (in their own transaction), the
 * endpoints those events are fanned out to, the background dispatcher that delivers them
 * (signed, retried, SSRF-safe), and the admin's GraphQL surface. Imports access/, catalog/ and
 * the leaves; budgets/ stores its events here.
 */
export { BUDGET_THRESHOLD_CROSSED, storeWebhookEvents, type NewWebhookEvent, type StoredWebhookEvent } from './webhook-outbox';
export { isPublicAddress, systemResolver, type HostResolver } from './address-policy';
export { DEFAULT_RETRY_SCHEDULE, MAX_FIRST_RETRY_MS, retryDelayMs, type RetrySchedule } from './retry-schedule';
export { RESPONSE_BODY_LIMIT, webhookBody, webhookHeaders } from './webhook-sender';
export { DELIVERY_TIMEOUT_MS, WebhookDispatcher, type DispatcherOptions } from './webhook-dispatcher';
export { WebhookRepository } from './webhook.repository';
export { WebhookService, type WebhookServiceOptions } from './webhook.service';
export { WebhookResolver } from './webhook.resolver';
export type { WebhookServices, WebhooksContext } from './webhooks.context';
