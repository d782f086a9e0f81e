import type { DbOrTx } from '../../db/database.ts';
import { createKeywordRule, createTeam, createVip, findOrCreateTag } from './rules.repository.ts';

/**
 * Test support: one keyword rule ("cancelled" → tag "flights", urgent, routed to a team), one VIP handle
 * (@fixture_vip on X) and that team, in the tenant's brand — what the rules procedures' samples act on.
 */
export async function createRulesFixture(
  db: DbOrTx,
  tenant: { organizationId: string; brandId: string; userId: string },
): Promise<{ ruleId: string; vipId: string; teamId: string }> {
  const { organizationId, brandId, userId } = tenant;
  const team = await createTeam(db, organizationId, 'Rules fixture desk');
  const tag = await findOrCreateTag(db, organizationId, brandId, 'flights');
  const rule = await createKeywordRule(db, {
    organizationId,
    brandId,
    phrase: 'cancelled',
    matchMode: 'word',
    language: null,
    tagId: tag.id,
    priority: 'urgent',
    teamId: team.id,
    enabled: true,
    position: 0,
    createdByUserId: userId,
  });
  const vip = await createVip(db, {
    organizationId,
    brandId,
    network: 'x',
    username: 'fixture_vip',
    note: 'Fixture',
    createdByUserId: userId,
  });
  return { ruleId: rule.id, vipId: vip.id, teamId: team.id };
}
