import type { Db } from '../../db/database.ts';
import { DomainError } from '../../lib/errors.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { issueChallenge } from '../second-factor/sign-in-challenge.ts';
import { assertAcceptablePassword, dummyPasswordHash, hashPassword, verifyPassword } from './password.ts';
import { createSession, revokeOtherSessions } from './session.repository.ts';
import { recordAttempt, retryAfterMs } from './throttle.ts';

export interface SignInInput {
  email: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
  ttlMs: number;
  /** Signs the second-factor challenge (S15). */
  secretKey: Buffer;
}

/**
 * A correct password makes a session, unless the account has a second factor: then it answers a short-lived
 * challenge instead, and `auth.verifySecondFactor` makes the session once a code is given (docs/security.md).
 */
export async function signIn(db: Db, input: SignInInput, now = new Date()) {
  const wait = await retryAfterMs(db, input.email, input.ip);
  if (wait > 0) {
    throw new DomainError('TOO_MANY_ATTEMPTS', 'Too many attempts: wait a moment and try again', {
      retryAfterSeconds: Math.ceil(wait / 1000),
    });
  }
  const user = await db.user.findUnique({
    where: { email: input.email },
    select: { id: true, passwordHash: true, passwordChangedAt: true, totpEnabledAt: true },
  });
  // Same work whether or not the account exists: no user enumeration by timing.
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  await recordAttempt(db, input.email, input.ip, Boolean(user && ok));
  if (!user || !ok) throw new DomainError('INVALID_CREDENTIALS', 'Email or password is incorrect');
  if (user.totpEnabledAt) {
    const challenge = issueChallenge(
      input.secretKey,
      { userId: user.id, passwordChangedAt: user.passwordChangedAt },
      now,
    );
    return { kind: 'second_factor' as const, ...challenge };
  }
  const session = await db.$transaction(async (tx) => {
    const session = await createSession(tx, {
      userId: user.id,
      ip: input.ip,
      userAgent: input.userAgent,
      ttlMs: input.ttlMs,
    });
    await writeAudit(
      tx,
      { userId: user.id, organizationId: null, ip: input.ip },
      {
        action: 'auth.signIn',
        targetType: 'session',
        targetId: session.sessionId,
      },
    );
    return session;
  });
  return { kind: 'session' as const, session };
}

export async function changePassword(
  db: Db,
  input: { userId: string; sessionId: string; currentPassword: string; newPassword: string; ip: string | null },
) {
  const user = await db.user.findUniqueOrThrow({
    where: { id: input.userId },
    select: { passwordHash: true, email: true, name: true },
  });
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new DomainError('INVALID_CREDENTIALS', 'The current password is incorrect');
  }
  assertAcceptablePassword(input.newPassword, user);
  const passwordHash = await hashPassword(input.newPassword);
  return db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: input.userId },
      data: { passwordHash, passwordChangedAt: new Date() },
      select: { id: true },
    });
    // Every other session ends at once; this one stays signed in.
    const revoked = await revokeOtherSessions(tx, input.userId, input.sessionId);
    await writeAudit(
      tx,
      { userId: input.userId, organizationId: null, ip: input.ip },
      {
        action: 'auth.changePassword',
        targetType: 'user',
        targetId: input.userId,
        after: { revokedSessions: revoked },
      },
    );
    return { revokedSessions: revoked };
  });
}
