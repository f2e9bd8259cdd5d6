import type { Principal } from '../access';
import type { BudgetService } from '../budgets';
import type { CatalogRepository } from '../catalog';
import type { RecordUsageService } from '../usage';
import { DEMO_ACCOUNT, DEMO_BUDGETS, DEMO_CAMPAIGNS, DEMO_WORKSPACES, demoUsage } from './demo-data';

const ADMIN: Principal = { kind: 'admin' };
const BATCH = 1000;

/** What seeding needs: the catalog's upserts, the budgets and the ledger's one write. */
export interface DemoServices {
  readonly catalog: CatalogRepository;
  readonly budgets: BudgetService;
  readonly recordUsage: RecordUsageService;
}

/** Seeds the demo account into a database that does not have it yet; returns whether it did. */
export async function seedDemoData(services: DemoServices, now: Date): Promise<boolean> {
  if (await services.catalog.findAccount(DEMO_ACCOUNT.id)) return false;
  await services.catalog.upsertAccount(DEMO_ACCOUNT, now);
  for (const workspace of DEMO_WORKSPACES) await services.catalog.upsertWorkspace({ ...workspace, accountId: DEMO_ACCOUNT.id });
  for (const campaign of DEMO_CAMPAIGNS) await services.catalog.upsertCampaign(campaign);
  for (const budget of DEMO_BUDGETS) await services.budgets.set(ADMIN, budget, now);
  const entries = demoUsage(now);
  for (let start = 0; start < entries.length; start += BATCH) {
    await services.recordUsage.record(ADMIN, entries.slice(start, start + BATCH), now);
  }
  return true;
}
