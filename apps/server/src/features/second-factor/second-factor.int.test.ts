import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase } from '../../../test/test-database.ts';
import {
  callerFor,
  callerWith,
  cookieJar,
  createTenant,
  TEST_PASSWORD,
  TEST_SECRET_KEY,
  type Caller,
  type TenantFixture,
} from '../../../test/harness.ts';
import { outcome } from '../../../test/procedure-samples.ts';
import { THROTTLE } from '../auth/throttle.ts';
import { codeFor, perchCode } from './second-factor.testing.ts';
import { openTotpSecret } from './totp-secrets.ts';

describe('second factor (S15)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let t: TenantFixture;
  beforeAll(async () => {
    db = await createTestDatabase();
    t = await createTenant(db.prisma, 'Totp Air');
  });
  afterAll(() => db.dispose());
  // Every caller here comes from the same IP: each test starts with a clean per-IP streak (some tests move the
  // clock forward, and a failure stamped in the future would make the next tests wait).
  afterEach(async () => {
    vi.useRealTimers();
    await db.prisma.signInAttempt.deleteMany({});
  });

  /** Enrols through the procedures, as the profile page does; returns the secret and the recovery codes. */
  async function enrol(caller: Caller) {
    const begun = await caller.totp.begin();
    const { recoveryCodes } = await caller.totp.confirm({ code: codeFor(begun.secret) });
    return { secret: begun.secret, recoveryCodes, begun };
  }

  async function passwordStep(email: string, password = TEST_PASSWORD) {
    const jar = cookieJar();
    const caller = await callerWith(db.prisma, null, jar);
    const result = await caller.auth.signIn({ email, password });
    return { result, jar, caller };
  }

  async function secondStep(challenge: string, proof: { code: string } | { recoveryCode: string }) {
    const jar = cookieJar();
    const caller = await callerWith(db.prisma, null, jar);
    const result = await perchCode(caller.auth.verifySecondFactor({ challenge, ...proof }));
    return { result, token: jar.token };
  }

  async function challengeFor(email: string): Promise<string> {
    const { result, jar } = await passwordStep(email);
    expect(jar.token).toBeNull();
    if (result.ok) throw new Error('expected a second step');
    return result.secondFactor.challenge;
  }

  it('enrols: begin gives the URI, the key and a QR code; confirm turns it on and shows 10 recovery codes once', async () => {
    const tenant = await createTenant(db.prisma, 'Enrol Co');
    const userId = tenant.users.agent.userId;
    const caller = await callerFor(db.prisma, userId);
    expect(await caller.totp.status()).toEqual({ enabled: false, enabledAt: null, recoveryCodesLeft: 0 });

    const begun = await caller.totp.begin();
    expect(begun.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(begun.uri).toContain(`secret=${begun.secret}`);
    expect(begun.uri).toMatch(/^otpauth:\/\/totp\/Perch:agent%40enrol-co\.test\?/);
    expect(begun.qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(begun.qrCode.split(',')[1]!, 'base64').toString()).toContain('<svg');
    // Pending, sealed at rest: neither the database row nor the status shows it on yet.
    const pending = await db.prisma.user.findUniqueOrThrow({ where: { id: userId } });
    expect(pending.totpEnabledAt).toBeNull();
    expect(pending.totpPendingSecret).not.toContain(begun.secret);
    expect(openTotpSecret(TEST_SECRET_KEY, userId, pending.totpPendingSecret!)).toBe(begun.secret);

    // A wrong code does not confirm, and is audited as a denial.
    const wrong = codeFor(begun.secret) === '000000' ? '111111' : '000000';
    expect(await perchCode(caller.totp.confirm({ code: wrong }))).toBe('INVALID_CODE');
    expect(
      await db.prisma.auditLog.count({ where: { actorUserId: userId, action: 'totp.confirm', outcome: 'denied' } }),
    ).toBe(1);

    const { recoveryCodes } = await caller.totp.confirm({ code: codeFor(begun.secret) });
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    const status = await caller.totp.status();
    expect(status).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });

    const row = await db.prisma.user.findUniqueOrThrow({ where: { id: userId } });
    expect(row.totpPendingSecret).toBeNull();
    expect(openTotpSecret(TEST_SECRET_KEY, userId, row.totpSecret!)).toBe(begun.secret);
    // Only HMACs of the recovery codes are stored.
    const stored = await db.prisma.recoveryCode.findMany({ where: { userId } });
    expect(stored).toHaveLength(10);
    for (const s of stored) {
      expect(s.codeHash).toMatch(/^[0-9a-f]{64}$/);
      expect(recoveryCodes.map((c) => c.replaceAll('-', ''))).not.toContain(s.codeHash);
    }
    // One audit row per mutation, on the user's own account (no organization).
    const actions = await db.prisma.auditLog.findMany({
      where: { actorUserId: userId, outcome: 'ok' },
      select: { action: true, organizationId: true },
      orderBy: { createdAt: 'asc' },
    });
    expect(actions).toEqual([
      { action: 'totp.begin', organizationId: null },
      { action: 'totp.confirm', organizationId: null },
    ]);
    // Already on: a new enrolment is refused, and so is a second confirmation.
    expect(await perchCode(caller.totp.begin())).toBe('CONFLICT');
    expect(await perchCode(caller.totp.confirm({ code: codeFor(begun.secret) }))).toBe('CONFLICT');
  });

  it('confirming without a setup in progress, or with a recovery-code shape, is refused', async () => {
    const caller = await callerFor(db.prisma, t.users.manager.userId);
    expect(await perchCode(caller.totp.confirm({ code: '123456' }))).toBe('VALIDATION');
    expect(await outcome(caller.totp.confirm({ code: 'abcd-efgh-jkmn' }))).toBe('BAD_REQUEST');
    expect(await outcome(caller.totp.confirm({ code: '12345' }))).toBe('BAD_REQUEST');
    expect(await outcome(caller.totp.regenerateRecoveryCodes({}))).toBe('BAD_REQUEST');
  });

  it('sign-in needs the code: the password alone makes no session; the code then does', async () => {
    const tenant = await createTenant(db.prisma, 'Sign In Air');
    const user = tenant.users.admin;
    const { secret } = await enrol(await callerFor(db.prisma, user.userId));

    const { result, jar } = await passwordStep(user.email);
    expect(result.ok).toBe(false);
    expect(result.ok ? null : typeof result.secondFactor.challenge).toBe('string');
    expect(jar.token).toBeNull();
    // A wrong password still answers INVALID_CREDENTIALS, never a challenge.
    expect(
      await outcome((await callerWith(db.prisma, null)).auth.signIn({ email: user.email, password: 'nope' })),
    ).toBe('UNAUTHORIZED');
    if (result.ok) return;

    // A code from the next step is fine (clock drift); it makes a session like a password-only sign-in.
    const done = await secondStep(result.secondFactor.challenge, { code: codeFor(secret, 1) });
    expect(done.result).toBe('OK');
    expect(done.token).toMatch(/^[\w-]{43}$/);
    const me = await (await callerWith(db.prisma, done.token)).auth.me();
    expect(me?.user.email).toBe(user.email);
    const audit = await db.prisma.auditLog.findFirst({
      where: { actorUserId: user.userId, action: 'auth.verifySecondFactor', outcome: 'ok' },
    });
    expect(audit).toMatchObject({ targetType: 'session', after: { secondFactor: 'totp' } });

    // A code two steps away is outside the window.
    const far = await secondStep(result.secondFactor.challenge, { code: codeFor(secret, -3) });
    expect(far.result).toBe('INVALID_CODE');
  });

  it('refuses a replayed code, even with a fresh challenge (the last used step is remembered)', async () => {
    const tenant = await createTenant(db.prisma, 'Replay Air');
    const user = tenant.users.owner;
    // A fixed clock: every code below belongs to a known step.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now());
    const caller = await callerFor(db.prisma, user.userId);
    const begun = await caller.totp.begin();
    const confirmCode = codeFor(begun.secret);
    await caller.totp.confirm({ code: confirmCode });
    // The confirmation's code cannot sign in: its step is used.
    expect((await secondStep(await challengeFor(user.email), { code: confirmCode })).result).toBe('INVALID_CODE');
    // Nor can the previous step's code (older than the one used).
    expect((await secondStep(await challengeFor(user.email), { code: codeFor(begun.secret, -1) })).result).toBe(
      'INVALID_CODE',
    );
    // The next step's code works once, and only once.
    const next = codeFor(begun.secret, 1);
    expect((await secondStep(await challengeFor(user.email), { code: next })).result).toBe('OK');
    const replay = await secondStep(await challengeFor(user.email), { code: next });
    expect(replay).toEqual({ result: 'INVALID_CODE', token: null });
    // Two requests with the same fresh code at once: exactly one session.
    vi.setSystemTime(Date.now() + 60_000);
    const code = codeFor(begun.secret);
    const [c1, c2] = [await challengeFor(user.email), await challengeFor(user.email)];
    const both = await Promise.all([secondStep(c1, { code }), secondStep(c2, { code })]);
    expect(both.map((r) => r.result).sort()).toEqual(['INVALID_CODE', 'OK']);
    expect(
      await db.prisma.auditLog.count({
        where: { actorUserId: user.userId, action: 'auth.verifySecondFactor', outcome: 'denied' },
      }),
    ).toBe(4);
  });

  it('a recovery code works once, in any case and with or without dashes', async () => {
    const tenant = await createTenant(db.prisma, 'Recovery Air');
    const user = tenant.users.manager;
    const { recoveryCodes } = await enrol(await callerFor(db.prisma, user.userId));
    const code = recoveryCodes[3]!;
    const first = await secondStep(await challengeFor(user.email), { recoveryCode: code.toUpperCase() });
    expect(first.result).toBe('OK');
    const again = await secondStep(await challengeFor(user.email), { recoveryCode: code.replaceAll('-', '') });
    expect(again.result).toBe('INVALID_CODE');
    expect(await (await callerWith(db.prisma, first.token)).totp.status()).toMatchObject({ recoveryCodesLeft: 9 });
    // Another user's recovery code is nobody else's.
    const other = await enrol(await callerFor(db.prisma, tenant.users.agent.userId));
    const cross = await secondStep(await challengeFor(user.email), { recoveryCode: other.recoveryCodes[0]! });
    expect(cross.result).toBe('INVALID_CODE');
  });

  it('the challenge expires after 5 minutes, is void after a password change, and cannot be forged', async () => {
    const tenant = await createTenant(db.prisma, 'Expiry Air');
    const user = tenant.users.owner;
    const caller = await callerFor(db.prisma, user.userId);
    const { secret } = await enrol(caller);
    const start = Date.now();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(start);
    const challenge = await challengeFor(user.email);
    vi.setSystemTime(start + 5 * 60_000 + 1);
    expect((await secondStep(challenge, { code: codeFor(secret) })).result).toBe('SIGN_IN_EXPIRED');
    vi.useRealTimers();

    const fresh = await challengeFor(user.email);
    await caller.auth.changePassword({ currentPassword: TEST_PASSWORD, newPassword: 'another fine passphrase' });
    expect((await secondStep(fresh, { code: codeFor(secret, 1) })).result).toBe('SIGN_IN_EXPIRED');

    const forged = Buffer.from(
      JSON.stringify({ userId: user.userId, expiresAt: Date.now() + 60_000, passwordChangedAt: 0 }),
    ).toString('base64url');
    expect((await secondStep(`${forged}.${'A'.repeat(43)}`, { code: codeFor(secret, 1) })).result).toBe(
      'SIGN_IN_EXPIRED',
    );
  });

  describe('wrong codes are throttled like passwords (S8), on a controlled clock', () => {
    it('100 wrong codes in a minute → 0 sessions and only a handful checked; the right code waits; the real user gets in after', async () => {
      const tenant = await createTenant(db.prisma, 'Throttle Totp');
      const user = tenant.users.billing_admin;
      const { secret } = await enrol(await callerFor(db.prisma, user.userId));
      const start = Date.now();
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(start);
      const challenge = await challengeFor(user.email);
      const results: string[] = [];
      for (let i = 0; i < 100; i++) {
        vi.setSystemTime(start + i * 600);
        const wrong = String((Number(codeFor(secret)) + 500_000 + i) % 1_000_000).padStart(6, '0');
        results.push((await secondStep(challenge, { code: wrong })).result);
      }
      expect(results.filter((r) => r === 'OK')).toHaveLength(0);
      const checked = results.filter((r) => r === 'INVALID_CODE').length;
      expect(checked).toBeLessThanOrEqual(THROTTLE.account.free + 6);
      expect(results.filter((r) => r === 'TOO_MANY_ATTEMPTS')).toHaveLength(100 - checked);
      // Each checked wrong code is an audited denial.
      expect(
        await db.prisma.auditLog.count({
          where: { actorUserId: user.userId, action: 'auth.verifySecondFactor', outcome: 'denied' },
        }),
      ).toBe(checked);
      // The right code right after the burst is refused without being checked (and not burnt).
      vi.setSystemTime(start + 60_000);
      expect((await secondStep(challenge, { code: codeFor(secret) })).result).toBe('TOO_MANY_ATTEMPTS');
      // A correct password does not lift the wait on codes.
      vi.setSystemTime(start + 60_000 + THROTTLE.account.maxDelayMs);
      const later = await challengeFor(user.email);
      expect((await secondStep(later, { code: codeFor(secret) })).result).toBe('OK');
    });

    it('the same throttle guards disabling and regenerating', async () => {
      const tenant = await createTenant(db.prisma, 'Throttle Disable');
      const caller = await callerFor(db.prisma, tenant.users.agent.userId);
      const { secret } = await enrol(caller);
      const start = Date.now();
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(start);
      for (let i = 0; i < THROTTLE.account.free; i++) {
        const wrong = String((Number(codeFor(secret)) + 500_000 + i) % 1_000_000).padStart(6, '0');
        expect(await perchCode(caller.totp.regenerateRecoveryCodes({ code: wrong }))).toBe('INVALID_CODE');
      }
      expect(await perchCode(caller.totp.disable({ password: TEST_PASSWORD, code: codeFor(secret) }))).toBe(
        'TOO_MANY_ATTEMPTS',
      );
      vi.setSystemTime(start + 1000);
      expect(await perchCode(caller.totp.regenerateRecoveryCodes({ code: codeFor(secret, 1) }))).toBe('OK');
    });
  });

  it('regenerating needs a code; the old recovery codes stop working', async () => {
    const tenant = await createTenant(db.prisma, 'Regenerate Air');
    const user = tenant.users.agent;
    const caller = await callerFor(db.prisma, user.userId);
    const { secret, recoveryCodes: old } = await enrol(caller);
    const { recoveryCodes } = await caller.totp.regenerateRecoveryCodes({ code: codeFor(secret, 1) });
    expect(recoveryCodes).toHaveLength(10);
    expect(recoveryCodes.filter((c) => old.includes(c))).toHaveLength(0);
    expect((await secondStep(await challengeFor(user.email), { recoveryCode: old[0]! })).result).toBe('INVALID_CODE');
    expect((await secondStep(await challengeFor(user.email), { recoveryCode: recoveryCodes[0]! })).result).toBe('OK');
    // With a recovery code as proof, too (it is spent).
    const again = await caller.totp.regenerateRecoveryCodes({ recoveryCode: recoveryCodes[1]! });
    expect(again.recoveryCodes).toHaveLength(10);
    const audit = await db.prisma.auditLog.findMany({
      where: { actorUserId: user.userId, action: 'totp.regenerateRecoveryCodes', outcome: 'ok' },
    });
    expect(audit.map((a) => a.after)).toEqual([
      { recoveryCodes: 10, provedWith: 'totp' },
      { recoveryCodes: 10, provedWith: 'recovery_code' },
    ]);
  });

  it('disabling needs the password and a code; then the password alone signs in again', async () => {
    const tenant = await createTenant(db.prisma, 'Disable Air');
    const user = tenant.users.manager;
    const caller = await callerFor(db.prisma, user.userId);
    const { secret, recoveryCodes } = await enrol(caller);
    expect(await perchCode(caller.totp.disable({ password: 'not my password', code: codeFor(secret, 1) }))).toBe(
      'INVALID_CREDENTIALS',
    );
    expect(await perchCode(caller.totp.disable({ password: TEST_PASSWORD, recoveryCode: 'aaaa-bbbb-cccc' }))).toBe(
      'INVALID_CODE',
    );
    expect(await outcome(caller.totp.disable({ password: TEST_PASSWORD }))).toBe('BAD_REQUEST');
    expect(await caller.totp.disable({ password: TEST_PASSWORD, recoveryCode: recoveryCodes[0]! })).toEqual({
      ok: true,
    });
    expect(await caller.totp.status()).toEqual({ enabled: false, enabledAt: null, recoveryCodesLeft: 0 });
    const row = await db.prisma.user.findUniqueOrThrow({ where: { id: user.userId } });
    expect(row).toMatchObject({
      totpSecret: null,
      totpPendingSecret: null,
      totpEnabledAt: null,
      totpLastUsedStep: null,
    });
    expect(await db.prisma.recoveryCode.count({ where: { userId: user.userId } })).toBe(0);
    const { result, jar } = await passwordStep(user.email);
    expect(result).toEqual({ ok: true });
    expect(jar.token).not.toBeNull();
    expect(await perchCode(caller.totp.disable({ password: TEST_PASSWORD, code: '123456' }))).toBe('CONFLICT');
  });

  it('requires a session for every account procedure', async () => {
    const anonymous = await callerWith(db.prisma, null);
    expect(await outcome(anonymous.totp.status())).toBe('UNAUTHORIZED');
    expect(await outcome(anonymous.totp.begin())).toBe('UNAUTHORIZED');
    expect(await outcome(anonymous.totp.confirm({ code: '123456' }))).toBe('UNAUTHORIZED');
  });
});
