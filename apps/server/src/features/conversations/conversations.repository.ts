import type { ConversationStatus, Priority } from '@perch/shared';
import type { DbOrTx, Tx } from '../../db/database.ts';
import { Prisma } from '../../generated/prisma/client.ts';

/** The columns an action reads and changes (tag ids decoded from the comma-joined text the raw query returns). */
export interface ConversationState {
  id: string;
  brandId: string;
  customerId: string;
  status: ConversationStatus;
  priority: Priority;
  assigneeUserId: string | null;
  teamId: string | null;
  tagIds: string[];
  snoozedUntil: Date | null;
  resolvedAt: Date | null;
  version: number;
}

type RawState = Omit<ConversationState, 'tagIds'> & { tagIds: string };
const decode = (r: RawState): ConversationState => ({ ...r, tagIds: r.tagIds ? r.tagIds.split(',') : [] });

const stateColumns = Prisma.sql`id, "brandId", "customerId", status::text AS status, priority::text AS priority,
  "assigneeUserId", "teamId", array_to_string("tagIds", ',') AS "tagIds", "snoozedUntil", "resolvedAt", version`;

/**
 * Reads conversations and locks them until the transaction ends: concurrent actions on one conversation queue
 * here, and each one then sees the version its predecessor committed. Locked in id order, so two bulk actions over
 * overlapping sets cannot deadlock. FOR NO KEY UPDATE, not FOR UPDATE: a conversation's id never changes and Perch
 * never deletes one, and the stronger lock also waited for every open transaction that inserted a row referencing
 * the conversation (an event, a note, a metric fact: their foreign keys take a key-share lock), such as a metrics
 * batch of a second or more.
 */
export async function lockConversations(tx: Tx, organizationId: string, ids: string[]): Promise<ConversationState[]> {
  if (ids.length === 0) return [];
  const rows = await tx.$queryRaw<RawState[]>`
    SELECT ${stateColumns} FROM "Conversation"
    WHERE "organizationId" = ${organizationId}::uuid AND id = ANY(${ids}::uuid[])
    ORDER BY id FOR NO KEY UPDATE`;
  return rows.map(decode);
}

export interface ConversationChanges {
  status?: ConversationStatus;
  priority?: Priority;
  assigneeUserId?: string | null;
  teamId?: string | null;
  tagIds?: string[];
  snoozedUntil?: Date | null;
  resolvedAt?: Date | null;
  episodeStartedAt?: Date;
}

const stateSelect = {
  id: true,
  brandId: true,
  customerId: true,
  status: true,
  priority: true,
  assigneeUserId: true,
  teamId: true,
  tagIds: true,
  snoozedUntil: true,
  resolvedAt: true,
  version: true,
} as const;

/** Applies the changes and bumps the version (the caller holds the row lock and compared the version). */
export function updateConversation(tx: Tx, organizationId: string, id: string, changes: ConversationChanges) {
  return tx.conversation.update({
    where: { id, organizationId },
    data: { ...changes, version: { increment: 1 } },
    select: stateSelect,
  });
}

export interface NewEvent {
  conversationId: string;
  brandId: string;
  type: string;
  actorUserId: string | null;
  data: Prisma.InputJsonValue;
}

export async function appendEvents(tx: Tx, organizationId: string, events: NewEvent[]) {
  if (events.length === 0) return;
  await tx.conversationEvent.createMany({ data: events.map((e) => ({ organizationId, ...e })) });
}

/** Events that do not change the conversation's state (no new version): never the reason an action is stale. */
const UNVERSIONED_EVENTS = [
  'note_added',
  'reply_queued',
  'reply_submitted',
  'reply_sent',
  'reply_failed',
  'reply_dead',
  'reply_retried',
  'reply_canceled',
  'reply_approved',
  'reply_rejected',
];

/** The latest change to the conversation (a note or a delivery is not a change of its state), with its actor. */
export async function lastChange(db: DbOrTx, organizationId: string, conversationId: string) {
  const event = await db.conversationEvent.findFirst({
    where: { organizationId, conversationId, type: { notIn: UNVERSIONED_EVENTS } },
    orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
    select: { type: true, actorUserId: true, data: true, occurredAt: true },
  });
  if (!event) return null;
  const names = await userNames(db, [event.actorUserId, assigneeOf(event.data)]);
  return { ...event, names };
}

const assigneeOf = (data: Prisma.JsonValue) =>
  data && typeof data === 'object' && !Array.isArray(data) && typeof data.assigneeUserId === 'string'
    ? data.assigneeUserId
    : null;

export async function userNames(db: DbOrTx, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return new Map();
  const users = await db.user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } });
  return new Map(users.map((u) => [u.id, u.name]));
}

