import { explainNoCampaign } from './no-campaign';

describe('explainNoCampaign', () => {
  it('names each never-attributed kind in the words of the product', () => {
    expect(explainNoCampaign([{ kind: 'LEAD_FINDING', credits: 5 }])).toBe('Finding leads for lists');
    expect(explainNoCampaign([{ kind: 'SELF_LEARNING_AI', credits: 5 }])).toBe('Self Learning AI');
    expect(explainNoCampaign([{ kind: 'CONTACT_LIST_CLEANING', credits: 5 }])).toBe('Contact-list cleaning');
  });

  it('explains attributable kinds as work recorded without a campaign, once for all three', () => {
    expect(
      explainNoCampaign([
        { kind: 'FIRST_EMAIL_DRAFT', credits: 5 },
        { kind: 'LEAD_ENRICHMENT', credits: 4 },
        { kind: 'REPLY', credits: 3 },
      ]),
    ).toBe('Work recorded without a campaign');
  });

  it('lists the kinds largest first and leaves out kinds refunded to zero or below', () => {
    expect(
      explainNoCampaign([
        { kind: 'REPLY', credits: 10 },
        { kind: 'LEAD_FINDING', credits: 300 },
        { kind: 'SELF_LEARNING_AI', credits: 0 },
        { kind: 'CONTACT_LIST_CLEANING', credits: 45 },
      ]),
    ).toBe('Finding leads for lists, contact-list cleaning, and work recorded without a campaign');
  });

  it('falls back to a plain description when no kind has positive spend', () => {
    expect(explainNoCampaign([{ kind: 'LEAD_FINDING', credits: -25 }])).toBe('Spend without a campaign');
  });
});
