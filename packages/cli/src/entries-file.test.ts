import { detectFormat, readEntries } from './entries-file';

const line = (fields: Record<string, unknown>) =>
  JSON.stringify({ idempotencyKey: 'k1', accountId: 'a', workspaceId: 'w', kind: 'LEAD_FINDING', credits: 5, occurredAt: '2026-06-01T00:00:00Z', ...fields });

describe('readEntries', () => {
  it('reads NDJSON with the line of each entry, skipping blank lines', () => {
    const read = readEntries(`${line({ idempotencyKey: 'k1' })}\n\n${line({ idempotencyKey: 'k2', campaignId: 'c', kind: 'REPLY' })}\n`, 'ndjson');
    expect(read.problems).toEqual([]);
    expect(read.entries.map((e) => [e.line, e.entry.idempotencyKey, e.entry.campaignId])).toEqual([
      [1, 'k1', null],
      [3, 'k2', 'c'],
    ]);
  });

  it('reads CSV with the UsageEntryInput column names in any order, quoted cells and an empty campaign', () => {
    const csv = 'credits,kind,occurredAt,idempotencyKey,accountId,workspaceId,campaignId\r\n-40,REPLY,2026-06-01T00:00:00Z,"k,1",a,w,"Q3 ""Outbound"""\r\n7,LEAD_FINDING,2026-06-01T00:00:00+02:00,k2,a,w,\r\n';
    const read = readEntries(csv, 'csv');
    expect(read.problems).toEqual([]);
    expect(read.entries).toEqual([
      { line: 2, entry: { idempotencyKey: 'k,1', accountId: 'a', workspaceId: 'w', campaignId: 'Q3 "Outbound"', kind: 'REPLY', credits: -40, occurredAt: '2026-06-01T00:00:00Z' } },
      { line: 3, entry: { idempotencyKey: 'k2', accountId: 'a', workspaceId: 'w', campaignId: null, kind: 'LEAD_FINDING', credits: 7, occurredAt: '2026-06-01T00:00:00+02:00' } },
    ]);
  });

  it('names the line and field of every bad value, and returns no entries then', () => {
    const text = [line({}), line({ credits: 1.5 }), '{"broken', line({ kind: 'REPLYY', occurredAt: '2026-06-01' }), line({ campaign_id: 'c' })].join('\n');
    const read = readEntries(text, 'ndjson');
    expect(read.entries).toEqual([]);
    expect(read.problems.map((p) => [p.line, p.field])).toEqual([
      [2, 'credits'],
      [3, '(line)'],
      [4, 'kind'],
      [4, 'occurredAt'],
      [5, 'campaign_id'],
    ]);
  });

  it('names a missing or unknown CSV column on the header line', () => {
    const read = readEntries('idempotencyKey,accountId,workspaceId,kind,credit,occurredAt\nk,a,w,REPLY,1,2026-06-01T00:00:00Z\n', 'csv');
    expect(read.problems.map((p) => [p.line, p.field, p.message])).toEqual([
      [1, 'credit', expect.stringContaining('unknown column')],
      [1, 'credits', 'missing column'],
    ]);
  });

  it('counts lines inside a quoted multi-line CSV cell', () => {
    const csv = 'idempotencyKey,accountId,workspaceId,kind,credits,occurredAt\n"k\n1",a,w,REPLY,1,2026-06-01T00:00:00Z\nk2,a,w,NOPE,1,2026-06-01T00:00:00Z\n';
    expect(readEntries(csv, 'csv').problems.map((p) => [p.line, p.field])).toEqual([[4, 'kind']]);
  });
});

describe('detectFormat', () => {
  it('goes by the extension, then by the first character', () => {
    expect(detectFormat('usage.ndjson', 'a,b')).toBe('ndjson');
    expect(detectFormat('usage.csv', '{')).toBe('csv');
    expect(detectFormat('usage.txt', '  {"a":1}')).toBe('ndjson');
    expect(detectFormat('usage.txt', 'idempotencyKey,accountId')).toBe('csv');
  });
});
