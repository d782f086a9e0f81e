import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/test-database.ts';
import {
  callerFor,
  callerWith,
  cookieJar,
  createTenant,
  TEST_PASSWORD,
  type TenantFixture,
} from '../../../test/harness.ts';
import { outcome } from '../../../test/procedure-samples.ts';
import { THROTTLE } from './throttle.ts';

describe('sign-in, sessions and passwords', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let t: TenantFixture;
  beforeAll(async () => {
    db = await createTestDatabase();
    t = await createTenant(db.prisma, 'Auth Air');
  });
  afterAll(() => db.dispose());

  async function signIn(email: string, password: string) {
    const jar = cookieJar();
    const caller = await callerWith(db.prisma, null, jar);
    const result = await outcome(caller.auth.signIn({ email, password }));
    return { result, token: jar.token };
  }

  it('signs in with the right password, case-insensitive email, and issues a new session each time', async () => {
    const first = await signIn(t.users.agent.email.toUpperCase(), TEST_PASSWORD);
    const second = await signIn(t.users.agent.email, TEST_PASSWORD);
    expect(first.result).toBe('OK');
    expect(first.token).toMatch(/^[\w-]{43}$/);
    expect(second.token).not.toBe(first.token);
    const me = await (await callerWith(db.prisma, first.token)).auth.me();
    expect(me?.user.email).toBe(t.users.agent.email);
    expect(me?.memberships).toEqual([expect.objectContaining({ organizationId: t.organizationId, role: 'agent' })]);
    // Only the token's hash is stored.
    expect(await db.prisma.session.count({ where: { tokenHash: first.token! } })).toBe(0);
  });

  it('refuses a wrong password and an unknown account with the same error', async () => {
    expect((await signIn(t.users.manager.email, 'wrong password!')).result).toBe('UNAUTHORIZED');
    expect((await signIn('nobody@nowhere.test', 'wrong password!')).result).toBe('UNAUTHORIZED');
  });

  it('signs out: the session stops working at once', async () => {
    const { token } = await signIn(t.users.manager.email, TEST_PASSWORD);
    const jar = cookieJar();
    const caller = await callerWith(db.prisma, token, jar);
    await caller.auth.signOut();
    expect(await (await callerWith(db.prisma, token)).auth.me()).toBeNull();
  });

  it('lists my sessions and revokes one; the revoked one is refused', async () => {
    const a = await signIn(t.users.admin.email, TEST_PASSWORD);
    const b = await signIn(t.users.admin.email, TEST_PASSWORD);
    const callerA = await callerWith(db.prisma, a.token);
    const sessions = await callerA.sessions.list();
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    const other = sessions.find((s) => !s.current)!;
    await callerA.sessions.revoke({ sessionId: other.id });
    expect(await (await callerWith(db.prisma, b.token)).auth.me()).toBeNull();
    expect(await (await callerWith(db.prisma, a.token)).auth.me()).not.toBeNull();
  });

  it('changing the password revokes every other session and keeps this one', async () => {
    const tenant = await createTenant(db.prisma, 'Password Co');
    const a = await signIn(tenant.users.owner.email, TEST_PASSWORD);
    const b = await signIn(tenant.users.owner.email, TEST_PASSWORD);
    const caller = await callerWith(db.prisma, a.token);
    const res = await caller.auth.changePassword({
      currentPassword: TEST_PASSWORD,
      newPassword: 'a much better passphrase 42',
    });
    expect(res.revokedSessions).toBeGreaterThanOrEqual(1);
    expect(await (await callerWith(db.prisma, b.token)).auth.me()).toBeNull();
    expect(await (await callerWith(db.prisma, a.token)).auth.me()).not.toBeNull();
    expect((await signIn(tenant.users.owner.email, 'a much better passphrase 42')).result).toBe('OK');
  });

  it('refuses common, short and over-long new passwords, and a wrong current password', async () => {
    const caller = await callerFor(db.prisma, t.users.billing_admin.userId);
    const attempt = (newPassword: string, currentPassword = TEST_PASSWORD) =>
      outcome(caller.auth.changePassword({ currentPassword, newPassword }));
    expect(await attempt('password123')).toBe('BAD_REQUEST'); // common
    expect(await attempt('qwertyuiop')).toBe('BAD_REQUEST'); // common
    expect(await attempt('short7!')).toBe('BAD_REQUEST');
    expect(await attempt('x'.repeat(129))).toBe('BAD_REQUEST');
    expect(await attempt('a fine new passphrase', 'not my password')).toBe('UNAUTHORIZED');
    // 64 characters and Unicode are fine: no truncation, no composition rules.
    expect(await attempt('ünïcödé '.repeat(8))).toBe('OK');
  });

  it('S8: 100 wrong passwords in a minute → 0 successes; the real user gets back in after the wait', async () => {
    const tenant = await createTenant(db.prisma, 'Throttle Air');
    const email = tenant.users.agent.email;
    const results: string[] = [];
    for (let i = 0; i < 100; i++) {
      // Every 10th attempt is the right password: still refused while throttled.
      results.push((await signIn(email, i % 10 === 9 ? TEST_PASSWORD : `guess-${i}-wrong`)).result);
    }
    expect(results.filter((r) => r === 'OK')).toHaveLength(0);
    expect(results.filter((r) => r === 'TOO_MANY_REQUESTS').length).toBeGreaterThan(80);
    // Time passes (the window ends): move the recorded attempts into the past instead of sleeping.
    await db.prisma.signInAttempt.updateMany({
      where: { key: `email:${email}` },
      data: { createdAt: new Date(Date.now() - THROTTLE.windowMs - 1000) },
    });
    await db.prisma.signInAttempt.updateMany({
      where: { key: { startsWith: 'ip:' } },
      data: { createdAt: new Date(Date.now() - THROTTLE.windowMs - 1000) },
    });
    expect((await signIn(email, TEST_PASSWORD)).result).toBe('OK');
  });

  it('bounds inputs: oversize email, unknown fields and wrong types are refused', async () => {
    const caller = await callerWith(db.prisma, null);
    expect(await outcome(caller.auth.signIn({ email: `${'a'.repeat(300)}@x.test`, password: 'x' }))).toBe(
      'BAD_REQUEST',
    );
    expect(await outcome(caller.auth.signIn({ email: 'a@x.test', password: 'x', admin: true } as never))).toBe(
      'BAD_REQUEST',
    );
    expect(await outcome(caller.auth.signIn({ email: 42, password: 'x' } as never))).toBe('BAD_REQUEST');
  });
});
