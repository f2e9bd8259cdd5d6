/**
 * The kinds of credit use, and which of them a campaign can be charged for.
 */

export type CreditKind =
  | 'FIRST_EMAIL_DRAFT'
  | 'LEAD_ENRICHMENT'
  | 'REPLY'
  | 'LEAD_FINDING'
  | 'SELF_LEARNING_AI'
  | 'CONTACT_LIST_CLEANING';

// Frozen so that a caller cannot reorder or extend the list that every other module trusts.
export const CREDIT_KINDS: readonly CreditKind[] = Object.freeze([
  'FIRST_EMAIL_DRAFT',
  'LEAD_ENRICHMENT',
  'REPLY',
  'LEAD_FINDING',
  'SELF_LEARNING_AI',
  'CONTACT_LIST_CLEANING',
] as const);

/** The row that collects spend with no campaign behind it; it sorts by this name like any other row. */
export const NO_CAMPAIGN_LABEL = 'No campaign';

const ATTRIBUTABLE_KINDS: ReadonlySet<CreditKind> = new Set<CreditKind>(['FIRST_EMAIL_DRAFT', 'LEAD_ENRICHMENT', 'REPLY']);
const KNOWN_KINDS: ReadonlySet<string> = new Set<string>(CREDIT_KINDS);

/** Whether usage of this kind may name a campaign (the other kinds always land in No campaign). */
export function isAttributableKind(kind: CreditKind): boolean {
  return ATTRIBUTABLE_KINDS.has(kind);
}

export function isCreditKind(value: string): value is CreditKind {
  return KNOWN_KINDS.has(value);
}
