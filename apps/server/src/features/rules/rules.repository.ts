import type { KeywordMatchMode, Priority } from '@perch/shared';
import type { DbOrTx } from '../../db/database.ts';

const ruleSelect = {
  id: true,
  brandId: true,
  phrase: true,
  matchMode: true,
  language: true,
  priority: true,
  enabled: true,
  position: true,
  createdAt: true,
  updatedAt: true,
  tag: { select: { id: true, name: true, color: true } },
  team: { select: { id: true, name: true } },
} as const;

export interface KeywordRuleData {
  phrase: string;
  matchMode: KeywordMatchMode;
  language: string | null;
  tagId: string | null;
  priority: Priority | null;
  teamId: string | null;
  enabled: boolean;
}

export function listKeywordRules(db: DbOrTx, organizationId: string, brandId: string) {
  return db.keywordRule.findMany({
    where: { organizationId, brandId },
    select: ruleSelect,
    orderBy: [{ position: 'asc' }, { id: 'asc' }],
  });
}

export function getKeywordRule(db: DbOrTx, organizationId: string, ruleId: string) {
  return db.keywordRule.findFirst({
    where: { id: ruleId, organizationId },
    select: { ...ruleSelect, tagId: true, teamId: true },
  });
}

/** Phrase, mode and language of a brand's rules (duplicate check), with their ids and positions. */
export function brandRuleKeys(db: DbOrTx, organizationId: string, brandId: string) {
  return db.keywordRule.findMany({
    where: { organizationId, brandId },
    select: { id: true, phrase: true, matchMode: true, language: true, position: true },
    orderBy: [{ position: 'asc' }, { id: 'asc' }],
  });
}

export function createKeywordRule(
  db: DbOrTx,
  data: KeywordRuleData & { organizationId: string; brandId: string; position: number; createdByUserId: string },
) {
  return db.keywordRule.create({ data, select: ruleSelect });
}

export function updateKeywordRule(db: DbOrTx, ruleId: string, data: Partial<KeywordRuleData>) {
  return db.keywordRule.update({ where: { id: ruleId }, data, select: ruleSelect });
}

export function deleteKeywordRule(db: DbOrTx, ruleId: string) {
  return db.keywordRule.delete({ where: { id: ruleId }, select: { id: true } });
}

export async function setRulePositions(db: DbOrTx, organizationId: string, orderedIds: readonly string[]) {
  for (const [position, id] of orderedIds.entries()) {
    await db.keywordRule.updateMany({ where: { id, organizationId }, data: { position } });
  }
}

/** A team of the organization (another tenant's id reads as missing). */
export function findTeam(db: DbOrTx, organizationId: string, teamId: string) {
  return db.team.findFirst({ where: { id: teamId, organizationId }, select: { id: true, name: true, brandIds: true } });
}

/** Teams that may handle the brand's conversations (a team without brands handles all of them). */
export function teamsForBrand(db: DbOrTx, organizationId: string, brandId: string) {
  return db.team.findMany({
    where: { organizationId, OR: [{ brandIds: { isEmpty: true } }, { brandIds: { has: brandId } }] },
    select: { id: true, name: true },
    orderBy: { name: 'asc' },
    take: 500,
  });
}

/** The brand's tag of this name, case ignored ("Baggage" is the tag "baggage"), or a new one. */
export async function findOrCreateTag(db: DbOrTx, organizationId: string, brandId: string, name: string) {
  const existing = await db.tag.findFirst({
    where: { organizationId, brandId, name: { equals: name, mode: 'insensitive' } },
    select: { id: true, name: true },
    orderBy: { name: 'asc' },
  });
  if (existing) return { ...existing, created: false };
  const tag = await db.tag.create({ data: { organizationId, brandId, name }, select: { id: true, name: true } });
  return { ...tag, created: true };
}

const vipSelect = {
  id: true,
  brandId: true,
  network: true,
  username: true,
  note: true,
  createdAt: true,
} as const;

export function listVips(db: DbOrTx, organizationId: string, brandId: string) {
  return db.vipHandle.findMany({
    where: { organizationId, brandId },
    select: vipSelect,
    orderBy: [{ network: 'asc' }, { username: 'asc' }],
  });
}

export function countVips(db: DbOrTx, organizationId: string, brandId: string) {
  return db.vipHandle.count({ where: { organizationId, brandId } });
}

export function findVip(db: DbOrTx, organizationId: string, brandId: string, network: string, username: string) {
  return db.vipHandle.findUnique({
    where: { organizationId_brandId_network_username: { organizationId, brandId, network, username } },
    select: { id: true },
  });
}

export function getVip(db: DbOrTx, organizationId: string, vipId: string) {
  return db.vipHandle.findFirst({ where: { id: vipId, organizationId }, select: vipSelect });
}

export function createVip(
  db: DbOrTx,
  data: {
    organizationId: string;
    brandId: string;
    network: string;
    username: string;
    note: string | null;
    createdByUserId: string;
  },
) {
  return db.vipHandle.create({ data, select: vipSelect });
}

export function deleteVip(db: DbOrTx, vipId: string) {
  return db.vipHandle.delete({ where: { id: vipId }, select: { id: true } });
}

/** Test support: a team of the organization (teams get their own feature later). */
export function createTeam(db: DbOrTx, organizationId: string, name: string, brandIds: string[] = []) {
  return db.team.create({ data: { organizationId, name, brandIds }, select: { id: true, name: true } });
}
