/** The long-lived services, made once per server from the configuration and the database. */
import type { Principal } from '../access';
import { ApiKeyRepository, createEmbedKeyring } from '../auth';
import { BudgetService, BudgetsRepository, ThresholdEvents } from '../budgets';
import { CatalogRepository } from '../catalog';
import type { Database } from '../db';
import type { Metrics } from '../metrics';
import { InvoiceService, RecordUsageService, UsageEntriesRepository, UsageEntriesService, UsageOverTimeService, UsageRepository, UsageService, type RecordUsageResult, type UsageEntryInput } from '../usage';
import { WebhookRepository, WebhookService, type HostResolver } from '../webhooks';
import type { Services } from './context';
import type { Config } from '../config';

export type { Services };

/** What the app reads of the configuration (tests build it by hand). */
export type AppConfig = Pick<Config, 'production' | 'adminApiKey' | 'embedSigningKey' | 'embedPreviousSigningKeys'> &
  Partial<Pick<Config, 'corsOrigins' | 'explorer' | 'demo' | 'metrics' | 'redisUrl' | 'webhookAllowPrivate' | 'webhookPollIntervalMs' | 'webhookFirstRetryMs' | 'webhookMaxRetryDelayMs'>>;

/** `resolve`: how webhook hosts are resolved (tests stand in for DNS); the system resolver by default. */
export function createServices(config: AppConfig, db: Database, metrics?: Metrics, resolve?: HostResolver): Services {
  const usageRepository = new UsageRepository(db);
  const catalog = new CatalogRepository(db);
  const budgets = new BudgetsRepository(db);
  const recordUsageParts: ConstructorParameters<typeof RecordUsageService> = [db, catalog, usageRepository, [new ThresholdEvents(db, budgets)]];
  const usage = new UsageService(usageRepository);
  return {
    catalog,
    usage,
    usageOverTime: new UsageOverTimeService(usageRepository),
    entries: new UsageEntriesService(catalog, usage, new UsageEntriesRepository(db)),
    invoices: new InvoiceService(db, usageRepository, usage),
    recordUsage: metrics ? new CountedRecordUsageService(metrics, ...recordUsageParts) : new RecordUsageService(...recordUsageParts),
    budgets: new BudgetService(db, budgets, catalog),
    apiKeys: new ApiKeyRepository(db),
    embedKeys: createEmbedKeyring(config.embedSigningKey, config.embedPreviousSigningKeys),
    webhooks: new WebhookService(new WebhookRepository(db), catalog, { allowPrivate: config.webhookAllowPrivate ?? false, resolve }),
  };
}

/** recordUsage counting its committed entries into creditlens_usage_entries_total (a batch refused or rolled back counts nothing). */
class CountedRecordUsageService extends RecordUsageService {
  constructor(
    private readonly metrics: Metrics,
    ...services: ConstructorParameters<typeof RecordUsageService>
  ) {
    super(...services);
  }

  override async record(principal: Principal, inputs: readonly UsageEntryInput[], now: Date): Promise<RecordUsageResult> {
    const result = await super.record(principal, inputs, now);
    if (result.accepted > 0) this.metrics.usageEntries.inc({ outcome: 'recorded' }, result.accepted);
    if (result.duplicates > 0) this.metrics.usageEntries.inc({ outcome: 'duplicate' }, result.duplicates);
    return result;
  }
}
