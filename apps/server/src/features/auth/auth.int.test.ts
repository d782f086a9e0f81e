import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
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

  describe('S8 throttling, on a controlled clock (the same result however fast the machine is)', () => {
    afterEach(() => vi.useRealTimers());

    it('100 wrong passwords in a minute → 0 successes and only a handful of password checks; the right one is then refused; the real user gets back in after the wait', async () => {
      const tenant = await createTenant(db.prisma, 'Throttle Air');
      const email = tenant.users.agent.email;
      const start = Date.now();
      vi.useFakeTimers({ toFake: ['Date'] });
      const results: string[] = [];
      for (let i = 0; i < 100; i++) {
        vi.setSystemTime(start + i * 600); // 100 attempts spread over one minute
        results.push((await signIn(email, `guess-${i}-wrong`)).result);
      }
      expect(results.filter((r) => r === 'OK')).toHaveLength(0);
      // Checked (and wrong): 5 free attempts, then one per growing wait (1 s, 2 s, 4 s, 8 s, 16 s, 32 s).
      const checked = results.filter((r) => r === 'UNAUTHORIZED').length;
      expect(checked).toBeLessThanOrEqual(THROTTLE.account.free + 6);
      expect(results.filter((r) => r === 'TOO_MANY_REQUESTS')).toHaveLength(100 - checked);
      // Right after the burst, even the right password is refused: the attacker learns nothing.
      vi.setSystemTime(start + 60_000);
      expect((await signIn(email, TEST_PASSWORD)).result).toBe('TOO_MANY_REQUESTS');
      // The wait always ends: once it has passed, the real user signs in.
      vi.setSystemTime(start + 60_000 + THROTTLE.account.maxDelayMs);
      expect((await signIn(email, TEST_PASSWORD)).result).toBe('OK');
    });

    it('the right password during a wait is refused without being checked', async () => {
      const tenant = await createTenant(db.prisma, 'Throttle Cargo');
      const email = tenant.users.agent.email;
      const start = Date.now();
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(start);
      for (let i = 0; i < THROTTLE.account.free; i++) await signIn(email, `wrong-${i}`);
      expect((await signIn(email, TEST_PASSWORD)).result).toBe('TOO_MANY_REQUESTS');
      vi.setSystemTime(start + 1000);
      expect((await signIn(email, TEST_PASSWORD)).result).toBe('OK');
    });
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
