import { useCallback, useEffect, useRef, useState } from 'react';
import { describeFailure } from '../data/error-message';
import { useAccountUsage } from '../data/use-account-usage';
import type { UsageWindow } from '../data/usage.types';
import { useFormatters, type Formatters } from './format';
import { LoadingTreegrid, UsageTreegrid, type ExpandedState } from './usage-treegrid';

export interface BreakdownProps {
  readonly accountId: string;
  readonly window?: UsageWindow;
  readonly locale?: string;
  readonly onError?: (error: unknown) => void;
}

/** The page query's states: loading, failed, not visible, empty, or the treegrid with its total. */
export function Breakdown({ accountId, window, locale, onError }: BreakdownProps) {
  const formatters = useFormatters(locale);
  const page = useAccountUsage(accountId, window);
  const [expanded, setExpanded] = useState<ExpandedState>({});
  const onExpandedChange = useCallback((workspaceId: string, open: boolean) => setExpanded((previous) => ({ ...previous, [workspaceId]: open })), []);

  // Rows report their failures through a stable function, so a host passing a new onError
  // each render does not re-run their effects.
  const onErrorRef = useRef(onError);
  useEffect(() => {
    onErrorRef.current = onError;
  }, [onError]);
  const reportError = useCallback((error: unknown) => onErrorRef.current?.(error), []);
  useEffect(() => {
    if (page.error) reportError(page.error);
  }, [page.error, reportError]);

  if (page.error) {
    const failure = describeFailure(page.error);
    return (
      <div className={`clw-notice clw-error clw-${failure.kind}`} role="alert">
        <span>{failure.message}</span>
        <button type="button" className="clw-retry" onClick={page.retry}>
          Retry
        </button>
      </div>
    );
  }
  if (page.usage === null) {
    return <div className="clw-notice">No usage is available for this account with the current access.</div>;
  }
  if (page.usage === undefined) return <LoadingTreegrid />;
  if (page.usage.workspaces.length === 0) {
    return (
      <>
        <div className="clw-notice clw-empty">No credits were used in this period.</div>
        <Total credits={page.usage.totalCredits} formatters={formatters} />
      </>
    );
  }
  return (
    <>
      <UsageTreegrid
        usage={page.usage}
        formatters={formatters}
        expanded={expanded}
        onExpandedChange={onExpandedChange}
        reportError={reportError}
      />
      <Total credits={page.usage.totalCredits} formatters={formatters} />
    </>
  );
}

function Total({ credits, formatters }: { credits: number; formatters: Formatters }) {
  return (
    <div className="clw-row clw-footer">
      <span>Account total</span>
      <span className="clw-credits">
        {formatters.credits(credits)}
      </span>
      <span className="clw-percent" />
    </div>
  );
}
