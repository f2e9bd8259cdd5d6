import type { RecordProgress, RetryNotice } from '@creditlens/client';
import type { TerminalStream } from './terminal';
import { formatCredits } from './usage-table';


const BAR_WIDTH = 30;

/** The line announcing a retry on stderr: why, which retry of how many, and when. */
export function retryLine(notice: RetryNotice, what = ''): string {
  return `${notice.reason}: retry ${notice.retry}/${notice.retries} in ${(notice.delayMs / 1000).toFixed(1)} s${what}\n`;
}

/**
 * Import progress: on a terminal, one bar redrawn in place; otherwise (a pipe, a log file, CI)
 * one plain line per batch, which reads well in logs.
 */
export function progressReporter(stream: TerminalStream) {
  let barShown = false;
  const endBar = () => {
    if (barShown) stream.write('\n');
    barShown = false;
  };
  return {
    batch(progress: RecordProgress) {
      const counts = `${formatCredits(progress.entriesDone)}/${formatCredits(progress.entriesTotal)} entries, ${formatCredits(progress.accepted)} new, ${formatCredits(progress.duplicates)} duplicates`;
      if (stream.isTTY) {
        const filled = Math.round((progress.entriesDone / Math.max(1, progress.entriesTotal)) * BAR_WIDTH);
        const percent = Math.floor((progress.entriesDone / Math.max(1, progress.entriesTotal)) * 100);
        stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${String(percent).padStart(3)}%  ${counts}\x1b[K`);
        barShown = true;
        if (progress.batch === progress.batches) endBar();
      } else {
        stream.write(`batch ${progress.batch}/${progress.batches}: ${counts}\n`);
      }
    },
    retry(notice: RetryNotice) {
      endBar();
      stream.write(retryLine(notice, ' with the same idempotency keys'));
    },
    end: endBar,
  };
}
