import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { StrictMode } from 'react';
import { CreditUsageBreakdown, type CreditUsageBreakdownProps } from './index';
import { deferred, fakeGraphQL, type Answer, type Reply } from './testing/fake-graphql';
import { ACME_CAMPAIGNS, AS_OF, JUNE, THIRDS, UNAUTHENTICATED_EXPIRED, campaignsReply, pageReply } from './testing/fixtures';

type Fake = ReturnType<typeof fakeGraphQL>;

/** Answers the page query with THIRDS and every workspace query with ACME_CAMPAIGNS (unless told otherwise). */
function demoServer(overrides: { page?: Answer; workspace?: Answer } = {}): Fake {
  return fakeGraphQL((operation) => {
    if (operation.operationName === 'CreditUsagePage') return overrides.page?.(operation) ?? pageReply(THIRDS);
    return overrides.workspace?.(operation) ?? campaignsReply(operation.variables['workspaceId'], ACME_CAMPAIGNS);
  });
}

function renderWidget(fake: Fake, props: Partial<CreditUsageBreakdownProps> = {}) {
  return render(<CreditUsageBreakdown client={fake.client} accountId="acct_demo" locale="en-US" {...(props as object)} />);
}

const workspaceRow = (name: string) => screen.getByRole('row', { name: new RegExp(`^${name}`) });
const campaignRows = () => screen.queryAllByRole('row').filter((row) => row.getAttribute('aria-level') === '2');
const treegrid = () => screen.getByRole('treegrid');

async function rowsShown(): Promise<void> {
  await screen.findByRole('row', { name: /^Acme Robotics/ });
}

