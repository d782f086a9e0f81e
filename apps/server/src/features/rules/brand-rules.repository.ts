import type { DbOrTx } from '../../db/database.ts';
import { compileBrandRules, type BrandRules } from './rule-matching.ts';

/**
 * A brand's enabled keyword rules (in order) and its VIP handles, compiled for `applyBrandRules`. Two indexed
 * queries; load once per batch of mentions of the brand and reuse the result.
 */
export async function loadBrandRules(db: DbOrTx, organizationId: string, brandId: string): Promise<BrandRules> {
  const [rules, vips] = await Promise.all([
    db.keywordRule.findMany({
      where: { organizationId, brandId, enabled: true },
      select: {
        id: true,
        phrase: true,
        matchMode: true,
        language: true,
        tagId: true,
        priority: true,
        teamId: true,
      },
      orderBy: [{ position: 'asc' }, { id: 'asc' }],
    }),
    db.vipHandle.findMany({ where: { organizationId, brandId }, select: { network: true, username: true } }),
  ]);
  return compileBrandRules(rules, vips);
}
