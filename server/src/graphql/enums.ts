/**
 * The contract's enums, each built from the one list it names, so the GraphQL values and the
 * TypeScript union are the same strings and no cast stands between twins. ApiScope is built the
 * same way beside its list (auth/api-scope.enum.ts).
 */
import { CREDIT_KINDS, GRANULARITIES, type CreditKind, type Granularity } from '@creditlens/usage-math';
import { registerEnumType } from 'type-graphql';

/** An object for registerEnumType whose keys and values are exactly `values`. */
export function enumOf<V extends string>(values: readonly V[]): { readonly [K in V]: K } {
  return Object.fromEntries(values.map((value) => [value, value])) as { readonly [K in V]: K };
}

/**
 * Registers the GraphQL enum `name` whose values are exactly `values`, each described (a value
 * left undescribed does not compile), and returns the object that @Field and @Arg name.
 */
export function registerListEnum<V extends string>(
  values: readonly V[],
  name: string,
  description: string,
  valueDescriptions: Record<V, string>,
): { readonly [K in V]: K } {
  const enumObject = enumOf(values);
  const valuesConfig: Partial<Record<V, { description: string }>> = {};
  for (const value of values) valuesConfig[value] = { description: valueDescriptions[value] };
  registerEnumType(enumObject, { name, description, valuesConfig });
  return enumObject;
}

/** GraphQL's CreditKind: the values of @creditlens/usage-math's CREDIT_KINDS. */
export const CreditKindEnum = registerListEnum<CreditKind>(
  CREDIT_KINDS,
  'CreditKind',
  'A kind of credit use. The first three can be attributed to a campaign; the last three never are (they land in the No campaign row).',
  {
    FIRST_EMAIL_DRAFT: 'AI-drafted first emails. Attributed to a campaign when the entry names one.',
    LEAD_ENRICHMENT: 'Deep lead enrichment. Attributed to a campaign when the entry names one.',
    REPLY: 'Replies. Attributed to a campaign when the entry names one.',
    LEAD_FINDING: 'Finding leads for a list. Never attributed to a campaign.',
    SELF_LEARNING_AI: 'Self Learning AI model work. Never attributed to a campaign.',
    CONTACT_LIST_CLEANING: 'Contact-list cleaning. Never attributed to a campaign.',
  },
);

/** GraphQL's Granularity: the bucket sizes of @creditlens/usage-math's GRANULARITIES. */
export const GranularityEnum = registerListEnum<Granularity>(
  GRANULARITIES,
  'Granularity',
  "The bucket size of a usage series. Buckets are in the account's time zone: consecutive, covering exactly the window, the first and last cut at its edges.",
  {
    HOUR: 'Local hours (a window of at most 31 days). A 25-hour DST day has 25 of them.',
    DAY: 'Local days, from local midnight; a DST day is 23 or 25 hours long.',
    WEEK: 'Local weeks, from Monday 00:00 local.',
    MONTH: 'Local calendar months, from local midnight of the 1st (billing periods).',
  },
);
