/**
 * The ingest worker's entry to brand keyword rules and VIP lists: `loadBrandRules` (database, once per brand and
 * batch) then `applyBrandRules` (pure, per mention). See docs/enrichment.md, "Brand keyword rules and VIP lists".
 */
export { loadBrandRules } from './brand-rules.repository.ts';
export {
  applyBrandRules,
  compileBrandRules,
  foldForMatching,
  normaliseUsername,
  type BrandRules,
  type BrandRulesOutcome,
  type KeywordRuleRow,
  type MentionForRules,
  type VipRow,
} from './rule-matching.ts';

import type { LoadBrandTriage } from '../ingest/mention-batch.ts';
import { loadBrandRules as load } from './brand-rules.repository.ts';
import { applyBrandRules as apply } from './rule-matching.ts';

/** The ingest pipeline's view of a brand's rules: loaded once per batch, applied per post. */
export const loadBrandTriage: LoadBrandTriage = async (tx, organizationId, brandId) => {
  const rules = await load(tx, organizationId, brandId);
  if (rules.rules.length === 0 && rules.vips.size === 0) return null;
  return { apply: (mention) => apply(rules, mention) };
};