describe('CreditUsageBreakdown', () => {
  it('asks only for the account usage and workspace rows on first render', async () => {
    const fake = demoServer();
    renderWidget(fake);
    await rowsShown();

    expect(fake.names()).toEqual(['CreditUsagePage']);
    expect(fake.operations[0]!.query).not.toContain('campaigns');
    expect(fake.operations[0]!.variables).toEqual({ accountId: 'acct_demo', window: null });
    expect(campaignRows()).toHaveLength(0);
  });

  it('runs exactly one workspace query when a row is expanded, with the page window and asOf', async () => {
    const fake = demoServer();
    renderWidget(fake);
    await rowsShown();

    fireEvent.click(workspaceRow('Acme Robotics'));
    await screen.findByRole('row', { name: /^Q3 Outbound/ });

    expect(fake.names()).toEqual(['CreditUsagePage', 'CreditUsageWorkspace']);
    expect(fake.operations[1]!.variables).toEqual({ workspaceId: 'ws_acme', window: JUNE, asOf: AS_OF });
    expect(workspaceRow('Acme Robotics').getAttribute('aria-expanded')).toBe('true');
    expect(campaignRows().map((row) => within(row).getByRole('rowheader').textContent)).toEqual([
      'Q3 Outbound – DACH',
      'No campaignFinding leads for lists, Self Learning AI, and work recorded without a campaign',
      'Cobot Launcharchived',
    ]);
  });

  it('does not refetch when a row is collapsed and expanded again', async () => {
    const fake = demoServer();
    renderWidget(fake);
    await rowsShown();

    fireEvent.click(workspaceRow('Acme Robotics'));
    await screen.findByRole('row', { name: /^Q3 Outbound/ });
    fireEvent.click(workspaceRow('Acme Robotics'));
    expect(campaignRows()).toHaveLength(0);
    expect(workspaceRow('Acme Robotics').getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(workspaceRow('Acme Robotics'));

    expect(campaignRows()).toHaveLength(3);
    expect(fake.names()).toEqual(['CreditUsagePage', 'CreditUsageWorkspace']);
  });

  it('shows a loading row and marks the treegrid busy while the campaigns load', async () => {
    const reply = deferred<Reply>();
    const fake = demoServer({ workspace: () => reply.promise });
    renderWidget(fake);
    await rowsShown();
    expect(treegrid().getAttribute('aria-busy')).toBe('false');

    fireEvent.click(workspaceRow('Acme Robotics'));

    expect(await screen.findByText(/Loading campaigns of Acme Robotics/)).toBeTruthy();
    expect(treegrid().getAttribute('aria-busy')).toBe('true');
    await act(async () => reply.resolve(campaignsReply('ws_acme', ACME_CAMPAIGNS)));
    await screen.findByRole('row', { name: /^Q3 Outbound/ });
    expect(screen.queryByText(/Loading campaigns/)).toBeNull();
    expect(treegrid().getAttribute('aria-busy')).toBe('false');
  });

  it('marks the treegrid busy while the page query loads', () => {
    const fake = demoServer({ page: () => new Promise<Reply>(() => undefined) });
    renderWidget(fake);

    expect(treegrid().getAttribute('aria-busy')).toBe('true');
    expect(screen.getByText('Loading credit usage…')).toBeTruthy();
  });

  it('shows an error row with Retry when the campaign query fails, and keeps the rest of the table usable', async () => {
    let failures = 1;
    const onError = jest.fn();
    const fake = demoServer({
      workspace: (operation) =>
        failures-- > 0 ? { status: 500, body: { errors: [{ message: 'database unavailable' }] } } : campaignsReply(operation.variables['workspaceId'], ACME_CAMPAIGNS),
    });
    renderWidget(fake, { onError });
    await rowsShown();

    fireEvent.click(workspaceRow('Acme Robotics'));
    expect((await screen.findByRole('alert')).textContent).toContain('Credit usage could not be loaded. (Acme Robotics)');
    expect(onError).toHaveBeenCalledTimes(1);
    expect(treegrid().getAttribute('aria-busy')).toBe('false');

    fireEvent.click(workspaceRow('Globex Logistics'));
    expect(await screen.findAllByRole('row', { name: /^Q3 Outbound/ })).toHaveLength(1);

    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(screen.getAllByRole('row', { name: /^Q3 Outbound/ })).toHaveLength(2));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(fake.names()).toEqual(['CreditUsagePage', 'CreditUsageWorkspace', 'CreditUsageWorkspace', 'CreditUsageWorkspace']);
  });

  it('toggles with Enter and Space and moves focus between rows with the arrow keys', async () => {
    const fake = demoServer();
    renderWidget(fake);
    await rowsShown();
    const acme = workspaceRow('Acme Robotics');
    expect(acme.getAttribute('tabindex')).toBe('0');
    expect(workspaceRow('Globex Logistics').getAttribute('tabindex')).toBe('-1');

    act(() => acme.focus());
    fireEvent.keyDown(acme, { key: 'Enter' });
    await screen.findByRole('row', { name: /^Q3 Outbound/ });
    fireEvent.keyDown(acme, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(screen.getByRole('row', { name: /^Q3 Outbound/ }));
    expect(document.activeElement!.getAttribute('tabindex')).toBe('0');
    expect(acme.getAttribute('tabindex')).toBe('-1');

    fireEvent.keyDown(document.activeElement!, { key: 'End' });
    expect(document.activeElement).toBe(workspaceRow('Initech Software'));
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(workspaceRow('Globex Logistics'));
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(screen.getByRole('row', { name: /^Cobot Launch/ }));
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowLeft' });
    expect(document.activeElement).toBe(acme);

    fireEvent.keyDown(acme, { key: ' ' });
    expect(acme.getAttribute('aria-expanded')).toBe('false');
    expect(campaignRows()).toHaveLength(0);
    fireEvent.keyDown(acme, { key: ' ' });
    expect(acme.getAttribute('aria-expanded')).toBe('true');
    expect(campaignRows()).toHaveLength(3);
  });

  it('builds an ARIA treegrid: levels, expanded state, and cells in the order name, credits, percent', async () => {
    const fake = demoServer();
    renderWidget(fake);
    await rowsShown();
    fireEvent.click(workspaceRow('Acme Robotics'));
    const q3 = await screen.findByRole('row', { name: /^Q3 Outbound/ });

    const acme = workspaceRow('Acme Robotics');
    expect(acme.getAttribute('aria-level')).toBe('1');
    expect(acme.getAttribute('data-state')).toBe('open');
    expect(document.getElementById(acme.getAttribute('aria-controls')!)!.contains(q3)).toBe(true);
    expect(q3.getAttribute('aria-level')).toBe('2');
    expect(Array.from(q3.children).map((cell) => [cell.getAttribute('role'), cell.textContent])).toEqual([
      ['rowheader', 'Q3 Outbound – DACH'],
      ['gridcell', '600'],
      ['gridcell', '60.0%'],
      ['gridcell', 'new'],
    ]);
  });

  it('shows the server percents with one decimal, so sibling rows add up to exactly 100.0', async () => {
    const fake = demoServer();
    renderWidget(fake);
    await rowsShown();

    const shown = THIRDS.map((w) => within(workspaceRow(w.name)).getAllByRole('gridcell')[1]!.textContent);
    expect(shown).toEqual(['33.4%', '33.3%', '33.3%']);
    expect(shown.reduce((sum, text) => sum + Math.round(parseFloat(text!) * 10), 0)).toBe(1000);
  });

  it('formats credits and percents in the given locale and shows the account total', async () => {
    const fake = demoServer({
      page: () => pageReply([{ id: 'ws_acme', name: 'Acme Robotics', credits: 1234567, share: 1, percent: 100 }]),
    });
    renderWidget(fake, { locale: 'de-DE' });
    await rowsShown();

    const cells = within(workspaceRow('Acme Robotics')).getAllByRole('gridcell');
    expect(cells.map((cell) => cell.textContent)).toEqual(['1.234.567', '100,0\u00a0%', 'new']);
    expect(screen.getByText('Account total').parentElement!.textContent).toBe('Account total1.234.567new');
  });

  it('shows an empty state when nothing was spent in the window', async () => {
    const fake = demoServer({ page: () => pageReply([]) });
    renderWidget(fake);

    expect(await screen.findByText('No credits were used in this period.')).toBeTruthy();
    expect(screen.queryByRole('treegrid')).toBeNull();
  });

  it('says clearly that the token has expired, and reports the error to onError', async () => {
    const onError = jest.fn();
    const fake = demoServer({ page: () => UNAUTHENTICATED_EXPIRED });
    renderWidget(fake, { onError });

    expect((await screen.findByRole('alert')).textContent).toContain('This usage view has expired. Reload the page to see current numbers.');
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it('queries once, not twice, under React StrictMode', async () => {
    const fake = demoServer();
    render(
      <StrictMode>
        <CreditUsageBreakdown client={fake.client} accountId="acct_demo" />
      </StrictMode>,
    );
    await rowsShown();
    fireEvent.click(workspaceRow('Acme Robotics'));
    await screen.findByRole('row', { name: /^Q3 Outbound/ });

    expect(fake.names()).toEqual(['CreditUsagePage', 'CreditUsageWorkspace']);
  });

  it('passes the host window through, without the __typename Apollo adds to answers', async () => {
    const fake = demoServer();
    renderWidget(fake, { window: JUNE });
    await rowsShown();
    fireEvent.click(workspaceRow('Globex Logistics'));
    await screen.findByRole('row', { name: /^Q3 Outbound/ });

    expect(fake.operations.map((operation) => operation.variables['window'])).toEqual([JUNE, JUNE]);
  });

  it('makes its own client for endpoint and token, sending the token as a bearer credential once under StrictMode', async () => {
    const fake = demoServer();
    const urls: unknown[] = [];
    const fetchSpy = jest.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
      urls.push(input);
      return fake.fetch(input, init);
    });
    try {
      render(
        <StrictMode>
          <CreditUsageBreakdown endpoint="http://creditlens.test/graphql" token="embed-token-1" accountId="acct_demo" />
        </StrictMode>,
      );
      await rowsShown();
    } finally {
      fetchSpy.mockRestore();
    }

    expect(urls).toEqual(['http://creditlens.test/graphql']);
    expect(fake.operations.map((operation) => operation.authorization)).toEqual(['Bearer embed-token-1']);
  });

  it('uses the client of a host ApolloProvider when given neither client nor endpoint', async () => {
    const { ApolloProvider } = await import('@apollo/client/react');
    const fake = demoServer();
    render(
      <ApolloProvider client={fake.client}>
        <CreditUsageBreakdown accountId="acct_demo" />
      </ApolloProvider>,
    );
    await rowsShown();

    expect(fake.names()).toEqual(['CreditUsagePage']);
  });

  it('scopes itself under one root class that carries the theme and the host class', async () => {
    const fake = demoServer();
    const { container } = renderWidget(fake, { className: 'host-billing', theme: 'dark' });
    await rowsShown();

    const root = container.firstElementChild!;
    expect(root.className).toBe('clw host-billing');
    expect(root.getAttribute('data-theme')).toBe('dark');
    expect(document.querySelectorAll('style#creditlens-widget-styles')).toHaveLength(1);
  });
});
