import type { DbOrTx } from '../../db/database.ts';

/** The recipient, and for a billing admin only billing notifications (notifications.service.ts). */
export interface NotificationScope {
  organizationId: string;
  userId: string;
  kind?: { in: string[] };
  conversationId?: null;
}

const itemSelect = {
  id: true,
  kind: true,
  conversationId: true,
  actorUserId: true,
  data: true,
  readAt: true,
  createdAt: true,
} as const;

/** The recipient's notifications, newest first: keyset on (createdAt, id) after the cursor row (the recipient's own). */
export async function listForUser(
  db: DbOrTx,
  scope: NotificationScope,
  opts: { unreadOnly: boolean; cursor: string | null; limit: number },
) {
  const cursor = opts.cursor
    ? await db.notification.findFirst({ where: { ...scope, id: opts.cursor }, select: { id: true, createdAt: true } })
    : null;
  return {
    cursorKnown: !opts.cursor || cursor !== null,
    rows: await db.notification.findMany({
      where: {
        ...scope,
        ...(opts.unreadOnly ? { readAt: null } : {}),
        ...(cursor
          ? { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] }
          : {}),
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: opts.limit + 1,
      select: itemSelect,
    }),
  };
}

export function countUnread(db: DbOrTx, scope: NotificationScope) {
  return db.notification.count({ where: { ...scope, readAt: null } });
}

export function countOwn(db: DbOrTx, scope: NotificationScope, ids: string[]) {
  return db.notification.count({ where: { ...scope, id: { in: ids } } });
}

/** Marks the recipient's unread notifications (these ids, or all) read; returns how many changed. */
export async function markRead(db: DbOrTx, scope: NotificationScope, ids: string[] | null) {
  const result = await db.notification.updateMany({
    where: { ...scope, readAt: null, ...(ids ? { id: { in: ids } } : {}) },
    data: { readAt: new Date() },
  });
  return result.count;
}

export async function namesOf(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const users = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  return new Map(users.map((u) => [u.id, u.name]));
}
