import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase } from '../../../test/test-database.ts';
import { callerFor, createTenant, TEST_SECRET_KEY, type Caller } from '../../../test/harness.ts';
import { outcome } from '../../../test/procedure-samples.ts';
import { codeFor, enrolSecondFactorForTest, perchCode } from './second-factor.testing.ts';

describe('second factor (S15): the organization requirement', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.dispose());
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

  describe('the organization requirement', () => {
    it('an owner cannot require it without their own second factor; admins cannot change it at all', async () => {
      const tenant = await createTenant(db.prisma, 'Require Self');
      const owner = await callerFor(db.prisma, tenant.users.owner.userId);
      const input = { organizationId: tenant.organizationId, requireTotp: true };
      expect(await perchCode(owner.organizations.setRequireTotp(input))).toBe('SECOND_FACTOR_REQUIRED');
      expect(await outcome(owner.organizations.setRequireTotp(input))).toBe('FORBIDDEN');
      const admin = await callerFor(db.prisma, tenant.users.admin.userId);
      expect(await perchCode(admin.organizations.setRequireTotp(input))).toBe('FORBIDDEN');
      expect(
        (await db.prisma.organization.findUniqueOrThrow({ where: { id: tenant.organizationId } })).requireTotp,
      ).toBe(false);
    });

    it('blocks owners and billing admins without a second factor from every organization procedure but organizations.get; not agents', async () => {
      const tenant = await createTenant(db.prisma, 'Require Org');
      const org = { organizationId: tenant.organizationId };
      const owner = await callerFor(db.prisma, tenant.users.owner.userId);
      await enrol(owner);
      const set = await owner.organizations.setRequireTotp({ ...org, requireTotp: true });
      expect(set).toEqual({ requireTotp: true });
      const audit = await db.prisma.auditLog.findFirstOrThrow({
        where: { organizationId: tenant.organizationId, action: 'organizations.setRequireTotp' },
      });
      expect(audit).toMatchObject({ before: { requireTotp: false }, after: { requireTotp: true }, outcome: 'ok' });

      // Who is left out: the billing admin (the owner is enrolled; other roles are not concerned).
      const status = await owner.organizations.secondFactor(org);
      expect(status.requireTotp).toBe(true);
      expect(status.membersWithoutSecondFactor).toEqual([
        expect.objectContaining({ membershipId: tenant.users.billing_admin.membershipId, role: 'billing_admin' }),
      ]);

      // The enrolled owner works as before.
      expect(await outcome(owner.members.list(org))).toBe('OK');
      expect((await owner.organizations.get(org)).mustSetUpSecondFactor).toBe(false);

      // The billing admin without one: refused everywhere but organizations.get, which says why.
      const billing = await callerFor(db.prisma, tenant.users.billing_admin.userId);
      expect(await perchCode(billing.members.list(org))).toBe('SECOND_FACTOR_REQUIRED');
      expect(await outcome(billing.brands.list(org))).toBe('FORBIDDEN');
      expect(await perchCode(billing.billing.overview(org))).toBe('SECOND_FACTOR_REQUIRED');
      expect((await billing.organizations.get(org)).mustSetUpSecondFactor).toBe(true);
      const denied = await db.prisma.auditLog.count({
        where: {
          organizationId: tenant.organizationId,
          actorUserId: tenant.users.billing_admin.userId,
          outcome: 'denied',
        },
      });
      expect(denied).toBe(3);
      // Their own account's procedures still work: they can enrol, then they are let in.
      await enrol(billing);
      expect(await outcome(billing.members.list(org))).toBe('OK');
      expect((await billing.organizations.get(org)).mustSetUpSecondFactor).toBe(false);

      // An agent, a manager and an admin are not concerned.
      for (const role of ['agent', 'manager', 'admin'] as const) {
        const caller = await callerFor(db.prisma, tenant.users[role].userId);
        expect({ role, result: await outcome(caller.members.list(org)) }).toEqual({ role, result: 'OK' });
        expect((await caller.organizations.get(org)).mustSetUpSecondFactor).toBe(false);
      }

      // An owner who turns their own second factor off is blocked too (a second owner, made for this).
      const second = tenant.users.admin;
      await db.prisma.membership.update({ where: { id: second.membershipId }, data: { role: 'owner' } });
      const secondOwner = await callerFor(db.prisma, second.userId);
      expect(await perchCode(secondOwner.members.list(org))).toBe('SECOND_FACTOR_REQUIRED');
      // Even turning the requirement off takes the second factor.
      expect(await perchCode(secondOwner.organizations.setRequireTotp({ ...org, requireTotp: false }))).toBe(
        'SECOND_FACTOR_REQUIRED',
      );

      // Off again: the requirement no longer applies.
      await owner.organizations.setRequireTotp({ ...org, requireTotp: false });
      expect(await outcome(secondOwner.members.list(org))).toBe('OK');
    });

    it("cross-tenant: another organization's setting is out of reach", async () => {
      const a = await createTenant(db.prisma, 'Require Alpha');
      const b = await createTenant(db.prisma, 'Require Bravo');
      const owner = await callerFor(db.prisma, a.users.owner.userId);
      await enrol(owner);
      expect(
        await outcome(owner.organizations.setRequireTotp({ organizationId: b.organizationId, requireTotp: true })),
      ).toBe('NOT_FOUND');
      expect(await outcome(owner.organizations.secondFactor({ organizationId: b.organizationId }))).toBe('NOT_FOUND');
      expect((await db.prisma.organization.findUniqueOrThrow({ where: { id: b.organizationId } })).requireTotp).toBe(
        false,
      );
      // B's requirement does not follow A's owner into A.
      await enrolSecondFactorForTest(db.prisma, b.users.owner.userId, TEST_SECRET_KEY);
      await db.prisma.organization.update({ where: { id: b.organizationId }, data: { requireTotp: true } });
      const aBilling = await callerFor(db.prisma, a.users.billing_admin.userId);
      expect(await outcome(aBilling.members.list({ organizationId: a.organizationId }))).toBe('OK');
    });
  });
});
