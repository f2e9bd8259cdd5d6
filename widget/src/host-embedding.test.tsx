import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import { CreditUsageBreakdown, type CreditUsageBreakdownProps } from './index';
import { deferred, fakeGraphQL, type Answer, type Reply } from './testing/fake-graphql';
import { ACME_CAMPAIGNS, AS_OF, JULY, JUNE, THIRDS, campaignsReply, fakeJwt, manyWorkspaces, pageReply } from './testing/fixtures';

/**
 * The widget as host pages meet it: tokens that renew, host styles and themes, strings, many
 * workspaces, period switches, row actions. The server is the fake behind `fetch`.
 */

type Fake = ReturnType<typeof fakeGraphQL>;
const ENDPOINT = 'http://creditlens.test/graphql';

function demoServer(overrides: { page?: Answer; workspace?: Answer } = {}): Fake {
  return fakeGraphQL((operation) => {
    if (operation.operationName === 'CreditUsagePage') return overrides.page?.(operation) ?? pageReply(THIRDS);
    return overrides.workspace?.(operation) ?? campaignsReply(operation.variables['workspaceId'], ACME_CAMPAIGNS, operation.variables['asOf']);
  });
}

function renderWidget(fake: Fake, props: Partial<CreditUsageBreakdownProps> = {}) {
  return render(<CreditUsageBreakdown client={fake.client} accountId="acct_demo" locale="en-US" {...(props as object)} />);
}

/** Routes the widget's own client (endpoint + token) to the fake server. */
function routeFetchTo(fake: Fake) {
  const spy = jest.spyOn(globalThis, 'fetch').mockImplementation((input, init) => fake.fetch(input, init));
  return () => spy.mockRestore();
}

const UNAUTHENTICATED: Reply = { status: 401, body: { errors: [{ message: 'the credential is not valid', extensions: { code: 'UNAUTHENTICATED' } }] } };

const workspaceRow = (name: string) => screen.getByRole('row', { name: new RegExp(`^${name}`) });
const workspaceRows = () => screen.queryAllByRole('row').filter((row) => row.getAttribute('aria-level') === '1' && row.dataset['workspaceId']);
const campaignRows = () => screen.queryAllByRole('row').filter((row) => row.getAttribute('aria-level') === '2' && row.dataset['rowKey']);
const treegrid = () => screen.getByRole('treegrid');
const rowsShown = () => screen.findByRole('row', { name: /^Acme Robotics/ });

beforeEach(() => document.getElementById('creditlens-widget-styles')?.remove());

