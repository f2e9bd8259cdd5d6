import type { CreditUsageEntriesQuery, CreditUsagePageQuery, CreditUsageWorkspaceQuery } from './generated/graphql';
import type { UsageWindow } from './usage-window';

/** The shapes the widget reads, derived from its generated operation types (never written twice). */

export type { UsageWindow };

type PageAccount = NonNullable<CreditUsagePageQuery['account']>;

/** The page answer: window, `asOf` (the snapshot every expand query passes back), total, rows. */
export type AccountUsageData = PageAccount['usage'];
export type WorkspaceRowData = AccountUsageData['workspaces'][number];
export type CampaignRowData = NonNullable<CreditUsageWorkspaceQuery['workspaceUsage']>['campaigns'][number];
export type KindUsage = CampaignRowData['byKind'][number];
/** A row's budget status (null on rows without a budget). */
export type BudgetStatusData = NonNullable<WorkspaceRowData['budget']>;
export type EntriesPageData = NonNullable<CreditUsageEntriesQuery['usageEntries']>;
export type EntryData = EntriesPageData['edges'][number]['node'];
