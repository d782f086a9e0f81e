import type { z } from 'zod';
import {
  NOTIFICATION_KINDS,
  type listNotificationsInput,
  type markNotificationsReadInput,
  type NotificationItem,
  type NotificationKind,
  type NotificationPage,
  type QuotaWarningData,
} from '@perch/shared';
import type { Db } from '../../db/database.ts';
import { DomainError, notFound } from '../../lib/errors.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import type { OrgActor } from '../members/members.service.ts';
import { countOwn, countUnread, listForUser, markRead, namesOf } from './notifications.repository.ts';

/** Notifications about no conversation, about billing: all a billing admin ever sees of theirs. */
const BILLING_KINDS: NotificationKind[] = ['quota_warning'];

/**
 * The caller's own notifications. A billing admin sees only billing ones: a notification they received under a
 * former role (a note's excerpt, a conversation) stays out of reach, in the list, the count and marking read.
 */
const scopeOf = (actor: OrgActor) => ({
  organizationId: actor.organizationId,
  userId: actor.userId,
  ...(actor.role === 'billing_admin' ? { kind: { in: BILLING_KINDS }, conversationId: null } : {}),
});
const excerptOf = (data: unknown) => {
  const value = data && typeof data === 'object' ? (data as Record<string, unknown>).excerpt : undefined;
  return typeof value === 'string' ? value.slice(0, 200) : '';
};

/** A quota warning's brand, threshold and figures (as quota-warnings.ts wrote them). */
const quotaOf = (kind: string, data: unknown): QuotaWarningData | null => {
  if (kind !== 'quota_warning' || !data || typeof data !== 'object') return null;
  const d = data as Partial<QuotaWarningData>;
  if (typeof d.brandId !== 'string' || typeof d.threshold !== 'number') return null;
  return {
    brandId: d.brandId,
    brandName: typeof d.brandName === 'string' ? d.brandName.slice(0, 120) : '',
    threshold: d.threshold,
    used: typeof d.used === 'number' ? d.used : 0,
    quota: typeof d.quota === 'number' ? d.quota : 0,
    planId: d.planId ?? 'free',
    holds: d.holds === true,
  };
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
    quota: quotaOf(r.kind, r.data),
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