describe('tokens', () => {
  afterEach(() => jest.useRealTimers());

  it('asks the token function at start, renews at 80 % of the lifetime, and keeps the expanded rows and their DOM through the renewal', async () => {
    jest.useFakeTimers({ now: Date.parse(AS_OF), advanceTimers: true });
    const fake = demoServer();
    const restore = routeFetchTo(fake);
    let issued = 0;
    const token = jest.fn(async (): Promise<string> => {
      const iat = Math.floor(Date.now() / 1000);
      return fakeJwt({ iat, exp: iat + 100, n: ++issued });
    });
    try {
      render(<CreditUsageBreakdown endpoint={ENDPOINT} token={token} accountId="acct_demo" locale="en-US" />);
      await rowsShown();
      fireEvent.click(workspaceRow('Acme Robotics'));
      const q3 = await screen.findByRole('row', { name: /^Q3 Outbound/ });
      expect(token).toHaveBeenCalledTimes(1);

      await act(() => jest.advanceTimersByTimeAsync(80_000));
      expect(token).toHaveBeenCalledTimes(2);
      fireEvent.click(workspaceRow('Globex Logistics'));
      await waitFor(() => expect(campaignRows()).toHaveLength(6));

      expect(screen.getAllByRole('row', { name: /^Q3 Outbound/ })[0]).toBe(q3);
      expect(workspaceRow('Acme Robotics').getAttribute('aria-expanded')).toBe('true');
      const [firstToken, secondToken] = await Promise.all(token.mock.results.map((result: { value: unknown }) => result.value as Promise<string>));
      expect(fake.operations.map((operation) => operation.authorization)).toEqual([`Bearer ${firstToken}`, `Bearer ${firstToken}`, `Bearer ${secondToken}`]);
    } finally {
      restore();
    }
  });

  it('renews once after an UNAUTHENTICATED answer and retries the request, so the user sees the rows and no error', async () => {
    let answered = 0;
    const fake = demoServer({ page: () => (answered++ === 0 ? UNAUTHENTICATED : pageReply(THIRDS)) });
    const restore = routeFetchTo(fake);
    let issued = 0;
    const onError = jest.fn();
    const iat = Math.floor(Date.now() / 1000) - 10;
    try {
      render(<CreditUsageBreakdown endpoint={ENDPOINT} token={async () => fakeJwt({ iat, exp: iat + 900, n: ++issued })} accountId="acct_demo" onError={onError} />);
      await rowsShown();
    } finally {
      restore();
    }
    expect(issued).toBe(2);
    expect(fake.operations.map((operation) => operation.authorization)).toEqual([
      `Bearer ${fakeJwt({ iat, exp: iat + 900, n: 1 })}`,
      `Bearer ${fakeJwt({ iat, exp: iat + 900, n: 2 })}`,
    ]);
    expect(onError).not.toHaveBeenCalled();
  });

  it('shows the loading state while the token prop is undefined, then the data once it arrives, with no click', async () => {
    const fake = demoServer();
    const restore = routeFetchTo(fake);
    let giveToken!: (token: string) => void;
    function Host() {
      const [token, setToken] = useState<string | undefined>(undefined);
      giveToken = setToken;
      return <CreditUsageBreakdown endpoint={ENDPOINT} token={token} accountId="acct_demo" />;
    }
    try {
      render(<Host />);
      expect(screen.getByText('Loading credit usage…')).toBeTruthy();
      await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
      expect(fake.operations).toHaveLength(0);
      expect(screen.queryByRole('alert')).toBeNull();

      act(() => giveToken('late-token'));
      await rowsShown();
    } finally {
      restore();
    }
    expect(fake.operations.map((operation) => operation.authorization)).toEqual(['Bearer late-token']);
  });

  it('gives onError a typed error with the server code, and onTokenError when the token function fails', async () => {
    const onError = jest.fn();
    const rejected = renderWidget(demoServer({ page: () => UNAUTHENTICATED }), { onError });
    await screen.findByRole('alert');
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'UNAUTHENTICATED', message: 'the credential is not valid' }));
    rejected.unmount();

    const fake = demoServer();
    const restore = routeFetchTo(fake);
    const onTokenError = jest.fn();
    const onError2 = jest.fn();
    try {
      render(
        <CreditUsageBreakdown endpoint={ENDPOINT} token={() => Promise.reject(new Error('host backend down'))} onTokenError={onTokenError} onError={onError2} accountId="acct_demo" />,
      );
      await screen.findByRole('alert');
    } finally {
      restore();
    }
    expect(onTokenError).toHaveBeenCalledWith(expect.objectContaining({ code: 'TOKEN_RENEWAL_FAILED', message: expect.stringContaining('host backend down') }));
    expect(onError2).toHaveBeenCalledWith(expect.objectContaining({ code: 'TOKEN_RENEWAL_FAILED' }));
    expect(fake.operations).toHaveLength(0);
  });
});

describe('never breaks the host', () => {
  it('keeps a render failure inside its own box and reports it, leaving the host page rendered', async () => {
    const onError = jest.fn();
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      render(
        <div>
          <p>host content</p>
          <CreditUsageBreakdown
            client={demoServer().client}
            accountId="acct_demo"
            onError={onError}
            renderRowActions={() => {
              throw new Error('host action exploded');
            }}
          />
        </div>,
      );
      expect(await screen.findByText('Credit usage could not be shown.')).toBeTruthy();
    } finally {
      spy.mockRestore();
    }
    expect(screen.getByText('host content')).toBeTruthy();
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'RENDER_FAILED', message: 'host action exploded' }));
  });

  it('falls back to en-US for a malformed locale and reports it through onError', async () => {
    const onError = jest.fn();
    renderWidget(demoServer({ page: () => pageReply([{ id: 'ws_acme', name: 'Acme Robotics', credits: 1234567, share: 1, percent: 100 }]) }), { locale: 'en_US', onError });
    await rowsShown();

    expect(within(workspaceRow('Acme Robotics')).getAllByRole('gridcell')[0]!.textContent).toBe('1,234,567');
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'INVALID_LOCALE', message: expect.stringContaining('"en_US"') }));
  });
});

