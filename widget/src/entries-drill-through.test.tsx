import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { CreditUsageBreakdown, type CreditUsageBreakdownProps } from './index';
import { fakeGraphQL, type Answer } from './testing/fake-graphql';
import { ACME_CAMPAIGNS, AS_OF, JUNE, THIRDS, campaignsReply, entriesReply, pageReply } from './testing/fixtures';
import { ENTRIES_PAGE_SIZE } from './ui/entries-panel';

type Fake = ReturnType<typeof fakeGraphQL>;
const ENDPOINT = 'http://creditlens.test/graphql';

/** The page (THIRDS), the expand (ACME_CAMPAIGNS), and entries: 60 of them for any row unless told otherwise. */
function server(entries?: Answer): Fake {
  return fakeGraphQL((operation) => {
    if (operation.operationName === 'CreditUsagePage') return pageReply(THIRDS);
    if (operation.operationName === 'CreditUsageWorkspace') return campaignsReply(operation.variables['workspaceId'], ACME_CAMPAIGNS);
    if (entries) return entries(operation);
    const after = operation.variables['after'] as string | null;
    const first = after === null ? 0 : Number(after.split('-')[1]) + 1;
    return entriesReply({ total: 60, first, count: Math.min(ENTRIES_PAGE_SIZE, 60 - first), campaignId: operation.variables['filter'].campaignId ?? null });
  });
}

function renderWidget(fake: Fake, props: Partial<CreditUsageBreakdownProps> = {}) {
  return render(<CreditUsageBreakdown client={fake.client} accountId="acct_demo" locale="en-US" {...(props as object)} />);
}

const rowsShown = () => screen.findByRole('row', { name: /^Acme Robotics/ });
const entriesRequests = (fake: Fake) => fake.operations.filter((operation) => operation.operationName === 'CreditUsageEntries');

