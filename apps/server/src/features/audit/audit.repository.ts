import type { DbOrTx } from '../../db/database.ts';
import type { Prisma } from '../../generated/prisma/client.ts';

/** Who did something, from where. Every service mutation takes one. */
export interface Actor {
  userId: string;
  organizationId: string | null;
  ip: string | null;
}

export interface AuditEntry {
  action: string;
  targetType?: string;
  targetId?: string;
  before?: Prisma.InputJsonValue;
  after?: Prisma.InputJsonValue;
}

/** Writes one audit row; call it with the transaction of the change it records (S12). */
export async function writeAudit(tx: DbOrTx, actor: Actor, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: {
      organizationId: actor.organizationId,
      actorUserId: actor.userId,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      before: entry.before,
      after: entry.after,
      ip: actor.ip,
    },
    select: { id: true },
  });
}

/**
 * Denials are audited too (outside any transaction: nothing else was written). Without an organization for a
 * user's own account (a wrong second-factor code).
 */
export async function recordDenial(
  db: DbOrTx,
  input: { organizationId: string | null; actorUserId: string; action: string; ip: string | null },
): Promise<void> {
  await db.auditLog.create({ data: { ...input, outcome: 'denied' }, select: { id: true } });
}

export async function listAudit(
  db: DbOrTx,
  organizationId: string,
  opts: { limit: number; cursor?: string | undefined; action?: string | undefined },
) {
  // Keyset on (createdAt desc, id desc), served by the (organizationId, createdAt, id) index. The cursor row is
  // read within the organization, so a foreign cursor is simply unknown.
  const cursor = opts.cursor
    ? await db.auditLog.findFirst({ where: { id: opts.cursor, organizationId }, select: { id: true, createdAt: true } })
    : null;
  const rows = await db.auditLog.findMany({
    where: {
      organizationId,
      ...(opts.action ? { action: { startsWith: opts.action } } : {}),
      ...(cursor
        ? { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] }
        : {}),
    },
    select: {
      id: true,
      action: true,
      targetType: true,
      targetId: true,
      before: true,
      after: true,
      outcome: true,
      ip: true,
      createdAt: true,
      actorUserId: true,
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: opts.limit + 1,
  });
  const actorIds = [...new Set(rows.map((r) => r.actorUserId).filter((id): id is string => Boolean(id)))];
  const actors = await db.user.findMany({
    where: { id: { in: actorIds } },
    select: { id: true, name: true, email: true },
  });
  const byId = new Map(actors.map((a) => [a.id, a]));
  const page = rows
    .slice(0, opts.limit)
    .map((r) => ({ ...r, actor: r.actorUserId ? (byId.get(r.actorUserId) ?? null) : null }));
  return { items: page, nextCursor: rows.length > opts.limit ? (page.at(-1)?.id ?? null) : null };
}
