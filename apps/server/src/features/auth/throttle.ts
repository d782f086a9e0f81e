import type { DbOrTx } from '../../db/database.ts';

/**
 * Progressive sign-in throttling (S8), per account and per client IP, from the recorded attempts of the last
 * window. After `free` failures in a row, every further attempt must wait 2^(n - free) seconds (capped) after
 * the latest failure; attempts inside the wait are refused without checking the password, so a guessing burst
 * gets nowhere. A success clears the account's streak, and the wait always ends: the real user is never locked
 * out for good.
 */
export const THROTTLE = {
  windowMs: 15 * 60_000,
  account: { free: 5, maxDelayMs: 15 * 60_000 },
  ip: { free: 20, maxDelayMs: 15 * 60_000 },
} as const;

export function delayAfterFailures(failures: number, rule: { free: number; maxDelayMs: number }): number {
  if (failures < rule.free) return 0;
  return Math.min(rule.maxDelayMs, 1000 * 2 ** (failures - rule.free));
}

async function streak(db: DbOrTx, key: string, now: Date) {
  const rows = await db.signInAttempt.findMany({
    where: { key, createdAt: { gt: new Date(now.getTime() - THROTTLE.windowMs) } },
    select: { succeeded: true, createdAt: true },
    orderBy: { createdAt: 'desc' },
    take: 200,
  });
  const lastSuccess = rows.findIndex((r) => r.succeeded);
  const failures = lastSuccess === -1 ? rows.length : lastSuccess;
  return { failures, lastFailureAt: failures > 0 ? rows[0]!.createdAt : null };
}

type ThrottleRule = { free: number; maxDelayMs: number };

/** The throttled keys of a password check: the account and the client IP. */
function passwordKeys(email: string, ip: string | null): [string, ThrottleRule][] {
  const keys: [string, ThrottleRule][] = [[`email:${email}`, THROTTLE.account]];
  if (ip) keys.push([`ip:${ip}`, THROTTLE.ip]);
  return keys;
}

/**
 * The throttled keys of a second-factor check (S15): the user's codes, as strictly as an account's passwords (a
 * correct password does not reset them), and the client IP, shared with password checks.
 */
export function secondFactorKeys(userId: string, ip: string | null): [string, ThrottleRule][] {
  const keys: [string, ThrottleRule][] = [[`second-factor:${userId}`, THROTTLE.account]];
  if (ip) keys.push([`ip:${ip}`, THROTTLE.ip]);
  return keys;
}

/** Milliseconds the caller must still wait, 0 when an attempt may be checked now. */
export function retryAfterMs(db: DbOrTx, email: string, ip: string | null, now = new Date()): Promise<number> {
  return retryAfterMsFor(db, passwordKeys(email, ip), now);
}

export async function retryAfterMsFor(db: DbOrTx, keys: [string, ThrottleRule][], now = new Date()) {
  let wait = 0;
  for (const [key, rule] of keys) {
    const { failures, lastFailureAt } = await streak(db, key, now);
    if (!lastFailureAt) continue;
    const until = lastFailureAt.getTime() + delayAfterFailures(failures, rule);
    wait = Math.max(wait, until - now.getTime());
  }
  return Math.max(0, wait);
}

/** Stamped with the application's clock, the same one `retryAfterMs` compares with. */
export function recordAttempt(db: DbOrTx, email: string, ip: string | null, succeeded: boolean, now = new Date()) {
  return recordAttemptFor(db, passwordKeys(email, ip), succeeded, now);
}

export async function recordAttemptFor(
  db: DbOrTx,
  keys: [string, ThrottleRule][],
  succeeded: boolean,
  now = new Date(),
) {
  const rows = keys.map(([key]) => ({ key, succeeded, createdAt: now }));
  await db.signInAttempt.createMany({ data: rows });
  // Attempts older than the window no longer count: drop them, so the table stays small.
  await db.signInAttempt.deleteMany({
    where: { key: { in: rows.map((r) => r.key) }, createdAt: { lt: new Date(now.getTime() - THROTTLE.windowMs) } },
  });
}
