/** The long-lived services, made once per server from the configuration and the database. */
import { ApiKeyRepository, createEmbedKeyring } from '../auth';
import { CatalogRepository } from '../catalog';
import type { Database } from '../db';
import { InvoiceService, RecordUsageService, UsageEntriesRepository, UsageEntriesService, UsageRepository, UsageService } from '../usage';
import type { Services } from './context';
import type { Config } from '../config';

export type { Services };

/** What the app reads of the configuration (tests build it by hand). */
export type AppConfig = Pick<Config, 'production' | 'adminApiKey' | 'embedSigningKey' | 'embedPreviousSigningKeys'> & Partial<Pick<Config, 'corsOrigins' | 'explorer' | 'demo'>>;

export function createServices(config: AppConfig, db: Database): Services {
  const usageRepository = new UsageRepository(db);
  const catalog = new CatalogRepository(db);
  const usage = new UsageService(usageRepository);
  return {
    catalog,
    usage,
    entries: new UsageEntriesService(catalog, usage, new UsageEntriesRepository(db)),
    invoices: new InvoiceService(db, usageRepository, usage),
    recordUsage: new RecordUsageService(db, catalog, usageRepository),
    apiKeys: new ApiKeyRepository(db),
    embedKeys: createEmbedKeyring(config.embedSigningKey, config.embedPreviousSigningKeys),
  };
}

