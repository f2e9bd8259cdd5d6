import { CREDIT_KINDS, isCreditKind } from '@creditlens/usage-math';
import type { UsageEntryInput } from '@creditlens/client';
import { CsvParser, type CsvRecord } from './csv';

/** An entry read from a file, with the line it came from (for error messages). */
export interface FileEntry {
  readonly line: number;
  readonly entry: UsageEntryInput;
}

/** A line of the file that is not a valid UsageEntryInput: its number and the field at fault. */
export interface LineProblem {
  readonly line: number;
  readonly field: string;
  readonly message: string;
}

export type EntriesFile = { readonly entries: FileEntry[]; readonly problems: [] } | { readonly entries: []; readonly problems: LineProblem[] };

export type FileFormat = 'ndjson' | 'csv';

const REQUIRED = ['idempotencyKey', 'accountId', 'workspaceId', 'kind', 'credits', 'occurredAt'] as const;
const FIELDS: ReadonlySet<string> = new Set([...REQUIRED, 'campaignId']);
/** The server's DateTime: an ISO-8601 instant with an explicit zone. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/i;

/** NDJSON for .ndjson/.jsonl files, CSV for .csv, otherwise guessed from the first character. */
export function detectFormat(fileName: string, text: string): FileFormat {
  if (/\.(ndjson|jsonl)$/i.test(fileName)) return 'ndjson';
  if (/\.csv$/i.test(fileName)) return 'csv';
  return text.trimStart().startsWith('{') ? 'ndjson' : 'csv';
}

/** The problems of a file: every one counted, the first `keep` kept (so a file of bad lines stays small in memory). */
export class LineProblems {
  readonly shown: LineProblem[] = [];
  count = 0;
  constructor(private readonly keep = Infinity) {}
  add(problem: LineProblem): void {
    this.count++;
    if (this.shown.length < this.keep) this.shown.push(problem);
  }
}

/**
 * The valid entries of a file read chunk by chunk (chunks of any size; the format is detected
 * from the name or the first characters), in file order; every bad line goes to `problems`
 * instead. Memory holds one line (one CSV record) at a time.
 */
export async function* streamEntries(fileName: string, chunks: AsyncIterable<string> | Iterable<string>, problems: LineProblems): AsyncGenerator<FileEntry> {
  let rows: RowReader | undefined;
  let format: FileFormat | undefined;
  for await (const chunk of chunks) {
    if (!rows) {
      if (chunk.trim() === '' && !/\.(ndjson|jsonl|csv)$/i.test(fileName)) continue;
      format = detectFormat(fileName, chunk);
      rows = format === 'ndjson' ? ndjsonRows() : csvRows();
    }
    yield* entriesOf(rows.push(chunk), format!, problems);
  }
  if (rows) yield* entriesOf(rows.end(), format!, problems);
}

function* entriesOf(rows: Array<Row | LineProblem>, format: FileFormat, problems: LineProblems): Generator<FileEntry> {
  for (const row of rows) {
    if (!('values' in row)) {
      problems.add(row);
      continue;
    }
    const entry = toEntry(row.line, row.values, format, problems);
    if (entry) yield { line: row.line, entry };
  }
}

/**
 * Reads every entry of a whole text and checks each against UsageEntryInput, so a malformed line
 * never leaves part of the file recorded: the entries, or the problems and no entries.
 */
export async function readEntries(text: string, format: FileFormat): Promise<EntriesFile> {
  const problems = new LineProblems();
  const entries: FileEntry[] = [];
  for await (const entry of streamEntries(`text.${format}`, [text], problems)) entries.push(entry);
  return problems.count > 0 ? { entries: [], problems: problems.shown } : { entries, problems: [] };
}

type Row = { line: number; values: Record<string, unknown> };

/** Rows of a file in order, each a row of values or the problem that made its line unreadable. */
interface RowReader {
  push(chunk: string): Array<Row | LineProblem>;
  end(): Array<Row | LineProblem>;
}

function ndjsonRows(): RowReader {
  let partial = '';
  let line = 0;
  const rowsOf = (lines: string[]) =>
    lines.flatMap((source): Array<Row | LineProblem> => {
      line++;
      if (source.trim() === '') return [];
      let value: unknown;
      try {
        value = JSON.parse(source);
      } catch (error) {
        return [{ line, field: '(line)', message: `not valid JSON: ${(error as Error).message}` }];
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return [{ line, field: '(line)', message: 'expected one JSON object per line' }];
      }
      return [{ line, values: value as Record<string, unknown> }];
    });
  return {
    push(chunk) {
      const lines = (partial + chunk).split(/\r?\n/);
      partial = lines.pop()!;
      // A CR ending this chunk may be the first half of a CRLF: it goes with the next line.
      return rowsOf(lines);
    },
    end() {
      const last = partial;
      partial = '';
      return rowsOf([last.replace(/\r$/, '')]);
    },
  };
}

