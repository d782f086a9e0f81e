import type { DbOrTx } from '../../db/database.ts';
import { hashToken, newToken } from './tokens.ts';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  locale: string;
  isPlatformOperator: boolean;
}

const userSelect = { id: true, email: true, name: true, locale: true, isPlatformOperator: true } as const;
const TOUCH_EVERY_MS = 60_000;

export async function findSessionByToken(db: DbOrTx, token: string) {
  if (token.length > 100) return null;
  const row = await db.session.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, expiresAt: true, revokedAt: true, lastSeenAt: true, user: { select: userSelect } },
  });
  const now = Date.now();
  if (!row || row.revokedAt || row.expiresAt.getTime() <= now) return null;
  if (now - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db.session.update({ where: { id: row.id }, data: { lastSeenAt: new Date(now) }, select: { id: true } });
  }
  return { id: row.id, user: row.user };
}

/** A new random session id at every sign-in (no fixation). Returns the cookie token. */
export async function createSession(
  db: DbOrTx,
  input: { userId: string; ip: string | null; userAgent: string | null; ttlMs: number },
) {
  const token = newToken();
  const expiresAt = new Date(Date.now() + input.ttlMs);
  const session = await db.session.create({
    data: { tokenHash: hashToken(token), userId: input.userId, ip: input.ip, userAgent: input.userAgent, expiresAt },
    select: { id: true },
  });
  return { token, expiresAt, sessionId: session.id };
}

export function listActiveSessions(db: DbOrTx, userId: string) {
  return db.session.findMany({
    where: { userId, revokedAt: null, expiresAt: { gt: new Date() } },
    select: { id: true, ip: true, userAgent: true, createdAt: true, lastSeenAt: true },
    orderBy: { lastSeenAt: 'desc' },
    take: 100,
  });
}

/** Revokes one of the user's own sessions; `count` is 0 when the id is not theirs. */
export async function revokeSession(db: DbOrTx, userId: string, sessionId: string) {
  const { count } = await db.session.updateMany({
    where: { id: sessionId, userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return count;
}

export async function revokeOtherSessions(db: DbOrTx, userId: string, keepSessionId: string | null) {
  const { count } = await db.session.updateMany({
    where: { userId, revokedAt: null, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) },
    data: { revokedAt: new Date() },
  });
  return count;
}