/** Members of the organization among `userIds`, with their role, brand restriction and name. */
export function membersAmong(db: DbOrTx, organizationId: string, userIds: string[]) {
  return db.membership.findMany({
    where: { organizationId, userId: { in: userIds } },
    select: { userId: true, role: true, brandIds: true, user: { select: { name: true } } },
  });
}

export function findTeam(db: DbOrTx, organizationId: string, teamId: string) {
  return db.team.findFirst({ where: { id: teamId, organizationId }, select: { id: true, name: true, brandIds: true } });
}

export function findTags(db: DbOrTx, organizationId: string, tagIds: string[]) {
  return db.tag.findMany({ where: { organizationId, id: { in: tagIds } }, select: { id: true, brandId: true } });
}

export function createNote(
  tx: Tx,
  note: {
    organizationId: string;
    conversationId: string;
    authorUserId: string;
    text: string;
    mentionedUserIds: string[];
  },
) {
  return tx.note.create({ data: note, select: { id: true, createdAt: true } });
}

export async function createNotifications(
  tx: Tx,
  rows: {
    organizationId: string;
    userId: string;
    kind: string;
    conversationId: string;
    actorUserId: string;
    data: Prisma.InputJsonValue;
  }[],
) {
  if (rows.length > 0) await tx.notification.createMany({ data: rows });
}

export function findCustomer(db: DbOrTx, organizationId: string, customerId: string) {
  return db.customer.findFirst({ where: { id: customerId, organizationId }, select: { id: true } });
}

/** Whether the customer has a conversation with one of these brands (a brand-restricted member's reach). */
export async function customerTalksTo(db: DbOrTx, organizationId: string, customerId: string, brandIds: string[]) {
  const row = await db.conversation.findFirst({
    where: { organizationId, customerId, brandId: { in: brandIds } },
    select: { id: true },
  });
  return row !== null;
}

export function createCustomerNote(
  tx: Tx,
  note: { organizationId: string; customerId: string; authorUserId: string; text: string },
) {
  return tx.customerNote.create({ data: note, select: { id: true, createdAt: true } });
}

/**
 * Picks the best waiting conversation (new or open, unassigned) in the brands given (null: every brand) and
 * assigns it in the same statement. SKIP LOCKED: two agents asking at once get two different conversations,
 * and neither waits for the other. FOR NO KEY UPDATE (see lockConversations): with FOR UPDATE, a conversation that
 * an open transaction had just given an event or a metric fact was skipped, and an agent got the next one instead.
 */
export async function claimNext(tx: Tx, organizationId: string, brandIds: string[] | null, userId: string) {
  const brandFilter = brandIds ? Prisma.sql`AND "brandId" = ANY(${brandIds}::uuid[])` : Prisma.empty;
  const rows = await tx.$queryRaw<{ id: string; brandId: string; version: number }[]>`
    WITH next AS (
      SELECT id FROM "Conversation"
      WHERE "organizationId" = ${organizationId}::uuid ${brandFilter}
        AND status IN ('new', 'open') AND "assigneeUserId" IS NULL
      ORDER BY priority, "slaDueAt" NULLS LAST, "waitingSince" NULLS LAST, id
      LIMIT 1
      FOR NO KEY UPDATE SKIP LOCKED
    )
    UPDATE "Conversation" c SET "assigneeUserId" = ${userId}::uuid, version = c.version + 1, "updatedAt" = now()
    FROM next WHERE c.id = next.id
    RETURNING c.id, c."brandId", c.version`;
  return rows[0] ?? null;
}

export function readStates(db: DbOrTx, organizationId: string, ids: string[]) {
  return db.conversation.findMany({ where: { organizationId, id: { in: ids } }, select: { id: true, brandId: true } });
}

/** Opens a conversation whose snooze has ended, if it is still snoozed (idempotent). */
export async function wakeIfDue(tx: Tx, organizationId: string, conversationId: string) {
  const rows = await tx.$queryRaw<{ id: string; brandId: string }[]>`
    UPDATE "Conversation" SET status = 'open', "snoozedUntil" = NULL, version = version + 1, "updatedAt" = now()
    WHERE "organizationId" = ${organizationId}::uuid AND id = ${conversationId}::uuid
      AND status = 'snoozed' AND "snoozedUntil" <= now()
    RETURNING id, "brandId"`;
  return rows[0] ?? null;
}

export function snoozeOf(db: DbOrTx, organizationId: string, id: string) {
  return db.conversation.findFirst({ where: { id, organizationId }, select: { status: true, snoozedUntil: true } });
}
