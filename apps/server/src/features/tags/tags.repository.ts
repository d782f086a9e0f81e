import type { DbOrTx } from '../../db/database.ts';

const tagSelect = { id: true, brandId: true, name: true, color: true } as const;

/** Tags of the organization, of the given brands (null: every brand), by brand then name. */
export function listTags(db: DbOrTx, organizationId: string, brandIds: readonly string[] | null) {
  return db.tag.findMany({
    where: { organizationId, ...(brandIds ? { brandId: { in: [...brandIds] } } : {}) },
    select: tagSelect,
    orderBy: [{ brandId: 'asc' }, { name: 'asc' }],
    take: 5000,
  });
}

export function getTag(db: DbOrTx, organizationId: string, tagId: string) {
  return db.tag.findFirst({ where: { id: tagId, organizationId }, select: tagSelect });
}

export function countBrandTags(db: DbOrTx, organizationId: string, brandId: string) {
  return db.tag.count({ where: { organizationId, brandId } });
}

/** The brand's tag of this name, case ignored ("Refund" is the tag "refund"). */
export function findTagByName(db: DbOrTx, organizationId: string, brandId: string, name: string) {
  return db.tag.findFirst({
    where: { organizationId, brandId, name: { equals: name, mode: 'insensitive' } },
    select: tagSelect,
  });
}

export function createTag(db: DbOrTx, data: { organizationId: string; brandId: string; name: string; color: string }) {
  return db.tag.create({ data, select: tagSelect });
}

export function updateTag(db: DbOrTx, tagId: string, data: { name?: string; color?: string }) {
  return db.tag.update({ where: { id: tagId }, data, select: tagSelect });
}

/** Removes the tag: keyword rules that used it lose their tag action (the relation sets null). */
export function deleteTag(db: DbOrTx, tagId: string) {
  return db.tag.delete({ where: { id: tagId }, select: { id: true } });
}

/** Takes the tag off every conversation of its brand; returns how many carried it. */
export function untagConversations(db: DbOrTx, organizationId: string, brandId: string, tagId: string) {
  return db.$executeRaw`
    UPDATE "Conversation"
       SET "tagIds" = array_remove("tagIds", ${tagId}::uuid), "updatedAt" = now()
     WHERE "organizationId" = ${organizationId}::uuid AND "brandId" = ${brandId}::uuid
       AND "tagIds" @> ARRAY[${tagId}::uuid]`;
}

export function countTaggedConversations(db: DbOrTx, organizationId: string, brandId: string, tagId: string) {
  return db.conversation.count({ where: { organizationId, brandId, tagIds: { has: tagId } } });
}

export function countTagRules(db: DbOrTx, organizationId: string, tagId: string) {
  return db.keywordRule.count({ where: { organizationId, tagId } });
}

/**
 * Clears the tag action of the rules that used it (what the foreign key's SET NULL would do, but counted). A
 * rule whose only action was this tag would do nothing any more: it is disabled, so the rules screen shows it.
 */
export async function clearTagRules(db: DbOrTx, organizationId: string, tagId: string) {
  await db.keywordRule.updateMany({
    where: { organizationId, tagId, priority: null, teamId: null },
    data: { enabled: false },
  });
  const { count } = await db.keywordRule.updateMany({ where: { organizationId, tagId }, data: { tagId: null } });
  return count;
}
