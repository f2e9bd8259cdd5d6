import path from 'node:path';
import { RecordUsageError, type CreditlensClient } from '@creditlens/client';
import { CommandLineError } from './command-line-error';
import type { CliIo } from './terminal';
import { detectFormat, readEntries, type FileEntry } from './entries-file';
import { progressReporter } from './progress';
import { formatCredits } from './usage-table';

/** How many bad lines are spelled out before "and N more". */
const PROBLEMS_SHOWN = 10;

export async function importCommand(client: CreditlensClient, file: string, options: { 'batch-size'?: string }, io: CliIo): Promise<number> {
  const batchSize = options['batch-size'] === undefined ? undefined : Number(options['batch-size']);
  if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize >= 1 && batchSize <= 10_000)) {
    throw new CommandLineError(`--batch-size must be a whole number from 1 to 10000, got ${options['batch-size']}`);
  }
  let text: string;
  try {
    text = await io.readFile(file);
  } catch (error) {
    throw new CommandLineError(`cannot read ${file}: ${(error as Error).message}`);
  }

  const read = readEntries(text, detectFormat(file, text));
  if (read.problems.length > 0) {
    for (const problem of read.problems.slice(0, PROBLEMS_SHOWN)) {
      io.stderr.write(`${path.basename(file)}:${problem.line}: ${problem.field}: ${problem.message}\n`);
    }
    if (read.problems.length > PROBLEMS_SHOWN) io.stderr.write(`… and ${read.problems.length - PROBLEMS_SHOWN} more\n`);
    io.stderr.write('Nothing was recorded: fix the lines above and run the import again.\n');
    return 1;
  }

  const progress = progressReporter(io.stderr);
  client.onRetry = progress.retry;
  try {
    const summary = await client.recordUsage(
      read.entries.map((e) => e.entry),
      { onProgress: progress.batch, limits: batchSize ? { maxEntries: batchSize } : undefined },
    );
    io.stdout.write(
      `Recorded ${formatCredits(read.entries.length)} entries from ${file}: ${formatCredits(summary.accepted)} new, ${formatCredits(summary.duplicates)} already recorded (${summary.batches} batch${summary.batches === 1 ? '' : 'es'}).\n`,
    );
    return 0;
  } catch (error) {
    progress.end();
    if (!(error instanceof RecordUsageError)) throw error;
    reportRejectedBatch(error, read.entries, file, io);
    return 1;
  }
}

function reportRejectedBatch(error: RecordUsageError, entries: readonly FileEntry[], file: string, io: CliIo): void {
  const lineOf = (index: number) => entries[index]?.line;
  const located = error.problems.filter((p) => p.index !== undefined);
  if (located.length === 0) io.stderr.write(`creditlens: ${error.code}: ${error.message}\n`);
  for (const problem of located.slice(0, PROBLEMS_SHOWN)) {
    io.stderr.write(`${path.basename(file)}:${lineOf(problem.index!)}: ${problem.field || '(entry)'}: ${problem.message}\n`);
  }
  if (located.length > PROBLEMS_SHOWN) io.stderr.write(`… and ${located.length - PROBLEMS_SHOWN} more\n`);
  const { entriesDone, accepted, duplicates } = error.recordedSoFar;
  io.stderr.write(
    `The batch from line ${lineOf(error.batchStart)} was not recorded (nothing of it was written)` +
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
