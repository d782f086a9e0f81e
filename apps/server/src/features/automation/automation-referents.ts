import type { AutomationAction, AutomationCondition } from '@perch/shared';
import type { DbOrTx } from '../../db/database.ts';
import { notFound } from '../../lib/errors.ts';
import { membersAmong } from '../conversations/conversations.repository.ts';
import { worksOn } from '../conversations/work-context.ts';

/** The ids a rule names, by kind. */
export interface ReferencedIds {
  tagIds: string[];
  channelIds: string[];
  teamIds: string[];
  userIds: string[];
}

/** Of a rule's ids, those that are valid for the brand right now. */
export interface Referents {
  tags: ReadonlySet<string>;
  channels: ReadonlySet<string>;
  teams: ReadonlySet<string>;
  users: ReadonlySet<string>;
}

const uniq = (ids: string[]) => [...new Set(ids)];

export function referencedIds(conditions: readonly AutomationCondition[], actions: readonly AutomationAction[]) {
  const ids: ReferencedIds = { tagIds: [], channelIds: [], teamIds: [], userIds: [] };
  for (const c of conditions) {
    if (c.type === 'tags') ids.tagIds.push(...c.tagIds);
    if (c.type === 'channel') ids.channelIds.push(...c.channelIds);
  }
  for (const a of actions) {
    if (a.type === 'add_tag') ids.tagIds.push(a.tagId);
    if (a.type === 'assign_team') ids.teamIds.push(a.teamId);
    if (a.type === 'assign_agent') ids.userIds.push(a.userId);
    if (a.type === 'notify') ids.userIds.push(...a.userIds);
  }
  return {
    tagIds: uniq(ids.tagIds),
    channelIds: uniq(ids.channelIds),
    teamIds: uniq(ids.teamIds),
    userIds: uniq(ids.userIds),
  };
}

/**
 * Which of the ids are usable on the brand: its own tags and channels, teams serving it (a team without brands
 * serves every brand), members with a working role who may see it. Anything of another organization is absent.
 */
export async function loadReferents(
  db: DbOrTx,
  organizationId: string,
  brandId: string,
  ids: ReferencedIds,
): Promise<Referents> {
  // One after the other: this often runs inside a transaction (one connection).
  const tags = ids.tagIds.length
    ? await db.tag.findMany({ where: { organizationId, brandId, id: { in: ids.tagIds } }, select: { id: true } })
    : [];
  const channels = ids.channelIds.length
    ? await db.channel.findMany({
        where: { organizationId, brandId, id: { in: ids.channelIds } },
        select: { id: true },
      })
    : [];
  const teams = ids.teamIds.length
    ? await db.team.findMany({
        where: { organizationId, id: { in: ids.teamIds } },
        select: { id: true, brandIds: true },
      })
    : [];
  const members = ids.userIds.length ? await membersAmong(db, organizationId, ids.userIds) : [];
  return {
    tags: new Set(tags.map((t) => t.id)),
    channels: new Set(channels.map((c) => c.id)),
    teams: new Set(teams.filter((t) => t.brandIds.length === 0 || t.brandIds.includes(brandId)).map((t) => t.id)),
    users: new Set(members.filter((m) => worksOn(m, brandId)).map((m) => m.userId)),
  };
}

/** Refuses a rule naming anything its brand cannot use (another tenant's id included): NOT_FOUND naming the kind. */
export async function assertReferents(
  db: DbOrTx,
  organizationId: string,
  brandId: string,
  conditions: readonly AutomationCondition[],
  actions: readonly AutomationAction[],
) {
  const ids = referencedIds(conditions, actions);
  const found = await loadReferents(db, organizationId, brandId, ids);
  if (ids.tagIds.some((id) => !found.tags.has(id))) throw notFound('Tag');
  if (ids.channelIds.some((id) => !found.channels.has(id))) throw notFound('Channel');
  if (ids.teamIds.some((id) => !found.teams.has(id))) throw notFound('Team');
  if (ids.userIds.some((id) => !found.users.has(id))) throw notFound('Member');
}
