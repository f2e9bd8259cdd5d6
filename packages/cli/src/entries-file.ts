import { CREDIT_KINDS, isCreditKind } from '@creditlens/usage-math';
import type { UsageEntryInput } from '@creditlens/client';
import { parseCsv } from './csv';

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

/**
 * Reads every entry of the file and checks each against UsageEntryInput before anything is
 * sent, so a malformed line never leaves part of the file recorded.
 */
export function readEntries(text: string, format: FileFormat): EntriesFile {
  const problems: LineProblem[] = [];
  const entries: FileEntry[] = [];
  const rows = format === 'ndjson' ? ndjsonRows(text, problems) : csvRows(text, problems);
  for (const { line, values } of rows) {
    const entry = toEntry(line, values, format, problems);
    if (entry) entries.push({ line, entry });
  }
  return problems.length > 0 ? { entries: [], problems: problems.sort((a, b) => a.line - b.line) } : { entries, problems: [] };
}

type Row = { line: number; values: Record<string, unknown> };

function ndjsonRows(text: string, problems: LineProblem[]): Row[] {
  const rows: Row[] = [];
  text.split(/\r?\n/).forEach((source, index) => {
    const line = index + 1;
    if (source.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(source);
    } catch (error) {
      problems.push({ line, field: '(line)', message: `not valid JSON: ${(error as Error).message}` });
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      problems.push({ line, field: '(line)', message: 'expected one JSON object per line' });
      return;
    }
    rows.push({ line, values: value as Record<string, unknown> });
  });
  return rows;
}

function csvRows(text: string, problems: LineProblem[]): Row[] {
  let records;
  try {
    records = parseCsv(text);
  } catch (error) {
    const [, line, message] = /^line (\d+): (.*)$/.exec((error as Error).message) ?? [];
    problems.push({ line: Number(line ?? 1), field: '(line)', message: message ?? (error as Error).message });
    return [];
  }
  const [header, ...data] = records;
  if (!header) return [];
  const columns = header.fields.map((name) => name.trim());
  for (const column of columns) {
    if (!FIELDS.has(column)) problems.push({ line: header.line, field: column, message: `unknown column; expected the UsageEntryInput names: ${[...FIELDS].join(', ')}` });
  }
  for (const required of REQUIRED) {
    if (!columns.includes(required)) problems.push({ line: header.line, field: required, message: 'missing column' });
  }
  if (problems.length > 0) return [];
  return data.flatMap((record) => {
    if (record.fields.length !== columns.length) {
      problems.push({ line: record.line, field: '(line)', message: `expected ${columns.length} fields as in the header, got ${record.fields.length}` });
      return [];
    }
    return [{ line: record.line, values: Object.fromEntries(columns.map((column, i) => [column, record.fields[i]])) }];
  });
}

function toEntry(line: number, values: Record<string, unknown>, format: FileFormat, problems: LineProblem[]): UsageEntryInput | undefined {
  const before = problems.length;
  const problem = (field: string, message: string) => problems.push({ line, field, message });
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

  if (problems.length > before) return undefined;
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
