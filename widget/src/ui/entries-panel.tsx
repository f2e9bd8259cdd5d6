import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { UsageEntryFilter } from '../data/generated/graphql';
import { useUsageEntries } from '../data/use-usage-entries';
import type { EntryData, UsageWindow } from '../data/usage.types';
import { describeFailure } from './error-message';
import type { Formatters } from './format';
import { fill, type Labels } from './labels';
import type { RowActionTarget } from './tree-context';

/** Entries per page of the panel. */
export const ENTRIES_PAGE_SIZE = 25;

export interface EntriesPanelProps {
  readonly accountId: string;
  readonly row: RowActionTarget;
  readonly window: UsageWindow;
  /** The page's snapshot: the entries add up to the row shown. */
  readonly asOf: string;
  readonly formatters: Formatters;
  readonly labels: Labels;
  /** Present when the widget holds the token the export needs (its own client). */
  readonly onDownload: ((filter: UsageEntryFilter) => void) | undefined;
  onClose(): void;
  reportError(error: unknown): void;
}

/** The filter that names a row: a workspace, one of its campaigns, or its No campaign row. */
export function filterOf(row: RowActionTarget): UsageEntryFilter {
  if (row.level === 1) return { workspaceId: row.workspaceId };
  return row.campaignId === null ? { workspaceId: row.workspaceId, noCampaign: true } : { workspaceId: row.workspaceId, campaignId: row.campaignId };
}

const KIND_LABELS: Record<string, keyof Labels> = {
  FIRST_EMAIL_DRAFT: 'kindFirstEmailDraft',
  LEAD_ENRICHMENT: 'kindLeadEnrichment',
  REPLY: 'kindReply',
  LEAD_FINDING: 'kindLeadFinding',
  SELF_LEARNING_AI: 'kindSelfLearning',
  CONTACT_LIST_CLEANING: 'kindListCleaning',
};

/**
 * The drill-through: a non-modal dialog listing a row's ledger entries page by page, at the
 * page's asOf. It takes focus (its heading) when it opens; Escape or Close closes it, and the
 * caller gives focus back to the control that opened it.
 */
export function EntriesPanel({ accountId, row, window, asOf, formatters, labels, onDownload, onClose, reportError }: EntriesPanelProps) {
  const [filter] = useState(() => filterOf(row));
  const entries = useUsageEntries(accountId, window, asOf, filter, ENTRIES_PAGE_SIZE);
  const heading = useRef<HTMLHeadingElement>(null);
  const titleId = `clw-entries-${row.workspaceId}-${row.campaignId ?? row.level}`.replace(/[^\w-]/g, '_');

  useEffect(() => heading.current?.focus(), []);
  useEffect(() => {
    if (entries.error) reportError(entries.error);
  }, [entries.error, reportError]);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    onClose();
  };
  const page = entries.page;
  const first = entries.index * ENTRIES_PAGE_SIZE;
  return (
    <section role="dialog" aria-modal="false" aria-labelledby={titleId} className="clw-panel" onKeyDown={onKeyDown}>
      <div className="clw-top">
        <h2 id={titleId} ref={heading} tabIndex={-1} className="clw-period">
          {fill(labels.entriesTitle, { name: row.label })}
        </h2>
        <div className="clw-tools">
          {onDownload && (
            <button type="button" className="clw-button" onClick={() => onDownload(filter)}>
              {labels.downloadCsv}
            </button>
          )}
          <button type="button" className="clw-button" onClick={onClose}>
            {labels.close}
          </button>
        </div>
      </div>
      {entries.error ? (
        <div className="clw-notice clw-error" role="alert">
          <span>{describeFailure(entries.error, labels).message}</span>
          <button type="button" className="clw-button" onClick={entries.retry}>
            {labels.retry}
          </button>
        </div>
      ) : !page ? (
        <div className="clw-notice" aria-busy="true">
          {page === null ? labels.notVisible : labels.loadingEntries}
        </div>
      ) : (
        <>
          <p className="clw-summary">
            {fill(labels.entriesSummary, { count: formatters.credits(page.totalCount), credits: formatters.credits(page.totalCredits), time: formatters.instant(page.asOf) })}
          </p>
          {/* Wider than a phone (its idempotency keys): it scrolls sideways in its own region, reachable by keyboard. */}
          <div className="clw-entries-scroll" role="region" aria-labelledby={titleId} tabIndex={0}>
            <table className={entries.loading ? 'clw-entries-table clw-stale' : 'clw-entries-table'} aria-busy={entries.loading}>
              <thead>
                <tr>
                  <th scope="col">{labels.occurredAtColumn}</th>
                  <th scope="col">{labels.kindColumn}</th>
                  <th scope="col" className="clw-credits">
                    {labels.creditsColumn}
                  </th>
                  <th scope="col">{labels.keyColumn}</th>
                </tr>
              </thead>
              <tbody>
                {page.edges.length === 0 ? (
                  <tr>
                    <td colSpan={4}>{labels.noEntries}</td>
                  </tr>
                ) : (
                  page.edges.map(({ cursor, node }) => <EntryLine key={cursor} entry={node} formatters={formatters} labels={labels} />)
                )}
              </tbody>
            </table>
          </div>
          {page.totalCount > ENTRIES_PAGE_SIZE && (
            <div className="clw-top clw-pager">
              <span aria-live="polite">
                {fill(labels.entriesRange, {
                  first: formatters.credits(first + 1),
                  last: formatters.credits(first + page.edges.length),
                  count: formatters.credits(page.totalCount),
                })}
              </span>
              <div className="clw-tools">
                <PageButton label={labels.previousPage} enabled={entries.hasPrevious && !entries.loading} onClick={entries.previous} />
                <PageButton label={labels.nextPage} enabled={page.pageInfo.hasNextPage && !entries.loading} onClick={entries.next} />
              </div>
            </div>
          )}
        </>
      )}
    </section>
  );
}

/**
 * aria-disabled rather than disabled: a button that disables itself under the pointer or the
 * keyboard (while its page loads, or on the last page) would drop the focus to the document, and
 * with it Escape and the way back to the list.
 */
function PageButton({ label, enabled, onClick }: { label: string; enabled: boolean; onClick(): void }) {
  return (
    <button type="button" className="clw-button" aria-disabled={!enabled} onClick={enabled ? onClick : undefined}>
      {label}
    </button>
  );
}

function EntryLine({ entry, formatters, labels }: { entry: EntryData; formatters: Formatters; labels: Labels }) {
  const kind = KIND_LABELS[entry.kind];
  return (
    <tr>
      <td>
        <time dateTime={entry.occurredAt}>{formatters.instant(entry.occurredAt)}</time>
      </td>
      <td>{kind ? labels[kind] : entry.kind}</td>
      <td className="clw-credits">{formatters.credits(entry.credits)}</td>
      <td className="clw-key">{entry.idempotencyKey}</td>
    </tr>
  );
}
