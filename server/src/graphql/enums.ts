/**
 * The contract's enums, each built from the one list it names, so the GraphQL values and the
 * TypeScript union are the same strings and no cast stands between twins. ApiScope is built the
 * same way beside its list (auth/api-scope.enum.ts).
 */
import { CREDIT_KINDS, type CreditKind } from '@creditlens/usage-math';
import { registerEnumType } from 'type-graphql';

/** An object for registerEnumType whose keys and values are exactly `values`. */
export function enumOf<V extends string>(values: readonly V[]): { readonly [K in V]: K } {
  return Object.fromEntries(values.map((value) => [value, value])) as { readonly [K in V]: K };
}

/** GraphQL's CreditKind: the values of @creditlens/usage-math's CREDIT_KINDS. */
export const CreditKindEnum = enumOf(CREDIT_KINDS);

const creditKindDescriptions: Record<CreditKind, { description: string }> = {
  FIRST_EMAIL_DRAFT: { description: 'AI-drafted first emails. Attributed to a campaign when the entry names one.' },
  LEAD_ENRICHMENT: { description: 'Deep lead enrichment. Attributed to a campaign when the entry names one.' },
  REPLY: { description: 'Replies. Attributed to a campaign when the entry names one.' },
  LEAD_FINDING: { description: 'Finding leads for a list. Never attributed to a campaign.' },
  SELF_LEARNING_AI: { description: 'Self Learning AI model work. Never attributed to a campaign.' },
  CONTACT_LIST_CLEANING: { description: 'Contact-list cleaning. Never attributed to a campaign.' },
};

registerEnumType(CreditKindEnum, {
  name: 'CreditKind',
  description: 'A kind of credit use. The first three can be attributed to a campaign; the last three never are (they land in the No campaign row).',
  valuesConfig: creditKindDescriptions,
});
