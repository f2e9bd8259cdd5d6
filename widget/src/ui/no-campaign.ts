import type { CreditKind } from '@creditlens/usage-math';
import type { KindUsage } from '../data/usage.types';
import { ENGLISH_LABELS, type Labels } from './labels';

/**
 * What each kind means when it lands in the No campaign row. The three attributable kinds only
 * get there when the host recorded them without a campaign, so they share one explanation.
 */
const NO_CAMPAIGN_REASONS: Record<CreditKind, keyof Labels> = {
  LEAD_FINDING: 'reasonLeadFinding',
  SELF_LEARNING_AI: 'reasonSelfLearning',
  CONTACT_LIST_CLEANING: 'reasonListCleaning',
  FIRST_EMAIL_DRAFT: 'reasonWithoutCampaign',
  LEAD_ENRICHMENT: 'reasonWithoutCampaign',
  REPLY: 'reasonWithoutCampaign',
};

/** "Finding leads for lists, Self Learning AI and …": the kinds with spend, largest first, joined by the labels' language. */
export function explainNoCampaign(byKind: readonly KindUsage[], labels: Labels = ENGLISH_LABELS, locale = 'en'): string {
  const reasons = [...byKind]
    .filter((usage) => usage.credits > 0)
    .sort((a, b) => b.credits - a.credits)
    .map((usage) => labels[NO_CAMPAIGN_REASONS[usage.kind]]);
  const unique = [...new Set(reasons)];
  if (unique.length === 0) return labels.reasonNone;
  const sentence = new Intl.ListFormat(locale, { type: 'conjunction' }).format(unique);
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}
