import type { z } from 'zod';
import {
  RULE_LIMITS,
  type addVipInput,
  type createKeywordRuleInput,
  type reorderKeywordRulesInput,
  type updateKeywordRuleInput,
} from '@perch/shared';
import type { Db, DbOrTx } from '../../db/database.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { DomainError, notFound } from '../../lib/errors.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { assertOwnBrands } from '../brands/brands.service.ts';
import type { OrgActor } from '../members/members.service.ts';
import { foldForMatching } from './rule-matching.ts';
import {
  brandRuleKeys,
  countVips,
  createKeywordRule,
  createVip,
  deleteKeywordRule,
  deleteVip,
  findOrCreateTag,
  findTeam,
  findVip,
  getKeywordRule,
  getVip,
  listKeywordRules,
  listVips,
  setRulePositions,
  teamsForBrand,
  updateKeywordRule,
  type KeywordRuleData,
} from './rules.repository.ts';

/** The caller, with the brands their membership is limited to (empty: every brand of the organization). */
export type RulesActor = OrgActor & { brandIds: readonly string[] };

/** A brand of the organization that the member may see; anything else reads as missing. */
async function assertBrandInScope(db: DbOrTx, actor: RulesActor, brandId: string) {
  if (actor.brandIds.length > 0 && !actor.brandIds.includes(brandId)) throw notFound('Brand');
  await assertOwnBrands(db, actor.organizationId, [brandId]);
}

async function ruleInScope(db: DbOrTx, actor: RulesActor, ruleId: string) {
  const rule = await getKeywordRule(db, actor.organizationId, ruleId);
  if (!rule || (actor.brandIds.length > 0 && !actor.brandIds.includes(rule.brandId))) throw notFound('Keyword rule');
  return rule;
}

function assertHasAction(rule: { tagId: string | null; priority: string | null; teamId: string | null }) {
  if (rule.tagId === null && rule.priority === null && rule.teamId === null) {
    throw new DomainError('VALIDATION', 'A rule needs at least one action: a tag, a priority or a team', {
      field: 'actions',
    });
  }
}

/** A team of the organization that handles the brand (a team without brands handles all of them). */
async function assertTeamForBrand(db: DbOrTx, organizationId: string, teamId: string, brandId: string) {
  const team = await findTeam(db, organizationId, teamId);
  if (!team) throw notFound('Team');
  if (team.brandIds.length > 0 && !team.brandIds.includes(brandId)) {
    throw new DomainError('VALIDATION', `The team ${team.name} does not handle this brand`, { field: 'teamId' });
  }
}

/** A phrase that folds to nothing (punctuation, emoji, isolated diacritics) could never match. */
function assertMatchable(phrase: string) {
  if (!foldForMatching(phrase)) {
    throw new DomainError('VALIDATION', 'The phrase must contain at least one letter or digit', { field: 'phrase' });
  }
}

/** Two rules of a brand with the same folded phrase, mode and language would do the same thing twice. */
async function assertNoDuplicate(
  db: DbOrTx,
  organizationId: string,
  brandId: string,
  rule: { phrase: string; matchMode: string; language: string | null },
  exceptId?: string,
) {
  const folded = foldForMatching(rule.phrase);
  const existing = await brandRuleKeys(db, organizationId, brandId);
  const same = existing.find(
    (r) =>
      r.id !== exceptId &&
      r.matchMode === rule.matchMode &&
      r.language === rule.language &&
      foldForMatching(r.phrase) === folded,
  );
  if (same) {
    throw new DomainError('CONFLICT', `This brand already has a rule for "${same.phrase}"`, {
      field: 'phrase',
      ruleId: same.id,
    });
  }
  return existing;
}

type RuleView = Awaited<ReturnType<typeof listKeywordRules>>[number];
const auditView = (rule: RuleView) => ({
  brandId: rule.brandId,
  phrase: rule.phrase,
  matchMode: rule.matchMode,
  language: rule.language,
  tag: rule.tag?.name ?? null,
  priority: rule.priority,
  teamId: rule.team?.id ?? null,
  enabled: rule.enabled,
});

