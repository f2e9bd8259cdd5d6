/** What the webhook resolvers read of a request's context: their slice of the joined Context (app/context.ts). */
import type { Principal } from '../access';
import type { WebhookService } from './webhook.service';

export interface WebhookServices {
  readonly webhooks: WebhookService;
}

export interface WebhooksContext {
  readonly principal: Principal;
  readonly now: Date;
  readonly services: WebhookServices;
}
