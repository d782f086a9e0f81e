import type { z } from 'zod';
import {
  NOTIFICATION_KINDS,
  type listNotificationsInput,
  type markNotificationsReadInput,
  type NotificationItem,
  type NotificationKind,
  type NotificationPage,
} from '@perch/shared';
import type { Db } from '../../db/database.ts';
import { DomainError, notFound } from '../../lib/errors.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import type { OrgActor } from '../members/members.service.ts';
import { countOwn, countUnread, listForUser, markRead, namesOf } from './notifications.repository.ts';

const scopeOf = (actor: OrgActor) => ({ organizationId: actor.organizationId, userId: actor.userId });
const excerptOf = (data: unknown) => {
  const value = data && typeof data === 'object' ? (data as Record<string, unknown>).excerpt : undefined;
  return typeof value === 'string' ? value.slice(0, 200) : '';
};

/** A rule's notification names the rule (AutomationRule names are at most 120 characters). */
const ruleNameOf = (data: unknown) => {
  const value = data && typeof data === 'object' ? (data as Record<string, unknown>).ruleName : undefined;
  return typeof value === 'string' ? value.slice(0, 120) : null;
};

/** The caller's notifications (recipient-scoped: nobody reads another's), newest first, keyset pages. */
export async function listNotifications(
  db: Db,
  actor: OrgActor,
  input: z.output<typeof listNotificationsInput>,
): Promise<NotificationPage> {
  const { rows, cursorKnown } = await listForUser(db, scopeOf(actor), {
    unreadOnly: input.unreadOnly,
    cursor: input.cursor ?? null,
    limit: input.limit,
  });
  if (!cursorKnown)
    throw new DomainError('VALIDATION', 'This page is no longer available: start again', { field: 'cursor' });
  const page = rows.slice(0, input.limit);
  const names = await namesOf(db, [
    ...new Set(page.map((r) => r.actorUserId).filter((id): id is string => Boolean(id))),
  ]);
  const items = page.map((r): NotificationItem => ({
    id: r.id,
    kind: (NOTIFICATION_KINDS as readonly string[]).includes(r.kind) ? (r.kind as NotificationKind) : 'automation',
    conversationId: r.conversationId,
    actorUserId: r.actorUserId,
    actorName: r.actorUserId ? (names.get(r.actorUserId) ?? 'Former member') : null,
    ruleName: ruleNameOf(r.data),
    excerpt: excerptOf(r.data),
    readAt: r.readAt?.toISOString() ?? null,
    at: r.createdAt.toISOString(),
  }));
  return { items, nextCursor: rows.length > input.limit ? (page.at(-1)?.id ?? null) : null };
}

export async function unreadCount(db: Db, actor: OrgActor) {
  return { count: await countUnread(db, scopeOf(actor)) };
}

/**
 * Marks the caller's notifications read (the ids given, or all). Another user's id reads as missing and nothing
 * changes. Audited like every mutation (S12): one row per call, however many notifications it marks.
 */
export function markNotificationsRead(db: Db, actor: OrgActor, input: z.output<typeof markNotificationsReadInput>) {
  const ids = input.notificationIds ? [...new Set(input.notificationIds)] : null;
  return db.$transaction(async (tx) => {
    if (ids && (await countOwn(tx, scopeOf(actor), ids)) !== ids.length) throw notFound('Notification');
    const marked = await markRead(tx, scopeOf(actor), ids);
    await writeAudit(tx, actor, {
      action: 'notifications.markRead',
      targetType: 'notification',
      after: { notificationIds: ids ?? 'all', marked },
    });
    return { marked };
  });
}
