import { isGranularity, type Granularity } from '@creditlens/usage-math';
import { openAccount, visibleWorkspaces, type Principal } from '../access';
import type { CatalogRepository } from '../catalog';
import { InvalidInputError } from '../errors';
import type { UsageOverTimeService, UsageService } from '../usage';
import type { UsageExportRequest } from './usage-export.service';
import type { UsageSeriesCsvRow } from './usage-series-csv';

export interface UsageSeriesExport {
  readonly window: UsageExportRequest['window'];
  readonly asOf: Date;
  readonly rows: readonly UsageSeriesCsvRow[];
}

/** The `granularity` parameter: a Granularity value, DAY when left out. */
export function parseGranularity(value: string | null): Granularity {
  if (value === null) return 'DAY';
  if (!isGranularity(value)) throw InvalidInputError.of('granularity', `must be HOUR, DAY, WEEK or MONTH, got ${JSON.stringify(value)}`);
  return value;
}

/**
 * The campaign rows' series of an account's page: workspaces in the page's order, campaign rows
 * in each workspace's order, buckets oldest first — the same service calls as GraphQL's
 * CampaignUsage.series, so the file and the API agree for one window and asOf.
 */
export class UsageSeriesExportService {
  constructor(
    private readonly catalog: CatalogRepository,
    private readonly usage: UsageService,
    private readonly overTime: UsageOverTimeService,
  ) {}

  /** null when the account does not exist or the credential may not see it: the two are one answer. */
  async export(principal: Principal, request: UsageExportRequest & { readonly granularity: Granularity }): Promise<UsageSeriesExport | null> {
    const account = await openAccount(principal, request.accountId, (accountId) => this.catalog.findAccount(accountId));
    if (!account) return null;
    const window = this.usage.checkWindow(request.window, 'window');
    const snapshot = await this.usage.snapshot(account, window, request.asOf);
    const key = { snapshot, timeZone: account.timezone, granularity: request.granularity };
    const edges = this.overTime.edges(key);
    const page = await this.usage.accountUsage(snapshot, visibleWorkspaces(principal));
    const rowKeys = page.workspaces.map((row) => ({ ...key, workspaceId: row.workspace.id, snapshot }));
    const [breakdowns, series] = [await this.usage.campaignBreakdowns(rowKeys), await this.overTime.campaignSeries(rowKeys)];
    const rows = page.workspaces.flatMap((workspaceRow, index) =>
      breakdowns[index]!.flatMap((campaignRow) => {
        const credits = series[index]!.get(campaignRow.campaign?.id ?? '')?.credits ?? edges.slice(1).map(() => 0);
        return credits.map(
          (bucketCredits, bucket): UsageSeriesCsvRow => ({
            workspaceId: workspaceRow.workspace.id,
            workspaceName: workspaceRow.workspace.name,
            campaignId: campaignRow.campaign?.id ?? null,
            campaignName: campaignRow.label,
            from: new Date(edges[bucket]!),
            to: new Date(edges[bucket + 1]!),
            credits: bucketCredits,
          }),
        );
      }),
    );
    return { window, asOf: new Date(snapshot.asOf), rows };
  }
}
