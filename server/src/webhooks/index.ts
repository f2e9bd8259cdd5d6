export { BUDGET_THRESHOLD_CROSSED, storeWebhookEvents, type NewWebhookEvent, type StoredWebhookEvent } from './webhook-outbox';