describe('names at any width', () => {
  it('keeps the full name in the tooltip and the accessible name, however narrow the cell', async () => {
    const long = 'Acme Robotics – Enterprise Outbound EMEA and APAC';
    renderWidget(demoServer({ page: () => pageReply([{ id: 'ws_acme', name: long, credits: 10, share: 1, percent: 100 }]) }));
    const row = await screen.findByRole('row', { name: new RegExp(`^${long}`) });

    const label = row.querySelector('.clw-label')!;
    expect(label.getAttribute('title')).toBe(long);
    expect(within(row).getByRole('rowheader').textContent).toBe(long);
  });
});

describe('the host\'s styles', () => {
  it('puts the nonce on the injected style element, and injects nothing with injectStyles={false}', async () => {
    const first = renderWidget(demoServer(), { nonce: 'r4nd0m' });
    await rowsShown();
    const style = document.getElementById('creditlens-widget-styles') as HTMLStyleElement;
    expect(style.nonce).toBe('r4nd0m');
    first.unmount();
    style.remove();

    renderWidget(demoServer(), { injectStyles: false });
    await rowsShown();
    expect(document.querySelectorAll('style')).toHaveLength(0);
  });

  it('follows the host page\'s color-scheme in theme="auto", and leaves the choice to the OS when the host declares none or both', async () => {
    const host = document.createElement('div');
    document.body.appendChild(host);
    host.style.colorScheme = 'dark';
    const { container, unmount } = render(<CreditUsageBreakdown client={demoServer().client} accountId="acct_demo" />, { container: host });
    await rowsShown();
    const root = container.querySelector('.clw')!;
    expect(root.getAttribute('data-theme')).toBe('auto');
    expect(root.getAttribute('data-scheme')).toBe('dark');

    host.style.colorScheme = 'light';
    await act(async () => document.documentElement.setAttribute('class', 'host-light'));
    expect(root.getAttribute('data-scheme')).toBe('light');

    host.style.colorScheme = 'light dark';
    await act(async () => document.documentElement.setAttribute('class', 'host-both'));
    expect(root.hasAttribute('data-scheme')).toBe(false);
    unmount();
    host.remove();
    document.documentElement.removeAttribute('class');
  });
});

