import type { AccountUsageData } from '../data/usage.types';
import type { Formatters } from './format';
import { fill, type Labels } from './labels';

export interface HeaderProps {
  readonly usage: AccountUsageData;
  readonly formatters: Formatters;
  readonly labels: Labels;
  readonly busy: boolean;
  onRefresh(): void;
  /** Present when the widget holds the token the export needs (its own client). */
  readonly onDownload: (() => void) | undefined;
  readonly downloadFailed: boolean;
}

/** What the numbers are: the window in the account's zone, the snapshot time, when usage last arrived, and the controls to renew or export it. */
export function Header({ usage, formatters, labels, busy, onRefresh, onDownload, downloadFailed }: HeaderProps) {
  return (
    <div className="clw-top">
      <div>
        <span className="clw-period">{formatters.period(usage.window)}</span>
        <span className="clw-asof">
          <time dateTime={usage.asOf}>{fill(labels.asOf, { time: formatters.time(usage.asOf) })}</time>
        </span>
        {usage.lastRecordedAt && (
          <span className="clw-asof">
            <time dateTime={usage.lastRecordedAt}>{fill(labels.lastRecorded, { time: formatters.instant(usage.lastRecordedAt) })}</time>
          </span>
        )}
      </div>
      <div className="clw-tools">
        <button type="button" className="clw-button" onClick={onRefresh} disabled={busy}>
          {labels.refresh}
        </button>
        {onDownload && (
          <button type="button" className="clw-button" onClick={onDownload}>
            {labels.downloadCsv}
          </button>
        )}
      </div>
      {downloadFailed && (
        <span role="alert" className="clw-error">
          {labels.downloadFailed}
        </span>
      )}
    </div>
  );
}
