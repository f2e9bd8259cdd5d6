import type { TimeWindow } from '@creditlens/usage-math';
import { openAccount, visibleWorkspaces, type Principal } from '../access';
import type { CatalogRepository } from '../catalog';
import type { UsageService } from '../usage';
import type { UsageCsvRow } from './usage-csv';

export interface UsageExportRequest {
  readonly accountId: string;
  readonly window: TimeWindow;
  readonly asOf: Date | null;
}

export interface UsageExport {
  readonly window: TimeWindow;
  /** The snapshot counted: passing it back as asOf reproduces the file (and the GraphQL page). */
  readonly asOf: Date;
  readonly rows: readonly UsageCsvRow[];
}

/**
 * The campaign rows of an account's page, workspace by workspace in the page's order: the
 * same UsageService calls as the GraphQL page and its expand query, so the numbers match for
 * the same window and asOf, and a workspace-scoped token gets only its workspaces.
 */
export class UsageExportService {
  constructor(
    private readonly catalog: CatalogRepository,
    private readonly usage: UsageService,
  ) {}

  /** null when the account does not exist or the credential may not see it: the two are one answer. */
  async export(principal: Principal, request: UsageExportRequest): Promise<UsageExport | null> {
    const account = await openAccount(principal, request.accountId, (accountId) => this.catalog.findAccount(accountId));
    if (!account) return null;
    const window = this.usage.checkWindow(request.window, 'window');
    const snapshot = await this.usage.snapshot(account, window, request.asOf);
    const page = await this.usage.accountUsage(snapshot, visibleWorkspaces(principal));
    const breakdowns = await this.usage.campaignBreakdowns(page.workspaces.map((row) => ({ workspaceId: row.workspace.id, snapshot })));
    const rows = page.workspaces.flatMap((workspaceRow, index) =>
      breakdowns[index]!.map(
        (campaignRow): UsageCsvRow => ({
          workspaceId: workspaceRow.workspace.id,
          workspaceName: workspaceRow.workspace.name,
          campaignId: campaignRow.campaign?.id ?? null,
          campaignName: campaignRow.label,
          credits: campaignRow.credits,
          percent: campaignRow.percent,
        }),
      ),
    );
    return { window, asOf: new Date(snapshot.asOf), rows };
  }
}
