import { savedViewDefinitionSchema, type SavedViewDefinition } from '@perch/shared';
import type { DbOrTx } from '../../db/database.ts';
import { notFound } from '../../lib/errors.ts';
import { assertBrandsInScope, seesBrand, type WorkspaceActor } from '../teams/workspace-actor.ts';
import { channelsAmong, membersAmong, tagsAmong, teamsAmong } from './saved-views.repository.ts';

const ids = (values: readonly string[] | undefined) => [...new Set((values ?? []).filter((v) => v !== 'none'))];

/**
 * Every id a definition's filters name must be the organization's, and brand-owned ones (channels, tags) of a
 * brand the member may see: anything else reads as missing (NOT_FOUND), whether it is another tenant's or not.
 */
export async function assertDefinitionIds(db: DbOrTx, actor: WorkspaceActor, definition: SavedViewDefinition) {
  const { organizationId } = actor;
  const f = definition.filters;
  await assertBrandsInScope(db, actor, ids(f.brandIds));
  const channelIds = ids(f.channelIds);
  if (channelIds.length) {
    const found = await channelsAmong(db, organizationId, channelIds);
    if (found.length !== channelIds.length || found.some((c) => !seesBrand(actor, c.brandId)))
      throw notFound('Channel');
  }
  const tagIds = ids(f.tagIds);
  if (tagIds.length) {
    const found = await tagsAmong(db, organizationId, tagIds);
    if (found.length !== tagIds.length || found.some((t) => !seesBrand(actor, t.brandId))) throw notFound('Tag');
  }
  const teamIds = ids(f.teamIds);
  if (teamIds.length && (await teamsAmong(db, organizationId, teamIds)).length !== teamIds.length) {
    throw notFound('Team');
  }
  const userIds = ids(f.assigneeUserIds);
  if (userIds.length && (await membersAmong(db, organizationId, userIds)).length !== userIds.length) {
    throw notFound('Assignee');
  }
}

/** A stored definition, read back; one written by an older schema falls back to the defaults. */
export function readDefinition(stored: unknown): SavedViewDefinition {
  const parsed = savedViewDefinitionSchema.safeParse(stored);
  return parsed.success ? parsed.data : savedViewDefinitionSchema.parse({});
}
