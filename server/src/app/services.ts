/** The long-lived services, made once per server from the configuration and the database. */
import { ApiKeyRepository } from '../auth/api-key.repository';
import { createEmbedKeyring } from '../auth/embed-tokens';
import { CatalogRepository } from '../catalog/catalog.repository';
import type { Database } from '../db/database';
import { RecordUsageService } from '../usage/record-usage.service';
import { UsageRepository } from '../usage/usage.repository';
import { UsageService } from '../usage/usage.service';
import type { Services } from './context';
import type { AppConfig } from './http-app';

export type { Services };

export function createServices(config: AppConfig, db: Database): Services {
  const usageRepository = new UsageRepository(db);
  const catalog = new CatalogRepository(db);
  return {
    catalog,
    usage: new UsageService(usageRepository),
    recordUsage: new RecordUsageService(db, catalog, usageRepository),
    apiKeys: new ApiKeyRepository(db),
    embedKeys: createEmbedKeyring(config.embedSigningKey, config.embedPreviousSigningKeys),
  };
}