export async function keywordRulesOf(db: Db, actor: RulesActor, brandId: string) {
  await assertBrandInScope(db, actor, brandId);
  const [rules, teams] = await Promise.all([
    listKeywordRules(db, actor.organizationId, brandId),
    teamsForBrand(db, actor.organizationId, brandId),
  ]);
  return { rules, teams };
}

export function createKeywordRuleFor(db: Db, actor: RulesActor, input: z.output<typeof createKeywordRuleInput>) {
  return tagRace(() =>
    db.$transaction(async (tx) => {
      const { organizationId } = actor;
      await assertBrandInScope(tx, actor, input.brandId);
      assertMatchable(input.phrase);
      assertHasAction({ tagId: input.tagName, priority: input.priority, teamId: input.teamId });
      const existing = await assertNoDuplicate(tx, organizationId, input.brandId, input);
      if (existing.length >= RULE_LIMITS.rulesPerBrand) {
        throw new DomainError('VALIDATION', `A brand can have at most ${RULE_LIMITS.rulesPerBrand} keyword rules`);
      }
      if (input.teamId) await assertTeamForBrand(tx, organizationId, input.teamId, input.brandId);
      const tag = input.tagName ? await findOrCreateTag(tx, organizationId, input.brandId, input.tagName) : null;
      const rule = await createKeywordRule(tx, {
        organizationId,
        brandId: input.brandId,
        phrase: input.phrase,
        matchMode: input.matchMode,
        language: input.language,
        tagId: tag?.id ?? null,
        priority: input.priority,
        teamId: input.teamId,
        enabled: input.enabled,
        position: existing.reduce((max, r) => Math.max(max, r.position + 1), 0),
        createdByUserId: actor.userId,
      });
      await writeAudit(tx, actor, {
        action: 'rules.createKeywordRule',
        targetType: 'keyword_rule',
        targetId: rule.id,
        after: { ...auditView(rule), ...(tag?.created ? { tagCreated: true } : {}) },
      });
      return rule;
    }),
  );
}

export function updateKeywordRuleFor(db: Db, actor: RulesActor, input: z.output<typeof updateKeywordRuleInput>) {
  return tagRace(() =>
    db.$transaction(async (tx) => {
      const { organizationId } = actor;
      const before = await ruleInScope(tx, actor, input.ruleId);
      const merged = {
        phrase: input.phrase ?? before.phrase,
        matchMode: input.matchMode ?? before.matchMode,
        language: input.language === undefined ? before.language : input.language,
        priority: input.priority === undefined ? before.priority : input.priority,
        teamId: input.teamId === undefined ? before.teamId : input.teamId,
      };
      const tagName = input.tagName === undefined ? (before.tag?.name ?? null) : input.tagName;
      assertMatchable(merged.phrase);
      assertHasAction({ tagId: tagName, priority: merged.priority, teamId: merged.teamId });
      if (input.phrase !== undefined || input.matchMode !== undefined || input.language !== undefined) {
        await assertNoDuplicate(tx, organizationId, before.brandId, merged, before.id);
      }
      if (input.teamId) await assertTeamForBrand(tx, organizationId, input.teamId, before.brandId);
      const changes: Partial<KeywordRuleData> = {
        ...(input.phrase !== undefined && { phrase: input.phrase }),
        ...(input.matchMode !== undefined && { matchMode: input.matchMode }),
        ...(input.language !== undefined && { language: input.language }),
        ...(input.priority !== undefined && { priority: input.priority }),
        ...(input.teamId !== undefined && { teamId: input.teamId }),
        ...(input.enabled !== undefined && { enabled: input.enabled }),
      };
      let tagCreated = false;
      if (input.tagName !== undefined) {
        const tag = input.tagName ? await findOrCreateTag(tx, organizationId, before.brandId, input.tagName) : null;
        changes.tagId = tag?.id ?? null;
        tagCreated = tag?.created ?? false;
      }
      const rule = await updateKeywordRule(tx, before.id, changes);
      await writeAudit(tx, actor, {
        action: 'rules.updateKeywordRule',
        targetType: 'keyword_rule',
        targetId: rule.id,
        before: auditView(before),
        after: { ...auditView(rule), ...(tagCreated ? { tagCreated: true } : {}) },
      });
      return rule;
    }),
  );
}