function csvRows(): RowReader {
  const parser = new CsvParser();
  let columns: string[] | undefined;
  let failed = false;
  const rowsOf = (read: () => CsvRecord[]): Array<Row | LineProblem> => {
    if (failed) return [];
    let records: CsvRecord[];
    try {
      records = read();
    } catch (error) {
      const [, line, message] = /^line (\d+): (.*)$/.exec((error as Error).message) ?? [];
      failed = true;
      return [{ line: Number(line ?? 1), field: '(line)', message: message ?? (error as Error).message }];
    }
    return records.flatMap((record): Array<Row | LineProblem> => {
      if (failed) return [];
      if (!columns) {
        const problems = headerProblems(record);
        if (problems.length > 0) failed = true;
        else columns = record.fields.map((name) => name.trim());
        return problems;
      }
      if (record.fields.length !== columns.length) {
        return [{ line: record.line, field: '(line)', message: `expected ${columns.length} fields as in the header, got ${record.fields.length}` }];
      }
      return [{ line: record.line, values: Object.fromEntries(columns.map((column, i) => [column, record.fields[i]])) }];
    });
  };
  return { push: (chunk) => rowsOf(() => parser.push(chunk)), end: () => rowsOf(() => parser.end()) };
}

/** What is wrong with a header that is not UsageEntryInput's column names (nothing when it is). */
function headerProblems(record: CsvRecord): LineProblem[] {
  const columns = record.fields.map((name) => name.trim());
  return [
    ...columns
      .filter((column) => !FIELDS.has(column))
      .map((column) => ({ line: record.line, field: column, message: `unknown column; expected the UsageEntryInput names: ${[...FIELDS].join(', ')}` })),
    ...REQUIRED.filter((required) => !columns.includes(required)).map((required) => ({ line: record.line, field: required, message: 'missing column' })),
  ];
}

function toEntry(line: number, values: Record<string, unknown>, format: FileFormat, problems: LineProblems): UsageEntryInput | undefined {
  const before = problems.count;
  const problem = (field: string, message: string) => problems.add({ line, field, message });
  for (const field of Object.keys(values)) if (!FIELDS.has(field)) problem(field, 'not a field of UsageEntryInput');

  const text = (field: string): string => {
    const value = values[field];
    if (typeof value !== 'string' || value === '') problem(field, value === undefined ? 'missing' : `expected a non-empty string, got ${JSON.stringify(value)}`);
    return typeof value === 'string' ? value : '';
  };
  const idempotencyKey = text('idempotencyKey');
  const accountId = text('accountId');
  const workspaceId = text('workspaceId');

  const rawCampaign = values.campaignId;
  const campaignId = rawCampaign === undefined || rawCampaign === null || rawCampaign === '' ? null : rawCampaign;
  if (campaignId !== null && typeof campaignId !== 'string') problem('campaignId', `expected a string or null, got ${JSON.stringify(rawCampaign)}`);

  const kind = values.kind;
  if (typeof kind !== 'string' || !isCreditKind(kind)) problem('kind', `expected one of ${CREDIT_KINDS.join(', ')}, got ${JSON.stringify(kind)}`);

  const rawCredits = values.credits;
  const credits = format === 'csv' && typeof rawCredits === 'string' && /^-?\d+$/.test(rawCredits.trim()) ? Number(rawCredits) : rawCredits;
  if (typeof credits !== 'number' || !Number.isSafeInteger(credits)) problem('credits', `expected a whole number within ±(2^53−1), got ${JSON.stringify(rawCredits)}`);

  const occurredAt = values.occurredAt;
  if (typeof occurredAt !== 'string' || !INSTANT.test(occurredAt) || Number.isNaN(Date.parse(occurredAt))) {
    problem('occurredAt', `expected an ISO-8601 instant with a time zone, like 2026-06-01T09:15:00Z, got ${JSON.stringify(occurredAt)}`);
  }

  if (problems.count > before) return undefined;
  return {
    idempotencyKey,
    accountId,
    workspaceId,
    campaignId: campaignId as string | null,
    kind: kind as UsageEntryInput['kind'],
    credits: credits as number,
    occurredAt: occurredAt as string,
  };
}
