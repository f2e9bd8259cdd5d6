import type { CreditKind } from '@creditlens/usage-math';
import type { KindUsage } from '../data/usage.types';

/**
 * What each kind means when it lands in the No campaign row. The three attributable kinds only
 * get there when the host recorded them without a campaign, so they share one explanation.
 */
const NO_CAMPAIGN_REASONS: Record<CreditKind, string> = {
  LEAD_FINDING: 'finding leads for lists',
  SELF_LEARNING_AI: 'Self Learning AI',
  CONTACT_LIST_CLEANING: 'contact-list cleaning',
  FIRST_EMAIL_DRAFT: 'work recorded without a campaign',
  LEAD_ENRICHMENT: 'work recorded without a campaign',
  REPLY: 'work recorded without a campaign',
};

// The reasons are English, so they are joined with English list rules whatever the number locale.
const list = new Intl.ListFormat('en', { type: 'conjunction' });

/** "Finding leads for lists, Self Learning AI and …": the kinds with spend, largest first. */
export function explainNoCampaign(byKind: readonly KindUsage[]): string {
  const reasons = [...byKind]
    .filter((usage) => usage.credits > 0)
    .sort((a, b) => b.credits - a.credits)
    .map((usage) => NO_CAMPAIGN_REASONS[usage.kind]);
  const unique = [...new Set(reasons)];
  if (unique.length === 0) return 'Spend without a campaign';
  const sentence = list.format(unique);
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}
