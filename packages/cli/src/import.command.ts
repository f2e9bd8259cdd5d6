import path from 'node:path';
import { RecordUsageError, type CreditlensClient, type UsageEntryInput } from '@creditlens/client';
import { CommandLineError } from './command-line-error';
import { LineProblems, streamEntries, type FileEntry } from './entries-file';
import { progressReporter } from './progress';
import type { CliIo } from './terminal';
import { formatCredits } from './usage-table';

/** How many bad lines are spelled out before "and N more". */
const PROBLEMS_SHOWN = 10;

/**
 * Reads FILE as a stream, twice: first to check every line (and count the entries and batches),
 * then to send the batches. Memory holds one batch, never the file, whatever its size.
 */
export async function importCommand(client: CreditlensClient, file: string, options: { 'batch-size'?: string }, io: CliIo): Promise<number> {
  const batchSize = options['batch-size'] === undefined ? undefined : Number(options['batch-size']);
  if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize >= 1 && batchSize <= 10_000)) {
    throw new CommandLineError(`--batch-size must be a whole number from 1 to 10000, got ${options['batch-size']}`, 'import');
  }
  const limits = batchSize ? { maxEntries: batchSize } : undefined;
  const problems = new LineProblems(PROBLEMS_SHOWN);
  let totals: { entries: number; batches: number };
  try {
    totals = await client.planBatches(onlyEntries(streamEntries(file, io.openFile(file), problems)), limits);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === undefined || !(error as NodeJS.ErrnoException).syscall) throw error;
    throw new CommandLineError(`cannot read ${file}: ${(error as Error).message}`, 'import');
  }
  if (problems.count > 0) {
    for (const problem of problems.shown) io.stderr.write(`${path.basename(file)}:${problem.line}: ${problem.field}: ${problem.message}\n`);
    if (problems.count > PROBLEMS_SHOWN) io.stderr.write(`… and ${problems.count - PROBLEMS_SHOWN} more\n`);
    io.stderr.write('Nothing was recorded: fix the lines above and run the import again.\n');
    return 1;
  }

  const progress = progressReporter(io.stderr);
  client.onRetry = progress.retry;
  const sending = new LineProblems();
  try {
    const summary = await client.recordUsageStream(onlyEntries(streamEntries(file, io.openFile(file), sending)), { onProgress: progress.batch, limits, totals });
    if (sending.count > 0) throw new CommandLineError(`${file} changed while it was imported (line ${sending.shown[0]!.line} is no longer valid)`, 'import');
    io.stdout.write(
      `Recorded ${formatCredits(totals.entries)} entries from ${file}: ${formatCredits(summary.accepted)} new, ${formatCredits(summary.duplicates)} already recorded (${summary.batches} batch${summary.batches === 1 ? '' : 'es'}).\n`,
    );
    return 0;
  } catch (error) {
    progress.end();
    if (!(error instanceof RecordUsageError)) throw error;
    await reportRejectedBatch(error, file, io);
    return 1;
  }
}

async function* onlyEntries(entries: AsyncIterable<FileEntry>): AsyncGenerator<UsageEntryInput> {
  for await (const { entry } of entries) yield entry;
}

/** The file lines of the entries at these indexes: one more pass over the file, keeping only them. */
async function linesOf(file: string, indexes: ReadonlySet<number>, io: CliIo): Promise<Map<number, number>> {
  const lines = new Map<number, number>();
  let index = 0;
  for await (const { line } of streamEntries(file, io.openFile(file), new LineProblems(0))) {
    if (indexes.has(index)) lines.set(index, line);
    if (lines.size === indexes.size) break;
    index++;
  }
  return lines;
}

async function reportRejectedBatch(error: RecordUsageError, file: string, io: CliIo): Promise<void> {
  const located = error.problems.filter((p) => p.index !== undefined);
  const lines = await linesOf(file, new Set([error.batchStart, ...located.map((p) => p.index!)]), io);
  if (located.length === 0) io.stderr.write(`creditlens: ${error.code}: ${error.message}\n`);
  for (const problem of located.slice(0, PROBLEMS_SHOWN)) {
    io.stderr.write(`${path.basename(file)}:${lines.get(problem.index!)}: ${problem.field || '(entry)'}: ${problem.message}\n`);
  }
  if (located.length > PROBLEMS_SHOWN) io.stderr.write(`… and ${located.length - PROBLEMS_SHOWN} more\n`);
  const { entriesDone, accepted, duplicates } = error.recordedSoFar;
  io.stderr.write(
    `The batch from line ${lines.get(error.batchStart)} was not recorded (nothing of it was written)` +
      (entriesDone > 0 ? `; the ${formatCredits(entriesDone)} entries before it are (${formatCredits(accepted)} new, ${formatCredits(duplicates)} already recorded)` : '') +
      `. ${isTheFilesFault(error) ? 'Fix the file' : notTheFilesFault(error)} and run the import again: entries already recorded count as duplicates.\n`,
  );
}

/** Only input the server refused is the file's to fix; a credential, a scope or the network is not. */
function isTheFilesFault(error: RecordUsageError): boolean {
  return error.code === 'BAD_USER_INPUT' || error.code === 'PAYLOAD_TOO_LARGE';
}

function notTheFilesFault(error: RecordUsageError): string {
  switch (error.code) {
    case 'UNAUTHENTICATED':
      return 'The file is not at fault: check the token (CREDITLENS_TOKEN or --token)';
    case 'FORBIDDEN':
      return 'The file is not at fault: use a token that may record usage for this account (the admin key, or an API key with USAGE_WRITE)';
    case 'NETWORK_ERROR':
    case 'NOT_GRAPHQL_ENDPOINT':
      return 'The file is not at fault: check the endpoint (CREDITLENS_ENDPOINT or --endpoint) and the network';
    default:
      return 'The file is not at fault: the server could not take the batch; wait a little';
  }
}