describe('numbers that do not mislead', () => {
  it('scales campaign bars inside their workspace\'s bar, styles them as parts, and names their percent "of workspace"', async () => {
    renderWidget(demoServer({ page: () => pageReply([{ id: 'ws_acme', name: 'Acme Robotics', credits: 1000, share: 0.25, percent: 25 }, { id: 'ws_globex', name: 'Globex Logistics', credits: 3000, share: 0.75, percent: 75 }]) }));
    await rowsShown();
    fireEvent.click(workspaceRow('Acme Robotics'));
    const q3 = await screen.findByRole('row', { name: /^Q3 Outbound/ });

    const acme = workspaceRow('Acme Robotics');
    expect(acme.querySelector<HTMLElement>('.clw-bar')!.style.width).toBe('100%');
    expect(acme.querySelector<HTMLElement>('.clw-bar-fill')!.style.width).toBe('25%');
    expect(q3.querySelector<HTMLElement>('.clw-bar')!.style.width).toBe('25%');
    expect(q3.querySelector<HTMLElement>('.clw-bar-fill')!.style.width).toBe('60%');
    expect(q3.className).toContain('clw-level-2');
    expect(within(q3).getAllByRole('gridcell')[1]!.getAttribute('aria-label')).toBe('60.0% of workspace');
    expect(within(acme).getAllByRole('gridcell')[1]!.getAttribute('aria-label')).toBe('25.0% of total');
  });

  it('draws no bar for a refund row or for a share beyond 100 %, and still shows their numbers', async () => {
    const refunds = [
      { id: 'cmp_big', name: 'Big Launch', credits: 200, percent: 200, share: 2, byKind: [{ kind: 'REPLY', credits: 200 }] },
      { id: 'cmp_refund', name: 'Refunded Pilot', credits: -100, percent: -100, share: -1, byKind: [{ kind: 'REPLY', credits: -100 }] },
    ];
    renderWidget(demoServer({ workspace: (operation) => campaignsReply(operation.variables['workspaceId'], refunds) }));
    await rowsShown();
    fireEvent.click(workspaceRow('Acme Robotics'));
    const refund = await screen.findByRole('row', { name: /^Refunded Pilot/ });
    const big = screen.getByRole('row', { name: /^Big Launch/ });

    expect(refund.querySelector('.clw-bar')).toBeNull();
    expect(big.querySelector('.clw-bar')).toBeNull();
    expect(within(refund).getAllByRole('gridcell').map((cell) => cell.textContent)).toEqual(['-100', '-100.0%', 'new']);
    expect(within(big).getAllByRole('gridcell')[0]!.textContent).toBe('200');
  });

  it('labels the total "Total of N visible workspaces" for a workspace-scoped embed token, from its ws claim', async () => {
    const fake = demoServer({ page: () => pageReply(THIRDS.slice(0, 2)) });
    const restore = routeFetchTo(fake);
    const iat = Math.floor(Date.now() / 1000);
    try {
      render(<CreditUsageBreakdown endpoint={ENDPOINT} token={fakeJwt({ iat, exp: iat + 900, ws: ['ws_acme', 'ws_globex', 'ws_quiet'] })} accountId="acct_demo" locale="en-US" />);
      await rowsShown();
    } finally {
      restore();
    }
    expect(screen.getByText('Total of 3 visible workspaces').parentElement!.textContent).toBe('Total of 3 visible workspaces2,000new');
    expect(screen.queryByText('Account total')).toBeNull();
  });
});

describe('many workspaces', () => {
  const twentyFive = manyWorkspaces(25);
  const total = twentyFive.reduce((sum, w) => sum + w.credits, 0);
  const hiddenCredits = twentyFive.slice(10).reduce((sum, w) => sum + w.credits, 0);

  it('shows the top ten, then a "15 more workspaces" row that reveals the rest with the keyboard; the total stays whole', async () => {
    renderWidget(demoServer({ page: () => pageReply(twentyFive) }));
    await screen.findByRole('row', { name: /^Workspace 01/ });

    expect(workspaceRows()).toHaveLength(10);
    const more = screen.getByRole('row', { name: `15 more workspaces · ${hiddenCredits.toLocaleString('en-US')} credits` });
    expect(screen.getByText('Account total').parentElement!.textContent).toBe(`Account total${total.toLocaleString('en-US')}new`);

    act(() => workspaceRow('Workspace 10').focus());
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(more);
    fireEvent.keyDown(more, { key: 'Enter' });

    expect(workspaceRows()).toHaveLength(25);
    expect(screen.queryByRole('row', { name: /more workspaces/ })).toBeNull();
    expect(document.activeElement).toBe(workspaceRow('Workspace 11'));
  });

  it('offers a filter box by name when there are more than ten, and none for ten or fewer', async () => {
    const { unmount } = renderWidget(demoServer({ page: () => pageReply(manyWorkspaces(10)) }));
    await screen.findByRole('row', { name: /^Workspace 01/ });
    expect(screen.queryByRole('searchbox')).toBeNull();
    unmount();

    renderWidget(demoServer({ page: () => pageReply(twentyFive) }));
    await screen.findByRole('row', { name: /^Workspace 01/ });
    fireEvent.change(screen.getByRole('searchbox', { name: 'Filter workspaces by name' }), { target: { value: 'workspace 2' } });

    expect(workspaceRows().map((row) => row.dataset['workspaceId'])).toEqual(['ws_20', 'ws_21', 'ws_22', 'ws_23', 'ws_24', 'ws_25']);
    expect(screen.getByText('Account total').parentElement!.textContent).toBe(`Account total${total.toLocaleString('en-US')}new`);
  });
});

