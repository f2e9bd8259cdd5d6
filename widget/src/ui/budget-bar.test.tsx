import { fireEvent, render, screen, within } from '@testing-library/react';
import { CreditUsageBreakdown } from '../index';
import { fakeGraphQL } from '../testing/fake-graphql';
import { campaignsReply, pageReply, THIRDS } from '../testing/fixtures';

const budgeted = [
  { ...THIRDS[0], budget: { creditsPerPeriod: 1250, used: 0.8, crossed: [50, 80], projectedCredits: 1400 } },
  { ...THIRDS[1], budget: { creditsPerPeriod: 5000, used: 0.2, crossed: [], projectedCredits: 4000 } },
  THIRDS[2],
];

function renderWith(workspaces: typeof budgeted, props: Record<string, unknown> = {}) {
  const fake = fakeGraphQL((operation) =>
    operation.operationName === 'CreditUsagePage'
      ? pageReply(workspaces)
      : campaignsReply(operation.variables['workspaceId'], [
          { id: 'cmp_hot', name: 'Hot campaign', credits: 900, percent: 90, byKind: [{ kind: 'REPLY', credits: 900 }], budget: { creditsPerPeriod: 1000, thresholds: [80, 100, 150], used: 0.9, crossed: [80] } },
          { id: null, name: 'No campaign', credits: 100, percent: 10, byKind: [{ kind: 'LEAD_FINDING', credits: 100 }] },
        ]),
  );
  render(<CreditUsageBreakdown client={fake.client} accountId="acct_demo" locale="en-GB" {...props} />);
  return fake;
}

const header = (name: string) => within(screen.getByRole('row', { name: new RegExp(`^${name}`) })).getByRole('rowheader');

describe('the budget bar', () => {
  it('shows the used share and, when the pace passes the budget, the projection to the last day of the period', async () => {
    renderWith(budgeted);
    await screen.findByRole('row', { name: /^Acme Robotics/ });
    // 1,400 of 1,250 projected = 112 %; June in Berlin ends on 30 June.
    expect(header('Acme Robotics').querySelector('.clw-budget')!.textContent).toBe('80% of budget · projected 112% by 30 Jun thresholds reached: 50%, 80%');
    expect(header('Globex Logistics').querySelector('.clw-budget')!.textContent).toBe('20% of budget');
    expect(header('Initech Software').querySelector('.clw-budget')).toBeNull();
  });

  it('draws the used share and a mark per threshold, the crossed ones filled', async () => {
    renderWith(budgeted);
    await screen.findByRole('row', { name: /^Acme Robotics/ });
    const bar = header('Acme Robotics').querySelector('.clw-budget-bar')!;
    expect(bar.getAttribute('aria-hidden')).toBe('true');
    expect((bar.querySelector('.clw-budget-fill') as HTMLElement).style.width).toBe('80%');
    const marks = [...bar.querySelectorAll<HTMLElement>('.clw-mark')];
    expect(marks.map((mark) => [mark.style.left, mark.classList.contains('clw-crossed')])).toEqual([
      ['50%', true],
      ['80%', true],
      ['100%', false],
    ]);
  });

  it('scales the bar to the highest threshold past 100 %, and shows budgets on campaign rows but not on No campaign', async () => {
    renderWith(budgeted);
    fireEvent.click(await screen.findByRole('row', { name: /^Acme Robotics/ }));
    await screen.findByRole('row', { name: /^Hot campaign/ });
    const bar = header('Hot campaign').querySelector('.clw-budget-bar')!;
    expect((bar.querySelector('.clw-budget-fill') as HTMLElement).style.width).toBe('60%');
    expect([...bar.querySelectorAll<HTMLElement>('.clw-mark')].map((mark) => Math.round(parseFloat(mark.style.left)))).toEqual([53, 67, 100]);
    expect(header('No campaign').querySelector('.clw-budget')).toBeNull();
  });

  it('marks a budget used past 100 % as over, and shows nothing for a window of several periods', async () => {
    renderWith([
      { ...THIRDS[0], budget: { creditsPerPeriod: 500, used: 2, crossed: [50, 80, 100], projectedCredits: null } },
      { ...THIRDS[1], budget: { creditsPerPeriod: 500, used: null, crossed: [], projectedCredits: null } },
      THIRDS[2],
    ] as typeof budgeted);
    await screen.findByRole('row', { name: /^Acme Robotics/ });
    const fill = header('Acme Robotics').querySelector<HTMLElement>('.clw-budget-fill')!;
    expect(fill.classList.contains('clw-over')).toBe(true);
    expect(fill.style.width).toBe('100%');
    expect(header('Globex Logistics').querySelector('.clw-budget')).toBeNull();
  });

  it('takes its words from labels, and keeps the host\'s row actions in the same row', async () => {
    renderWith(budgeted, {
      labels: { budgetUsed: '{percent} des Budgets', budgetProjected: 'Prognose {percent} bis {date}', budgetCrossed: 'erreichte Schwellen: {thresholds}' },
      locale: 'de-DE',
      renderRowActions: (row: { label: string }) => <button type="button">Raise budget of {row.label}</button>,
    });
    await screen.findByRole('row', { name: /^Acme Robotics/ });
    // German percents carry a no-break space before the sign.
    expect(header('Acme Robotics').querySelector('.clw-budget')!.textContent!.replace(/\u00a0/g, ' ')).toBe('80 % des Budgets · Prognose 112 % bis 30. Juni erreichte Schwellen: 50 %, 80 %');
    const row = screen.getByRole('row', { name: /^Acme Robotics/ });
    expect(within(row).getByRole('button', { name: 'Raise budget of Acme Robotics' })).toBeTruthy();
  });
});
