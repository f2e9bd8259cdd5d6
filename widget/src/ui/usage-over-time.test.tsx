import { fireEvent, render, screen, within } from '@testing-library/react';
import { CreditUsageBreakdown } from '../index';
import { fakeGraphQL } from '../testing/fake-graphql';
import { ACME_CAMPAIGNS, campaignsReply, pageReply } from '../testing/fixtures';
import { ENGLISH_LABELS } from './labels';

/** Six workspaces (four bands and Other): one rising, one falling, one new, and daily credits to chart. */
const WORKSPACES = [
  { id: 'ws_a', name: 'Alpha', credits: 600, share: 0.4, percent: 40, previousCredits: 500, daily: [100, 0, 500] },
  { id: 'ws_b', name: 'Beta', credits: 400, share: 0.267, percent: 26.7, previousCredits: 100, daily: [0, 400] },
  { id: 'ws_c', name: 'Gamma', credits: 200, share: 0.133, percent: 13.3, previousCredits: 0, daily: [200] },
  { id: 'ws_d', name: 'Delta', credits: 150, share: 0.1, percent: 10, previousCredits: 300 },
  { id: 'ws_e', name: 'Epsilon', credits: 100, share: 0.067, percent: 6.7, previousCredits: 100 },
  { id: 'ws_f', name: 'Zeta', credits: 50, share: 0.033, percent: 3.3, previousCredits: 10, daily: [0, 0, 50] },
];

function renderWidget() {
  const fake = fakeGraphQL((operation) =>
    operation.operationName === 'CreditUsagePage'
      ? pageReply(WORKSPACES)
      : campaignsReply(operation.variables['workspaceId'], ACME_CAMPAIGNS.map((c, i) => ({ ...c, previousCredits: [300, 0, 400][i] }))),
  );
  render(<CreditUsageBreakdown client={fake.client} accountId="acct_demo" locale="en-US" />);
  return fake;
}

const workspaceNames = () =>
  screen
    .getAllByRole('row')
    .filter((row) => row.getAttribute('aria-level') === '1' && row.hasAttribute('aria-expanded'))
    .map((row) => within(row).getByRole('rowheader').textContent);
const changeOf = (rowName: RegExp) => within(screen.getByRole('row', { name: rowName })).getByRole('img');

