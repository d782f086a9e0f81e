import type { z } from 'zod';
import {
  WORKSPACE_LIMITS,
  type createTagInput,
  type DeleteTagResult,
  type TagItem,
  type TagUsage,
  type updateTagInput,
} from '@perch/shared';
import type { Db, DbOrTx } from '../../db/database.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { DomainError, notFound } from '../../lib/errors.ts';
import type { EventBus } from '../../live/event-bus.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { assertBrandsInScope, conflict, seesBrand, type WorkspaceActor } from '../teams/workspace-actor.ts';
import {
  clearTagRules,
  countBrandTags,
  countTaggedConversations,
  countTagRules,
  createTag,
  deleteTag,
  findTagByName,
  getTag,
  listTags,
  untagConversations,
  updateTag,
} from './tags.repository.ts';

const duplicate = (name: string) => conflict(`This brand already has a tag named "${name}"`);

/** A tag of a brand the member may see; another tenant's or another brand's reads as missing. */
async function tagInScope(db: DbOrTx, actor: WorkspaceActor, tagId: string) {
  const tag = await getTag(db, actor.organizationId, tagId);
  if (!tag || !seesBrand(actor, tag.brandId)) throw notFound('Tag');
  return tag;
}

/** Tag names are unique per brand, case ignored. */
async function assertNameFree(db: DbOrTx, actor: WorkspaceActor, brandId: string, name: string, exceptId?: string) {
  const same = await findTagByName(db, actor.organizationId, brandId, name);
  if (same && same.id !== exceptId) throw duplicate(same.name);
}

/** Two managers creating the same name at the same moment: the unique index decides. */
async function uniqueName<T>(name: string | undefined, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate(name ?? '');
    throw error;
  }
}

export async function tagsOf(db: Db, actor: WorkspaceActor, brandId: string | undefined): Promise<TagItem[]> {
  if (brandId) {
    await assertBrandsInScope(db, actor, [brandId]);
    return listTags(db, actor.organizationId, [brandId]);
  }
  return listTags(db, actor.organizationId, actor.brandIds.length > 0 ? actor.brandIds : null);
}

export async function tagUsage(db: Db, actor: WorkspaceActor, tagId: string): Promise<TagUsage> {
  const tag = await tagInScope(db, actor, tagId);
  const [conversationCount, ruleCount] = await Promise.all([
    countTaggedConversations(db, actor.organizationId, tag.brandId, tag.id),
    countTagRules(db, actor.organizationId, tag.id),
  ]);
  return { tagId: tag.id, conversationCount, ruleCount };
}

export function createTagFor(db: Db, actor: WorkspaceActor, input: z.output<typeof createTagInput>): Promise<TagItem> {
  return uniqueName(input.name, () =>
    db.$transaction(async (tx) => {
      await assertBrandsInScope(tx, actor, [input.brandId]);
      await assertNameFree(tx, actor, input.brandId, input.name);
      if ((await countBrandTags(tx, actor.organizationId, input.brandId)) >= WORKSPACE_LIMITS.tagsPerBrand) {
        throw new DomainError('VALIDATION', `A brand can have at most ${WORKSPACE_LIMITS.tagsPerBrand} tags`);
      }
      const tag = await createTag(tx, {
        organizationId: actor.organizationId,
        brandId: input.brandId,
        name: input.name,
        color: input.color,
      });
      await writeAudit(tx, actor, {
        action: 'tags.create',
        targetType: 'tag',
        targetId: tag.id,
        after: { brandId: tag.brandId, name: tag.name, color: tag.color },
      });
      return tag;
    }),
  );
}

export function updateTagFor(db: Db, actor: WorkspaceActor, input: z.output<typeof updateTagInput>): Promise<TagItem> {
  return uniqueName(input.name, () =>
    db.$transaction(async (tx) => {
      const before = await tagInScope(tx, actor, input.tagId);
      if (input.name !== undefined) await assertNameFree(tx, actor, before.brandId, input.name, before.id);
      const tag = await updateTag(tx, before.id, {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.color !== undefined && { color: input.color }),
      });
      await writeAudit(tx, actor, {
        action: 'tags.update',
        targetType: 'tag',
        targetId: tag.id,
        before: { name: before.name, color: before.color },
        after: { name: tag.name, color: tag.color },
      });
      return tag;
    }),
  );
}

/**
 * Deletes a tag and, in the same transaction, takes it off every conversation of its brand and out of the
 * keyword rules that applied it. The brand's inbox views are told to refetch after the commit.
 */
export async function deleteTagFor(
  db: Db,
  bus: EventBus,
  actor: WorkspaceActor,
  tagId: string,
): Promise<DeleteTagResult> {
  const result = await db.$transaction(async (tx) => {
    const tag = await tagInScope(tx, actor, tagId);
    const conversationsUntagged = await untagConversations(tx, actor.organizationId, tag.brandId, tag.id);
    const rulesCleared = await clearTagRules(tx, actor.organizationId, tag.id);
    await deleteTag(tx, tag.id);
    await writeAudit(tx, actor, {
      action: 'tags.delete',
      targetType: 'tag',
      targetId: tag.id,
      before: { brandId: tag.brandId, name: tag.name, color: tag.color },
      after: { conversationsUntagged, rulesCleared },
    });
    return { id: tag.id, brandId: tag.brandId, conversationsUntagged, rulesCleared };
  });
  const at = new Date().toISOString();
  const { organizationId } = actor;
  await bus.publish([
    { organizationId, brandId: result.brandId, type: 'tags.changed', at },
    ...(result.conversationsUntagged > 0
      ? [{ organizationId, brandId: result.brandId, type: 'inbox.bulk_changed' as const, at }]
      : []),
  ]);
  return { id: result.id, conversationsUntagged: result.conversationsUntagged, rulesCleared: result.rulesCleared };
}