describe('the header', () => {
  it('names the period in the account\'s zone and the snapshot time', async () => {
    renderWidget(demoServer(), { locale: 'en-GB' });
    await rowsShown();

    expect(screen.getByText(/^1\s*–\s*30 June 2026$/)).toBeTruthy();
    // 10:00 UTC is 12:00 in Europe/Berlin (summer time).
    expect(screen.getByText('as of 12:00').getAttribute('datetime')).toBe(AS_OF);
  });

  it('refreshes to a new asOf, keeping the expanded rows and fetching their campaigns at the new snapshot', async () => {
    const later = '2026-06-20T10:05:00.000Z';
    let pages = 0;
    const fake = demoServer({ page: () => pageReply(THIRDS, { asOf: pages++ === 0 ? AS_OF : later }) });
    renderWidget(fake, { locale: 'en-GB' });
    await rowsShown();
    fireEvent.click(workspaceRow('Acme Robotics'));
    await screen.findByRole('row', { name: /^Q3 Outbound/ });

    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    await screen.findByText('as of 12:05');
    await waitFor(() => expect(fake.names()).toEqual(['CreditUsagePage', 'CreditUsageWorkspace', 'CreditUsagePage', 'CreditUsageWorkspace']));
    expect(fake.operations[3]!.variables['asOf']).toBe(later);
    expect(workspaceRow('Acme Robotics').getAttribute('aria-expanded')).toBe('true');
    await screen.findByRole('row', { name: /^Q3 Outbound/ });
  });

  it('downloads the CSV export at the page\'s asOf with the widget\'s token', async () => {
    const fake = demoServer();
    const csvRequests: Array<{ url: string; authorization: string | null }> = [];
    const spy = jest.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      if (String(input).includes('/export/usage.csv')) {
        csvRequests.push({ url: String(input), authorization: new Headers(init?.headers).get('authorization') });
        return new Response('workspace_id\n', { status: 200, headers: { 'content-type': 'text/csv' } });
      }
      return fake.fetch(input, init);
    });
    const created: Blob[] = [];
    const clicked: string[] = [];
    Object.assign(URL, { createObjectURL: (blob: Blob) => (created.push(blob), 'blob:csv'), revokeObjectURL: () => undefined });
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    try {
      render(<CreditUsageBreakdown endpoint={ENDPOINT} token="embed-token-1" accountId="acct_demo" />);
      await rowsShown();
      fireEvent.click(screen.getByRole('button', { name: 'Download CSV' }));
      await waitFor(() => expect(clicked).toHaveLength(1));
    } finally {
      spy.mockRestore();
      click.mockRestore();
    }
    const url = new URL(csvRequests[0]!.url);
    expect(url.origin + url.pathname).toBe('http://creditlens.test/export/usage.csv');
    expect(Object.fromEntries(url.searchParams)).toEqual({ accountId: 'acct_demo', from: JUNE.from, to: JUNE.to, asOf: AS_OF });
    expect(csvRequests[0]!.authorization).toBe('Bearer embed-token-1');
    expect(await created[0]!.text()).toBe('workspace_id\n');
    expect(clicked).toEqual(['credit-usage-2026-05-31.csv']);
  });

  it('takes every visible string from labels, e.g. the German set of the demo', async () => {
    const { GERMAN_LABELS } = await import('../demo/german-labels');
    const { ENGLISH_LABELS } = await import('./ui/labels');
    expect(Object.keys(GERMAN_LABELS).sort()).toEqual(Object.keys(ENGLISH_LABELS).sort());

    renderWidget(demoServer(), { labels: GERMAN_LABELS, locale: 'de-DE' });
    await rowsShown();
    fireEvent.click(workspaceRow('Acme Robotics'));
    await screen.findByRole('row', { name: /^Q3 Outbound/ });

    expect(screen.getByRole('treegrid').getAttribute('aria-label')).toBe(GERMAN_LABELS.grid);
    expect(screen.getByRole('button', { name: GERMAN_LABELS.refresh })).toBeTruthy();
    expect(screen.getByRole('row', { name: new RegExp(`^${GERMAN_LABELS.noCampaign}`) })).toBeTruthy();
    expect(screen.getByText(GERMAN_LABELS.accountTotal)).toBeTruthy();
    expect(screen.getByText(GERMAN_LABELS.archived)).toBeTruthy();
    const text = document.body.textContent!;
    for (const english of ['Workspace / campaign', 'Share', 'Refresh', 'as of', 'Account total', 'No campaign', 'archived']) expect(text).not.toContain(english);
  });
});