describe('usage over time in the widget', () => {
  it('shows each row\'s change, naming the comparison window, in a cell after the share; credits stay the second cell', async () => {
    renderWidget();
    await screen.findByRole('row', { name: /^Alpha/ });
    const alpha = screen.getByRole('row', { name: /^Alpha/ });
    const cells = within(alpha).getAllByRole('gridcell');
    expect(cells[0]!.textContent).toBe('600');
    expect(cells[2]!.textContent).toBe('▲ 20 %');
    expect(changeOf(/^Alpha/).getAttribute('aria-label')).toMatch(/^20 % more than in May 1\s–\s31, 2026$/);
    expect(changeOf(/^Gamma/).textContent).toBe('new');
    expect(changeOf(/^Gamma/).getAttribute('aria-label')).toMatch(/^new: no credits in May 1\s–\s31, 2026$/);
    expect(changeOf(/^Delta/).textContent).toBe('▼ 50 %');
    expect(changeOf(/^Epsilon/).textContent).toBe('0 %');
  });

  it('re-orders the rows by the largest rise on screen only, and back by credits', async () => {
    const fake = renderWidget();
    await screen.findByRole('row', { name: /^Alpha/ });
    expect(workspaceNames()).toEqual(['Alpha', 'Beta', 'Gamma', 'Delta', 'Epsilon', 'Zeta']);
    fireEvent.change(screen.getByRole('combobox', { name: 'Sort by' }), { target: { value: 'rise' } });
    // Rises: Beta +300, Gamma +200, Alpha +100, Zeta +40, Epsilon 0, Delta −150.
    expect(workspaceNames()).toEqual(['Beta', 'Gamma', 'Alpha', 'Zeta', 'Epsilon', 'Delta']);
    expect(within(screen.getByRole('row', { name: /^Beta/ })).getAllByRole('gridcell')[1]!.textContent).toBe('26.7%');
    fireEvent.click(screen.getByRole('row', { name: /^Alpha/ }));
    await screen.findByRole('row', { name: /^Q3 Outbound/ });
    const campaigns = screen.getAllByRole('row').filter((row) => row.getAttribute('aria-level') === '2');
    // Q3 600 vs 300 (+300), No campaign 300 vs 0 (+300, API order breaks the tie), Cobot 100 vs 400 (−300).
    expect(campaigns.map((row) => within(row).getByRole('img').textContent)).toEqual(['▲ 100 %', 'new', '▼ 75 %']);
    fireEvent.change(screen.getByRole('combobox', { name: 'Sort by' }), { target: { value: 'credits' } });
    expect(workspaceNames()).toEqual(['Alpha', 'Beta', 'Gamma', 'Delta', 'Epsilon', 'Zeta']);
    expect(fake.names()).toEqual(['CreditUsagePage', 'CreditUsageWorkspace']);
  });

  it('charts the top four workspaces and Other, with a table of the same numbers', async () => {
    renderWidget();
    await screen.findByRole('row', { name: /^Alpha/ });
    const chart = screen.getByRole('group', { name: ENGLISH_LABELS.chart });
    // Day 1: Alpha, Gamma, Delta, Other; day 2: Beta; day 3: Alpha, Other; no rect for a zero.
    expect(chart.querySelectorAll('svg rect[class^="clw-band-"]').length).toBe(7);
    expect(screen.getAllByRole('listitem').map((item) => item.textContent)).toEqual(['Alpha', 'Beta', 'Gamma', 'Delta', 'Other']);
    expect(screen.queryByRole('table')).toBeNull();
    const details = screen.getByText(ENGLISH_LABELS.chartTable).closest('details')!;
    details.open = true;
    fireEvent(details, new Event('toggle'));
    const table = await screen.findByRole('table');
    expect(within(table).getAllByRole('columnheader').map((cell) => cell.textContent)).toEqual(['Day', 'Alpha', 'Beta', 'Gamma', 'Delta', 'Other', 'Total']);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(30);
    // Day 1: Alpha 100, Gamma 200, Delta 150 and Epsilon 100 (its first day; Epsilon and Zeta are Other).
    expect(within(rows[0]!).getAllByRole('cell').map((cell) => cell.textContent)).toEqual(['100', '0', '200', '150', '100', '550']);
    expect(within(rows[2]!).getAllByRole('cell').map((cell) => cell.textContent)).toEqual(['500', '0', '0', '0', '50', '550']);
  });

  it('names the day and its credits on keyboard focus and on hover', async () => {
    renderWidget();
    await screen.findByRole('row', { name: /^Alpha/ });
    const chart = screen.getByRole('group', { name: ENGLISH_LABELS.chart });
    const tip = screen.getByRole('status');
    fireEvent.focus(chart);
    expect(tip.textContent).toBe('Tue, Jun 30: 0 credits');
    fireEvent.keyDown(chart, { key: 'Home' });
    expect(tip.textContent).toBe('Mon, Jun 1: 550 credits');
    fireEvent.keyDown(chart, { key: 'ArrowRight' });
    expect(tip.textContent).toBe('Tue, Jun 2: 400 credits');
    fireEvent.keyDown(chart, { key: 'ArrowLeft' });
    fireEvent.keyDown(chart, { key: 'ArrowLeft' });
    expect(tip.textContent).toBe('Mon, Jun 1: 550 credits');
    fireEvent.blur(chart);
    expect(tip.textContent).toBe('');
    const svg = chart.querySelector('svg')!;
    svg.getBoundingClientRect = () => ({ left: 0, width: 300, top: 0, height: 100, right: 300, bottom: 100, x: 0, y: 0, toJSON: () => ({}) });
    fireEvent.mouseMove(svg, { clientX: 25 });
    expect(tip.textContent).toBe('Wed, Jun 3: 550 credits');
  });
});
