import { seriesEdges } from '@creditlens/usage-math';
import { CAMPAIGN_LOCAL_DAYS, hourIsSplit, inPrimaryKeyOrder, isLocalDayStart, localDayStarts, sumByLocalDay, WORKSPACE_LOCAL_DAYS } from './local-days';
import { DAY_MS, HOUR_MS } from './window-planner';

const ZONES = ['UTC', 'Europe/Berlin', 'Asia/Kolkata', 'America/Santiago', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/St_Johns', 'Pacific/Apia'];

/** The day bucket of series(DAY) over a wide window that holds `instant`: the reference. */
function referenceDayStart(instant: number, timeZone: string): number {
  const edges = seriesEdges({ from: new Date(instant - 3 * DAY_MS), to: new Date(instant + 3 * DAY_MS) }, 'DAY', timeZone);
  let i = edges.length - 2;
  while (edges[i]! > instant) i -= 1;
  return edges[i]!;
}

describe('local days', () => {
  it.each(ZONES)('start where series(DAY) buckets start, across DST changes, in %s', (timeZone) => {
    const dayStartOf = localDayStarts(timeZone);
    // Every 37 minutes for two years: both DST changes of each year, in both hemispheres.
    for (let instant = Date.parse('2025-01-01T00:00:00Z'); instant < Date.parse('2027-01-01T00:00:00Z'); instant += 37 * 60_000 * 7) {
      expect([instant, dayStartOf(instant)]).toEqual([instant, referenceDayStart(instant, timeZone)]);
    }
  });

  it('start on the instant itself at a local midnight, one millisecond earlier on the day before', () => {
    const dayStartOf = localDayStarts('Europe/Berlin');
    const midnight = Date.parse('2026-10-25T23:00:00Z'); // 26 October 00:00 CET, the day after the change
    expect(dayStartOf(midnight)).toBe(midnight);
    expect(dayStartOf(midnight - 1)).toBe(Date.parse('2026-10-24T22:00:00Z')); // the 25-hour day
    expect(isLocalDayStart(midnight, dayStartOf)).toBe(true);
    expect(isLocalDayStart(midnight + HOUR_MS, dayStartOf)).toBe(false);
  });

  it('split a UTC hour only where a local day starts inside it', () => {
    const kolkata = localDayStarts('Asia/Kolkata');
    expect(hourIsSplit(Date.parse('2026-06-01T18:00:00Z'), kolkata)).toBe(true); // midnight at 18:30 UTC
    expect(hourIsSplit(Date.parse('2026-06-01T19:00:00Z'), kolkata)).toBe(false);
    const berlin = localDayStarts('Europe/Berlin');
    for (let hour = Date.parse('2026-10-20T00:00:00Z'); hour < Date.parse('2026-10-30T00:00:00Z'); hour += HOUR_MS) expect(hourIsSplit(hour, berlin)).toBe(false);
  });

  it('sum parts by workspace, campaign row and local day', () => {
    const dayStartOf = localDayStarts('Asia/Kolkata');
    const sums = sumByLocalDay(
      [
        { workspaceId: 'a', campaignKey: 'c1', at: Date.parse('2026-06-01T18:29:59Z'), credits: 5n, entries: 1 },
        { workspaceId: 'a', campaignKey: 'c1', at: Date.parse('2026-06-01T18:30:00Z'), credits: 7n, entries: 1 },
        { workspaceId: 'a', campaignKey: '', at: Date.parse('2026-06-01T20:00:00Z'), credits: 2n, entries: 1 },
        { workspaceId: 'a', campaignKey: 'c1', at: Date.parse('2026-06-02T10:00:00Z'), credits: 1n, entries: 1 },
      ],
      dayStartOf,
    );
    expect(sums).toEqual([
      { workspaceId: 'a', campaignKey: 'c1', dayStart: Date.parse('2026-05-31T18:30:00Z'), credits: 5n, entries: 1 },
      { workspaceId: 'a', campaignKey: 'c1', dayStart: Date.parse('2026-06-01T18:30:00Z'), credits: 8n, entries: 2 },
      { workspaceId: 'a', campaignKey: '', dayStart: Date.parse('2026-06-01T18:30:00Z'), credits: 2n, entries: 1 },
    ]);
  });

  it('sum parts by workspace and local day', () => {
    const dayStartOf = localDayStarts('Europe/Berlin');
    const sums = sumByLocalDay(
      [
        { workspaceId: 'a', at: Date.parse('2026-06-01T21:59:59Z'), credits: 5n, entries: 1 },
        { workspaceId: 'a', at: Date.parse('2026-06-01T22:00:00Z'), credits: 7n, entries: 2 },
        { workspaceId: 'a', at: Date.parse('2026-06-02T10:00:00Z'), credits: -3n, entries: 1 },
        { workspaceId: 'b', at: Date.parse('2026-06-02T10:00:00Z'), credits: 1n, entries: 1 },
      ],
      dayStartOf,
    );
    expect(sums).toEqual([
      { workspaceId: 'a', campaignKey: undefined, dayStart: Date.parse('2026-05-31T22:00:00Z'), credits: 5n, entries: 1 },
      { workspaceId: 'a', campaignKey: undefined, dayStart: Date.parse('2026-06-01T22:00:00Z'), credits: 4n, entries: 3 },
      { workspaceId: 'b', campaignKey: undefined, dayStart: Date.parse('2026-06-01T22:00:00Z'), credits: 1n, entries: 1 },
    ]);
  });

  it("are written in their rollup's primary key order: by day then workspace for the page's, by workspace, day and campaign for the expand's", () => {
    const sum = (workspaceId: string, campaignKey: string | undefined, dayStart: number) => ({ workspaceId, campaignKey, dayStart, credits: 1n, entries: 1 });
    const workspaceDays = [sum('ws2', undefined, 2), sum('ws1', undefined, 2), sum('ws10', undefined, 1), sum('ws1', undefined, 1)];
    expect(inPrimaryKeyOrder(WORKSPACE_LOCAL_DAYS, workspaceDays).map((s) => [s.dayStart, s.workspaceId])).toEqual([[1, 'ws1'], [1, 'ws10'], [2, 'ws1'], [2, 'ws2']]);
    const campaignDays = [sum('ws2', 'c1', 1), sum('ws1', 'c2', 2), sum('ws1', '', 2), sum('ws1', 'c9', 1)];
    expect(inPrimaryKeyOrder(CAMPAIGN_LOCAL_DAYS, campaignDays).map((s) => [s.workspaceId, s.dayStart, s.campaignKey])).toEqual([['ws1', 1, 'c9'], ['ws1', 2, ''], ['ws1', 2, 'c2'], ['ws2', 1, 'c1']]);
  });
});