describe('switching periods', () => {
  it('keeps the old rows, dimmed and aria-busy, until the new period\'s rows arrive', async () => {
    const july = deferred<Reply>();
    const fake = demoServer({ page: (operation) => (operation.variables['window']?.from === JULY.from ? july.promise : pageReply(THIRDS)) });
    const { rerender } = renderWidget(fake, { window: JUNE });
    await rowsShown();

    rerender(<CreditUsageBreakdown client={fake.client} accountId="acct_demo" locale="en-US" window={JULY} />);
    await waitFor(() => expect(fake.operations).toHaveLength(2));
    expect(workspaceRows()).toHaveLength(3);
    expect(treegrid().getAttribute('aria-busy')).toBe('true');
    expect(treegrid().className).toContain('clw-stale');

    await act(async () => july.resolve(pageReply([{ id: 'ws_hooli', name: 'Hooli Cloud', credits: 5, share: 1, percent: 100 }], { window: JULY })));
    await screen.findByRole('row', { name: /^Hooli Cloud/ });
    expect(workspaceRows()).toHaveLength(1);
    expect(treegrid().getAttribute('aria-busy')).toBe('false');
    expect(treegrid().className).not.toContain('clw-stale');
  });

  it('refetches a cached period older than a minute instead of showing it as current, and reads a fresh one from the cache', async () => {
    let now = Date.parse(AS_OF);
    const clock = jest.spyOn(Date, 'now').mockImplementation(() => now);
    const fake = demoServer({ page: (operation) => pageReply(THIRDS, { window: operation.variables['window'] ?? JUNE }) });
    try {
      const { rerender } = renderWidget(fake, { window: JUNE });
      await rowsShown();
      const show = async (window: typeof JUNE) => {
        rerender(<CreditUsageBreakdown client={fake.client} accountId="acct_demo" locale="en-US" window={window} />);
        await waitFor(() => expect(treegrid().getAttribute('aria-busy')).toBe('false'));
      };
      await show(JULY);
      now += 30_000;
      await show(JUNE);
      expect(fake.names()).toEqual(['CreditUsagePage', 'CreditUsagePage']);

      now += 61_000;
      await show(JULY);
      await waitFor(() => expect(fake.names()).toHaveLength(3));
      expect(fake.operations[2]!.variables['window']).toEqual(JULY);
    } finally {
      clock.mockRestore();
    }
  });
});

describe('row actions', () => {
  it('renders host controls in a cell of their own after the share, keeping credits alone in the second cell', async () => {
    const pause = jest.fn();
    renderWidget(demoServer(), {
      renderRowActions: (row) =>
        row.level === 2 && row.campaignId ? (
          <button type="button" onClick={() => pause(row)}>
            Pause {row.label}
          </button>
        ) : null,
    });
    await rowsShown();
    fireEvent.click(workspaceRow('Acme Robotics'));
    const q3 = await screen.findByRole('row', { name: /^Q3 Outbound/ });

    const cells = Array.from(q3.children);
    expect(cells.map((cell) => cell.getAttribute('role'))).toEqual(['rowheader', 'gridcell', 'gridcell', 'gridcell', 'gridcell']);
    expect(cells[1]!.textContent).toBe('600');
    expect(within(screen.getByRole('treegrid')).getAllByRole('columnheader')).toHaveLength(5);

    const button = within(q3).getByRole('button', { name: 'Pause Q3 Outbound – DACH' });
    expect(button.tabIndex).toBe(0);
    fireEvent.click(button);
    expect(pause).toHaveBeenCalledWith({ workspaceId: 'ws_acme', campaignId: 'cmp_q3', label: 'Q3 Outbound – DACH', credits: 600, level: 2 });
    expect(workspaceRow('Acme Robotics').getAttribute('aria-expanded')).toBe('true');

    act(() => button.focus());
    fireEvent.keyDown(button, { key: 'Enter' });
    expect(workspaceRow('Acme Robotics').getAttribute('aria-expanded')).toBe('true');
    fireEvent.keyDown(button, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(screen.getByRole('row', { name: /^No campaign/ }));
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(q3);
  });
});
