import { LineProblems, detectFormat, readEntries, streamEntries, type FileEntry } from './entries-file';

const line = (fields: Record<string, unknown>) =>
  JSON.stringify({ idempotencyKey: 'k1', accountId: 'a', workspaceId: 'w', kind: 'LEAD_FINDING', credits: 5, occurredAt: '2026-06-01T00:00:00Z', ...fields });

describe('readEntries', () => {
  it('reads NDJSON with the line of each entry, skipping blank lines', async () => {
    const read = await readEntries(`${line({ idempotencyKey: 'k1' })}\n\n${line({ idempotencyKey: 'k2', campaignId: 'c', kind: 'REPLY' })}\n`, 'ndjson');
    expect(read.problems).toEqual([]);
    expect(read.entries.map((e) => [e.line, e.entry.idempotencyKey, e.entry.campaignId])).toEqual([
      [1, 'k1', null],
      [3, 'k2', 'c'],
    ]);
  });

  it('reads CSV with the UsageEntryInput column names in any order, quoted cells and an empty campaign', async () => {
    const csv = 'credits,kind,occurredAt,idempotencyKey,accountId,workspaceId,campaignId\r\n-40,REPLY,2026-06-01T00:00:00Z,"k,1",a,w,"Q3 ""Outbound"""\r\n7,LEAD_FINDING,2026-06-01T00:00:00+02:00,k2,a,w,\r\n';
    const read = await readEntries(csv, 'csv');
    expect(read.problems).toEqual([]);
    expect(read.entries).toEqual([
      { line: 2, entry: { idempotencyKey: 'k,1', accountId: 'a', workspaceId: 'w', campaignId: 'Q3 "Outbound"', kind: 'REPLY', credits: -40, occurredAt: '2026-06-01T00:00:00Z' } },
      { line: 3, entry: { idempotencyKey: 'k2', accountId: 'a', workspaceId: 'w', campaignId: null, kind: 'LEAD_FINDING', credits: 7, occurredAt: '2026-06-01T00:00:00+02:00' } },
    ]);
  });

  it('names the line and field of every bad value, and returns no entries then', async () => {
    const text = [line({}), line({ credits: 1.5 }), '{"broken', line({ kind: 'REPLYY', occurredAt: '2026-06-01' }), line({ campaign_id: 'c' })].join('\n');
    const read = await readEntries(text, 'ndjson');
    expect(read.entries).toEqual([]);
    expect(read.problems.map((p) => [p.line, p.field])).toEqual([
      [2, 'credits'],
      [3, '(line)'],
      [4, 'kind'],
      [4, 'occurredAt'],
      [5, 'campaign_id'],
    ]);
  });

  it('names a missing or unknown CSV column on the header line', async () => {
    const read = await readEntries('idempotencyKey,accountId,workspaceId,kind,credit,occurredAt\nk,a,w,REPLY,1,2026-06-01T00:00:00Z\n', 'csv');
    expect(read.problems.map((p) => [p.line, p.field, p.message])).toEqual([
      [1, 'credit', expect.stringContaining('unknown column')],
      [1, 'credits', 'missing column'],
    ]);
  });

  it('counts lines inside a quoted multi-line CSV cell', async () => {
    const csv = 'idempotencyKey,accountId,workspaceId,kind,credits,occurredAt\n"k\n1",a,w,REPLY,1,2026-06-01T00:00:00Z\nk2,a,w,NOPE,1,2026-06-01T00:00:00Z\n';
    expect((await readEntries(csv, 'csv')).problems.map((p) => [p.line, p.field])).toEqual([[4, 'kind']]);
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

/** The text cut into pieces of `size` characters: a file as a stream delivers it, boundaries anywhere. */
function* chunksOf(text: string, size: number) {
  for (let start = 0; start < text.length; start += size) yield text.slice(start, start + size);
}

async function collect(name: string, chunks: Iterable<string>) {
  const problems = new LineProblems();
  const entries: FileEntry[] = [];
  for await (const entry of streamEntries(name, chunks, problems)) entries.push(entry);
  return { entries, problems: problems.shown };
}

describe('streamEntries', () => {
  const ndjson = `${line({ idempotencyKey: 'k1' })}\r\n\r\n${line({ idempotencyKey: 'k2', credits: 'x' })}\r\n{"broken\r\n${line({ idempotencyKey: 'k,4' })}`;
  const csv = 'idempotencyKey,accountId,workspaceId,campaignId,kind,credits,occurredAt\r\n"k\r\n1",a,w,"c ""q""",REPLY,5,2026-06-01T00:00:00Z\r\nk2,a,w,,NOPE,1,2026-06-01T00:00:00Z\r\nk3,a,w,,LEAD_FINDING,-7,2026-06-01T00:00:00Z';

  it.each([1, 2, 3, 7, 64])('reads the same entries and problems whatever the chunk boundaries (chunks of %i)', async (size) => {
    for (const [name, text] of [['usage.ndjson', ndjson], ['usage.csv', csv]] as const) {
      expect(await collect(name, chunksOf(text, size))).toEqual(await collect(name, [text]));
    }
  });

  it('reads entries with their lines, and a bad line as a problem in its place', async () => {
    const read = await collect('usage.csv', [csv]);
    expect(read.entries.map((e) => [e.line, e.entry.idempotencyKey, e.entry.campaignId])).toEqual([
      [2, 'k\r\n1', 'c "q"'],
      [5, 'k3', null],
    ]);
    expect(read.problems.map((p) => [p.line, p.field])).toEqual([[4, 'kind']]);
    const lines = await collect('usage.ndjson', [ndjson]);
    expect(lines.entries.map((e) => e.line)).toEqual([1, 5]);
    expect(lines.problems.map((p) => [p.line, p.field])).toEqual([[3, 'credits'], [4, '(line)']]);
  });

  it('keeps only the first problems it is asked to keep, counting them all', async () => {
    const problems = new LineProblems(2);
    const bad = Array.from({ length: 50 }, (_, i) => line({ idempotencyKey: `k${i}`, credits: 'x' })).join('\n');
    for await (const entry of streamEntries('bad.ndjson', chunksOf(bad, 100), problems)) throw new Error(`unexpected entry ${entry.line}`);
    expect({ count: problems.count, shown: problems.shown.map((p) => p.line) }).toEqual({ count: 50, shown: [1, 2] });
  });
});
