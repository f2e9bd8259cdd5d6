import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { authorizedFetch, type TokenKeeper } from '../client/token-keeper';
import { describeFailure } from './error-message';
import { useAccountUsage } from '../data/use-account-usage';
import type { UsageWindow } from '../data/usage.types';
import { toWidgetError, widgetError, type CreditlensWidgetError } from '../data/widget-error';
import { downloadCsv, entriesCsvUrl, usageCsvUrl } from './csv-download';
import { EntriesPanel } from './entries-panel';
import { resolveLocale, useFormatters, type Formatters } from './format';
import { Header } from './header';
import { fill, type Labels } from './labels';
import type { RenderRowActions, RowActionTarget } from './tree-context';
import { LoadingTreegrid, UsageTreegrid, type ExpandedState } from './usage-treegrid';
import { TrendCell } from './trend-cell';
import { UsageChart } from './usage-chart';

export interface BreakdownProps {
  readonly accountId: string;
  readonly window: UsageWindow | undefined;
  readonly locale: string | undefined;
  readonly labels: Labels;
  readonly renderRowActions: RenderRowActions | undefined;
  /** Whether rows have their "View entries" control. */
  readonly showEntries: boolean;
  /** Stable (the root keeps the host's latest onError in a ref). */
  report(error: CreditlensWidgetError): void;
  /** The widget's own connection (endpoint + token), when it made one. */
  readonly own: { readonly endpoint: string; readonly keeper: TokenKeeper } | undefined;
}

/** The page query's states: loading, failed, not visible, empty, or the header, the treegrid and its total. */
export function Breakdown({ accountId, window, locale: requestedLocale, labels, renderRowActions, showEntries, report, own }: BreakdownProps) {
  const { locale, problem } = useMemo(() => resolveLocale(requestedLocale), [requestedLocale]);
  useEffect(() => {
    if (problem) report(widgetError('INVALID_LOCALE', problem));
  }, [problem, report]);

  const page = useAccountUsage(accountId, window);
  const formatters = useFormatters(locale, page.timezone);
  const [expanded, setExpanded] = useState<ExpandedState>({});
  const onExpandedChange = useCallback((workspaceId: string, open: boolean) => setExpanded((previous) => ({ ...previous, [workspaceId]: open })), []);
  const reportError = useCallback((error: unknown) => report(toWidgetError(error)), [report]);
  const [downloadFailed, setDownloadFailed] = useState(false);
  const visibleWorkspaces = useVisibleWorkspaceCount(own?.keeper);
  const [entriesOf, setEntriesOf] = useState<RowActionTarget | null>(null);
  const opener = useRef<HTMLElement | null>(null);
  const openEntries = useCallback((row: RowActionTarget, from: HTMLElement) => {
    opener.current = from;
    setEntriesOf(row);
  }, []);
  const closeEntries = useCallback(() => {
    setEntriesOf(null);
    opener.current?.focus();
  }, []);

  useEffect(() => {
    if (page.error) reportError(page.error);
  }, [page.error, reportError]);

  if (page.error) {
    const failure = describeFailure(page.error, labels);
    return (
      <div className={`clw-notice clw-error clw-${failure.kind}`} role="alert">
        <span>{failure.message}</span>
        <button type="button" className="clw-button" onClick={page.retry}>
          {labels.retry}
        </button>
      </div>
    );
  }
  if (page.usage === null) return <div className="clw-notice">{labels.notVisible}</div>;
  if (page.usage === undefined) return <LoadingTreegrid labels={labels} />;
  const usage = page.usage;

  const download = (url: string, filename: string) => {
    if (!own) return;
    setDownloadFailed(false);
    downloadCsv(authorizedFetch(own.keeper), url, filename).catch((error: unknown) => {
      setDownloadFailed(true);
      reportError(error);
    });
  };
  const day = usage.window.from.slice(0, 10);
  const onDownload = own ? () => download(usageCsvUrl(own.endpoint, accountId, usage.window, usage.asOf), `credit-usage-${day}.csv`) : undefined;
  const onDownloadEntries = own
    ? (filter: Parameters<typeof entriesCsvUrl>[4]) => download(entriesCsvUrl(own.endpoint, accountId, usage.window, usage.asOf, filter), `credit-entries-${day}.csv`)
    : undefined;

  const previousCredits = usage.comparison.totalCredits;
  const total = (
    <Total
      label={visibleWorkspaces === null ? labels.accountTotal : fill(labels.visibleTotal, { count: formatters.credits(visibleWorkspaces) })}
      credits={usage.totalCredits}
      change={{ credits: usage.totalCredits, previousCredits, change: previousCredits > 0 ? (usage.totalCredits - previousCredits) / previousCredits : null }}
      comparison={usage.comparison.window}
      formatters={formatters}
      labels={labels}
    />
  );
  // The actions column is on every row, the footer's too, so the columns line up.
  return (
    <div className={renderRowActions ? 'clw-with-actions' : undefined}>
      <Header usage={usage} formatters={formatters} labels={labels} busy={page.stale} onRefresh={page.refresh} onDownload={onDownload} downloadFailed={downloadFailed} />
      {usage.workspaces.length > 0 && <UsageChart usage={usage} formatters={formatters} labels={labels} />}
      {entriesOf && (
        // Keyed by the row and snapshot: another row or a refresh is another listing from its first page.
        <EntriesPanel
          key={`${JSON.stringify([entriesOf.workspaceId, entriesOf.campaignId, entriesOf.level])}${usage.asOf}`}
          accountId={accountId}
          row={entriesOf}
          window={usage.window}
          asOf={usage.asOf}
          formatters={formatters}
          labels={labels}
          onDownload={onDownloadEntries}
          onClose={closeEntries}
          reportError={reportError}
        />
      )}
      {usage.workspaces.length === 0 ? (
        <div className="clw-notice clw-empty" aria-busy={page.stale}>
          {labels.empty}
        </div>
      ) : (
        <UsageTreegrid
          usage={usage}
          formatters={formatters}
          labels={labels}
          expanded={expanded}
          stale={page.stale}
          renderRowActions={renderRowActions}
          openEntries={showEntries ? openEntries : undefined}
          onExpandedChange={onExpandedChange}
          reportError={reportError}
        />
      )}
      {total}
    </div>
  );
}

/**
 * How many workspaces a workspace-scoped embed token may see (its `ws` claim), or null for an
 * account-wide token or a host client, whose token the widget cannot read. Then the total is
 * the sum of those workspaces only, and the footer says so.
 */
function useVisibleWorkspaceCount(keeper: TokenKeeper | undefined): number | null {
  const subscribe = useCallback((listener: () => void) => keeper?.subscribe(listener) ?? (() => undefined), [keeper]);
  const read = () => {
    const scope = keeper?.claims()?.ws;
    return Array.isArray(scope) ? scope.length : null;
  };
  return useSyncExternalStore(subscribe, read, () => null);
}

interface TotalProps {
  readonly label: string;
  readonly credits: number;
  readonly change: Parameters<typeof TrendCell>[0]['row'];
  readonly comparison: UsageWindow;
  readonly formatters: Formatters;
  readonly labels: Labels;
}

function Total({ label, credits, change, comparison, formatters, labels }: TotalProps) {
  return (
    <div className="clw-row clw-footer">
      <span>{label}</span>
      <span className="clw-credits">{formatters.credits(credits)}</span>
      <span className="clw-percent" />
      <TrendCell row={change} tree={{ labels, formatters, comparison }} footer />
    </div>
  );
}