describe('the drill-through to ledger entries', () => {
  it('shows in the header when usage last arrived, beside the snapshot', async () => {
    renderWidget(server(), { locale: 'en-GB' });
    await rowsShown();
    expect(screen.getByText('as of 12:00')).toBeTruthy();
    const last = screen.getByText('usage last arrived 20 Jun 2026, 11:57:31');
    expect(last.getAttribute('datetime')).toBe('2026-06-20T09:57:31.000Z');
  });

  it("opens a dialog with a workspace row's entries at the page's asOf, without toggling the row, and focuses its heading", async () => {
    const fake = server();
    renderWidget(fake, { locale: 'en-GB' });
    await rowsShown();
    fireEvent.click(screen.getByRole('button', { name: 'View entries of Acme Robotics' }));

    const dialog = await screen.findByRole('dialog', { name: 'Entries of Acme Robotics' });
    await within(dialog).findByText('entry-000');
    expect(entriesRequests(fake).map((operation) => operation.variables)).toEqual([
      { accountId: 'acct_demo', window: JUNE, asOf: AS_OF, filter: { workspaceId: 'ws_acme' }, first: ENTRIES_PAGE_SIZE, after: null },
    ]);
    expect(screen.getByRole('row', { name: /^Acme Robotics/ }).getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(within(dialog).getByRole('heading', { name: 'Entries of Acme Robotics' }));
    expect(within(dialog).getByText(`60 entries · ${(60 * 10 + (59 * 60) / 2).toLocaleString('en-GB')} credits · as of 20 Jun 2026, 12:00:00`)).toBeTruthy();
    const table = within(dialog).getByRole('table');
    expect(within(table).getAllByRole('columnheader').map((cell) => cell.textContent)).toEqual(['Occurred at', 'Kind', 'Credits', 'Idempotency key']);
    expect(within(table).getAllByRole('row')[1]!.textContent).toBe('19 Jun 2026, 14:00:00Lead finding10entry-000');
    expect(within(table).getAllByRole('row')).toHaveLength(1 + ENTRIES_PAGE_SIZE);
  });

  it('pages forward with the cursor and back from the cache', async () => {
    const fake = server();
    renderWidget(fake);
    await rowsShown();
    fireEvent.click(screen.getByRole('button', { name: 'View entries of Acme Robotics' }));
    const dialog = await screen.findByRole('dialog');
    await within(dialog).findByText('1–25 of 60');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Next' }));
    await within(dialog).findByText('entry-025');
    expect(within(dialog).getByText('26–50 of 60')).toBeTruthy();
    expect(entriesRequests(fake)[1]!.variables['after']).toBe('cursor-24');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Next' }));
    await within(dialog).findByText('entry-059');
    expect(within(dialog).getByRole('button', { name: 'Next' }).getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Next' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Previous' }));
    await within(dialog).findByText('entry-025');
    expect(entriesRequests(fake)).toHaveLength(3);
  });

  it("names a campaign row and the No campaign row by their filters", async () => {
    const fake = server();
    renderWidget(fake);
    await rowsShown();
    fireEvent.click(screen.getByRole('row', { name: /^Acme Robotics/ }));
    await screen.findByRole('row', { name: /^Q3 Outbound/ });
    fireEvent.click(screen.getByRole('button', { name: 'View entries of Q3 Outbound – DACH' }));
    await within(await screen.findByRole('dialog', { name: 'Entries of Q3 Outbound – DACH' })).findByText('entry-000');
    fireEvent.click(screen.getByRole('button', { name: 'View entries of No campaign' }));
    await within(await screen.findByRole('dialog', { name: 'Entries of No campaign' })).findByText('entry-000');
    expect(entriesRequests(fake).map((operation) => operation.variables['filter'])).toEqual([
      { workspaceId: 'ws_acme', campaignId: ACME_CAMPAIGNS[0]!.id },
      { workspaceId: 'ws_acme', noCampaign: true },
    ]);
  });

  it('closes on Escape and on Close, giving focus back to the control that opened it', async () => {
    renderWidget(server());
    await rowsShown();
    const opener = screen.getByRole('button', { name: 'View entries of Globex Logistics' });
    fireEvent.click(opener);
    const dialog = await screen.findByRole('dialog');
    fireEvent.keyDown(within(dialog).getByRole('heading'), { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
    fireEvent.click(opener);
    fireEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('has no control with showEntries={false}', async () => {
    renderWidget(server(), { showEntries: false });
    await rowsShown();
    expect(screen.queryByRole('button', { name: /^View entries/ })).toBeNull();
  });

  it('downloads exactly the listed entries as CSV, at the same asOf, with the widget\'s token', async () => {
    const fake = server();
    const csvRequests: Array<{ url: string; authorization: string | null }> = [];
    const spy = jest.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      if (String(input).includes('/export/')) {
        csvRequests.push({ url: String(input), authorization: new Headers(init?.headers).get('authorization') });
        return new Response('occurred_at\r\n', { status: 200, headers: { 'content-type': 'text/csv' } });
      }
      return fake.fetch(input, init);
    });
    const clicked: string[] = [];
    Object.assign(URL, { createObjectURL: () => 'blob:csv', revokeObjectURL: () => undefined });
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    try {
      render(<CreditUsageBreakdown endpoint={ENDPOINT} token="embed-token-1" accountId="acct_demo" />);
      await rowsShown();
      fireEvent.click(screen.getByRole('row', { name: /^Acme Robotics/ }));
      fireEvent.click(await screen.findByRole('button', { name: 'View entries of No campaign' }));
      const dialog = await screen.findByRole('dialog');
      fireEvent.click(within(dialog).getByRole('button', { name: 'Download CSV' }));
      await waitFor(() => expect(clicked).toHaveLength(1));
    } finally {
      spy.mockRestore();
      click.mockRestore();
    }
    const url = new URL(csvRequests[0]!.url);
    expect(url.origin + url.pathname).toBe('http://creditlens.test/export/entries.csv');
    expect(Object.fromEntries(url.searchParams)).toEqual({ accountId: 'acct_demo', from: JUNE.from, to: JUNE.to, asOf: AS_OF, workspaceId: 'ws_acme', noCampaign: '1' });
    expect(csvRequests[0]!.authorization).toBe('Bearer embed-token-1');
    expect(clicked).toEqual(['credit-entries-2026-05-31.csv']);
  });
});
