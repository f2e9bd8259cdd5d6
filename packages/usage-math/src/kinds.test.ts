import { CREDIT_KINDS, NO_CAMPAIGN_LABEL, isAttributableKind, isCreditKind } from './kinds.js';

describe('credit kinds', () => {
  it('lists the six kinds in the order of the contract', () => {
    expect(CREDIT_KINDS).toEqual([
      'FIRST_EMAIL_DRAFT',
      'LEAD_ENRICHMENT',
      'REPLY',
      'LEAD_FINDING',
      'SELF_LEARNING_AI',
      'CONTACT_LIST_CLEANING',
    ]);
  });

  it('cannot be changed by a caller', () => {
    expect(Object.isFrozen(CREDIT_KINDS)).toBe(true);
  });

  it('attributes drafts, enrichment and replies to campaigns and nothing else', () => {
    expect(CREDIT_KINDS.filter(isAttributableKind)).toEqual(['FIRST_EMAIL_DRAFT', 'LEAD_ENRICHMENT', 'REPLY']);
  });

  it('recognises exactly the six kind names, case-sensitively', () => {
    for (const kind of CREDIT_KINDS) expect(isCreditKind(kind)).toBe(true);
    for (const other of ['', 'reply', 'Reply', 'REPLIES', ' REPLY', 'toString', '__proto__']) {
      expect(isCreditKind(other)).toBe(false);
    }
  });

  it('labels unattributed spend "No campaign"', () => {
    expect(NO_CAMPAIGN_LABEL).toBe('No campaign');
  });
});
