import { registerEnumType } from 'type-graphql';

export enum CreditKind {
  FIRST_EMAIL_DRAFT = 'FIRST_EMAIL_DRAFT',
  LEAD_ENRICHMENT = 'LEAD_ENRICHMENT',
  REPLY = 'REPLY',
  LEAD_FINDING = 'LEAD_FINDING',
  SELF_LEARNING_AI = 'SELF_LEARNING_AI',
  CONTACT_LIST_CLEANING = 'CONTACT_LIST_CLEANING',
}

registerEnumType(CreditKind, {
  name: 'CreditKind',
  description: 'A kind of credit use. The first three can be attributed to a campaign; the last three never are (they land in the No campaign row).',
  valuesConfig: {
    FIRST_EMAIL_DRAFT: { description: 'AI-drafted first emails. Attributed to a campaign when the entry names one.' },
    LEAD_ENRICHMENT: { description: 'Deep lead enrichment. Attributed to a campaign when the entry names one.' },
    REPLY: { description: 'Replies. Attributed to a campaign when the entry names one.' },
    LEAD_FINDING: { description: 'Finding leads for a list. Never attributed to a campaign.' },
    SELF_LEARNING_AI: { description: 'Self Learning AI model work. Never attributed to a campaign.' },
    CONTACT_LIST_CLEANING: { description: 'Contact-list cleaning. Never attributed to a campaign.' },
  },
});

export enum ApiScope {
  USAGE_READ = 'USAGE_READ',
  USAGE_WRITE = 'USAGE_WRITE',
}

registerEnumType(ApiScope, {
  name: 'ApiScope',
  description: 'What an account API key may do, within its one account.',
  valuesConfig: {
    USAGE_READ: { description: 'Read usage, invoices and billing periods of the account.' },
    USAGE_WRITE: { description: 'Record usage entries for the account.' },
  },
});
