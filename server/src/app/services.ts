/** The long-lived services, made once per server from the configuration and the database. */
import { ApiKeyRepository, createEmbedKeyring } from '../auth';
import { CatalogRepository } from '../catalog';
import type { Database } from '../db';
import { RecordUsageService, UsageOverTimeService, UsageRepository, UsageService } from '../usage';
import type { Services } from './context';
import type { Config } from '../config';

export type { Services };

/** What the app reads of the configuration (tests build it by hand). */
export type AppConfig = Pick<Config, 'production' | 'adminApiKey' | 'embedSigningKey' | 'embedPreviousSigningKeys'> & Partial<Pick<Config, 'corsOrigins' | 'explorer' | 'demo'>>;

export function createServices(config: AppConfig, db: Database): Services {
  const usageRepository = new UsageRepository(db);
  const catalog = new CatalogRepository(db);
  return {
    catalog,
    usage: new UsageService(usageRepository),
    usageOverTime: new UsageOverTimeService(usageRepository),
    recordUsage: new RecordUsageService(db, catalog, usageRepository),
    apiKeys: new ApiKeyRepository(db),
    embedKeys: createEmbedKeyring(config.embedSigningKey, config.embedPreviousSigningKeys),
  };
}

