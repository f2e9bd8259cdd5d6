/** The long-lived services, made once per server from the configuration and the database. */
import { ApiKeyRepository, createEmbedKeyring } from '../auth';
import { CatalogRepository } from '../catalog';
import type { Database } from '../db';
import { RecordUsageService, UsageRepository, UsageService } from '../usage';
import { WebhookRepository, WebhookService, type HostResolver } from '../webhooks';
import type { Services } from './context';
import type { Config } from '../config';

export type { Services };

/** What the app reads of the configuration (tests build it by hand). */
export type AppConfig = Pick<Config, 'production' | 'adminApiKey' | 'embedSigningKey' | 'embedPreviousSigningKeys'> &
  Partial<Pick<Config, 'corsOrigins' | 'explorer' | 'demo' | 'webhookAllowPrivate' | 'webhookPollIntervalMs' | 'webhookFirstRetryMs' | 'webhookMaxRetryDelayMs'>>;

/** `resolve`: how webhook hosts are resolved (tests stand in for DNS); the system resolver by default. */
export function createServices(config: AppConfig, db: Database, resolve?: HostResolver): Services {
  const usageRepository = new UsageRepository(db);
  const catalog = new CatalogRepository(db);
  return {
    catalog,
    usage: new UsageService(usageRepository),
    recordUsage: new RecordUsageService(db, catalog, usageRepository),
    apiKeys: new ApiKeyRepository(db),
    embedKeys: createEmbedKeyring(config.embedSigningKey, config.embedPreviousSigningKeys),
    webhooks: new WebhookService(new WebhookRepository(db), catalog, { allowPrivate: config.webhookAllowPrivate ?? false, resolve }),
  };
}