/** Two rules creating the same new tag at the same moment: the unique index refuses the second one. */
async function tagRace<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new DomainError('CONFLICT', 'This tag was created at the same moment by someone else; please try again');
    }
    throw error;
  }
}

export function deleteKeywordRuleFor(db: Db, actor: RulesActor, ruleId: string) {
  return db.$transaction(async (tx) => {
    const rule = await ruleInScope(tx, actor, ruleId);
    await deleteKeywordRule(tx, rule.id);
    await writeAudit(tx, actor, {
      action: 'rules.deleteKeywordRule',
      targetType: 'keyword_rule',
      targetId: rule.id,
      before: auditView(rule),
    });
    return { id: rule.id };
  });
}

/** Sets the order in which a brand's rules apply (the first matching rule's team wins). */
export function reorderKeywordRulesFor(db: Db, actor: RulesActor, input: z.output<typeof reorderKeywordRulesInput>) {
  return db.$transaction(async (tx) => {
    const { organizationId } = actor;
    await assertBrandInScope(tx, actor, input.brandId);
    const current = await brandRuleKeys(tx, organizationId, input.brandId);
    const known = new Set(current.map((r) => r.id));
    // Another tenant's or another brand's rule id is, here, a missing rule.
    if (input.ruleIds.some((id) => !known.has(id))) throw notFound('Keyword rule');
    if (new Set(input.ruleIds).size !== input.ruleIds.length || input.ruleIds.length !== current.length) {
      throw new DomainError('VALIDATION', "The new order must list each of the brand's rules once", {
        field: 'ruleIds',
      });
    }
    await setRulePositions(tx, organizationId, input.ruleIds);
    await writeAudit(tx, actor, {
      action: 'rules.reorderKeywordRules',
      targetType: 'brand',
      targetId: input.brandId,
      before: { ruleIds: current.map((r) => r.id) },
      after: { ruleIds: input.ruleIds },
    });
    return listKeywordRules(tx, organizationId, input.brandId);
  });
}

export async function vipsOf(db: Db, actor: RulesActor, brandId: string) {
  await assertBrandInScope(db, actor, brandId);
  return listVips(db, actor.organizationId, brandId);
}

const duplicateVip = (network: string, username: string) =>
  new DomainError('CONFLICT', `@${username} is already a VIP of this brand on ${network === 'x' ? 'X' : network}`, {
    field: 'username',
  });

export async function addVipFor(db: Db, actor: RulesActor, input: z.output<typeof addVipInput>) {
  try {
    return await db.$transaction(async (tx) => {
      const { organizationId } = actor;
      await assertBrandInScope(tx, actor, input.brandId);
      if (await findVip(tx, organizationId, input.brandId, input.network, input.username)) {
        throw duplicateVip(input.network, input.username);
      }
      if ((await countVips(tx, organizationId, input.brandId)) >= RULE_LIMITS.vipsPerBrand) {
        throw new DomainError('VALIDATION', `A brand can have at most ${RULE_LIMITS.vipsPerBrand} VIP handles`);
      }
      const vip = await createVip(tx, {
        organizationId,
        brandId: input.brandId,
        network: input.network,
        username: input.username,
        note: input.note,
        createdByUserId: actor.userId,
      });
      await writeAudit(tx, actor, {
        action: 'rules.addVip',
        targetType: 'vip_handle',
        targetId: vip.id,
        after: { brandId: vip.brandId, network: vip.network, username: vip.username, note: vip.note },
      });
      return vip;
    });
  } catch (error) {
    // Two managers adding the same handle at once: the unique index decides.
    if (isUniqueViolation(error)) throw duplicateVip(input.network, input.username);
    throw error;
  }
}

export function removeVipFor(db: Db, actor: RulesActor, vipId: string) {
  return db.$transaction(async (tx) => {
    const vip = await getVip(tx, actor.organizationId, vipId);
    if (!vip || (actor.brandIds.length > 0 && !actor.brandIds.includes(vip.brandId))) throw notFound('VIP handle');
    await deleteVip(tx, vip.id);
    await writeAudit(tx, actor, {
      action: 'rules.removeVip',
      targetType: 'vip_handle',
      targetId: vip.id,
      before: { brandId: vip.brandId, network: vip.network, username: vip.username, note: vip.note },
    });
    return { id: vip.id };
  });
}
