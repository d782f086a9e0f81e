import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAN_IDS, type PlanId } from '@perch/shared';
import { createTestDatabase } from '../../../test/test-database.ts';
import { callerFor, createTenant, startTestServices, type TenantFixture } from '../../../test/harness.ts';
import { call, ORG_SAMPLES, outcome } from '../../../test/procedure-samples.ts';
import type { LiveEvent } from '../../live/event-bus.ts';
import { createBrand, subscribeBrand } from '../../seed/factories.ts';
import { dropEntitlements } from './entitlements.ts';
import { GATES } from './gates.ts';

describe('billing: plans, entitlements and subscriptions', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let services: Awaited<ReturnType<typeof startTestServices>>;
  let n = 0;
  const tenant = () => createTenant(db.prisma, `Billing ${++n}`);

  beforeAll(async () => {
    db = await createTestDatabase();
    services = await startTestServices(db);
  });
  afterAll(async () => {
    await services.stop();
    await db.dispose();
  });

  /** Puts every brand of the tenant on `planId` (Free: no subscription row). */
  async function setPlan(t: TenantFixture, planId: PlanId) {
    await db.prisma.subscription.deleteMany({ where: { organizationId: t.organizationId } });
    if (planId !== 'free') {
      for (const brandId of t.brandIds) await subscribeBrand(db.prisma, t.organizationId, brandId, planId);
    }
    dropEntitlements(t.organizationId);
  }

  /** A Free brand of its own in the tenant, with the billing admin's caller. */
  async function freeBrand(t: TenantFixture, name = 'Skyward Cargo') {
    const brand = await createBrand(db.prisma, t.organizationId, { name, timeZone: 'Europe/Paris' });
    dropEntitlements(t.organizationId);
    return brand.id;
  }

  it('the catalog is seeded: Free, Pro and Enterprise, with what each includes', async () => {
    const t = await tenant();
    const billing = await callerFor(db.prisma, t.users.billing_admin.userId);
    const overview = await billing.billing.overview({ organizationId: t.organizationId });
    expect(overview.plans.map((p) => p.id)).toEqual(['free', 'pro', 'enterprise']);
    const [free, pro, enterprise] = overview.plans;
    expect(free).toMatchObject({ priceCents: 0, includedSeats: 3, monthlyMentions: 1000, retentionDays: 30 });
    expect(free!.features).toEqual([]);
    expect(pro!.features).toContain('auto_assignment');
    expect(pro!.features).not.toContain('advanced_analytics');
    expect(enterprise!.features).toHaveLength(9);
    expect(overview.brands.map((b) => b.planId)).toEqual(['enterprise', 'enterprise']);
    expect(overview.seatsTotal).toBe(40);
    // Owner, admin, manager, agent and the pending agent invitation; the billing admin takes no seat.
    expect(overview.seatsUsed).toBe(5);
  });

  // Every gated procedure × every plan: PAYMENT_REQUIRED exactly when the plan lacks the feature, naming the
  // feature and the cheapest plan that has it.
  for (const [path, gate] of Object.entries(GATES)) {
    it(`${path} needs ${gate.feature}: refused on the plans without it`, async () => {
      const sample = ORG_SAMPLES[path as keyof typeof ORG_SAMPLES];
      for (const planId of PLAN_IDS) {
        // A tenant per plan: the sample's valid input succeeds once (a second keyword rule would be a duplicate).
        const t = await tenant();
        await sample.setup?.({ db: db.prisma, queue: services.queue }, t);
        const owner = await callerFor(db.prisma, t.users.owner.userId);
        const { plans } = await owner.billing.overview({ organizationId: t.organizationId });
        const cheapest = plans.find((p) => p.features.includes(gate.feature))!;
        const includes = plans.find((p) => p.id === planId)!.features.includes(gate.feature);
        await setPlan(t, planId);
        try {
          await call(owner, path, sample.valid(t));
          expect({ planId, result: 'OK' }).toEqual({ planId, result: includes ? 'OK' : 'PAYMENT_REQUIRED' });
        } catch (error) {
          const e = error as { code?: string; cause?: { details?: Record<string, unknown> } };
          expect({ planId, result: e.code }).toEqual({ planId, result: includes ? 'OK' : 'PAYMENT_REQUIRED' });
          expect(e.cause?.details).toMatchObject({ feature: gate.feature, planId: cheapest.id });
        }
      }
    });
  }

  it('upgrade Free → Pro: a preview to the cent, then the change at once, audited, heard live', async () => {
    const t = await tenant();
    const brandId = await freeBrand(t);
    const billing = await callerFor(db.prisma, t.users.billing_admin.userId);
    const agent = await callerFor(db.prisma, t.users.agent.userId);
    const org = { organizationId: t.organizationId };
    const heard: LiveEvent[] = [];
    services.bus.subscribe(t.organizationId, (e) => heard.push(e));

    // The brand was set to round-robin before (e.g. during a trial): the upgrade asks for a routing run at once.
    await db.prisma.brand.update({ where: { id: brandId }, data: { assignmentMode: 'round_robin' } });
    const before = await agent.billing.entitlements(org);
    expect(before.find((e) => e.brandId === brandId)).toMatchObject({ planId: 'free', features: [] });
    const manager = await callerFor(db.prisma, t.users.manager.userId);
    expect(await outcome(manager.routing.setMode({ ...org, brandId, mode: 'round_robin' }))).toBe('PAYMENT_REQUIRED');

    const preview = await billing.billing.previewChange({ ...org, brandId, planId: 'pro', seats: 7 });
    expect(preview).toMatchObject({ fromPlanId: 'free', toPlanId: 'pro', effective: 'now', currency: 'EUR' });
    // Nothing to credit from Free; the charge is Pro with 2 extra seats for the rest of the month.
    expect(Math.abs(Date.parse(preview.effectiveAt) - Date.now())).toBeLessThan(60_000);
    expect(preview.lines).toHaveLength(1);
    expect(preview.lines[0]!.kind).toBe('charge');
    expect(preview.totalCents).toBe(preview.lines[0]!.amountCents);
    expect(preview.totalCents).toBeLessThanOrEqual(9900 + 2 * 2500);
    expect(preview.lostFeatures).toEqual([]);

    const changed = await billing.billing.confirmChange({
      ...org,
      brandId,
      previewToken: preview.previewToken,
      expectedVersion: 0,
      idempotencyKey: 'upgrade-cargo-1',
    });
    expect(changed).toMatchObject({ planId: 'pro', state: 'active', seats: 7, version: 1 });
    const routingJobs = await db.prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'routing.assign' AND data->>'brandId' = ${brandId}`;
    expect(routingJobs[0]!.n).toBe(1);
    // At once, for everyone: the agent's entitlements and the gated procedure.
    const after = await agent.billing.entitlements(org);
    expect(after.find((e) => e.brandId === brandId)!.features).toContain('auto_assignment');
    await manager.routing.setMode({ ...org, brandId, mode: 'round_robin' });
    expect(heard).toContainEqual(expect.objectContaining({ type: 'plan.changed', brandId }));

    const audit = await db.prisma.auditLog.findMany({
      where: { organizationId: t.organizationId, action: 'billing.confirmChange' },
      select: { before: true, after: true, actorUserId: true, targetId: true },
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorUserId: t.users.billing_admin.userId,
      targetId: brandId,
      before: { planId: 'free', seats: 3 },
      after: { planId: 'pro', seats: 7, totalCents: preview.totalCents },
    });

    // The same idempotency key again (a retry, a double click): the same answer, nothing changed twice.
    const replay = await billing.billing.confirmChange({
      ...org,
      brandId,
      previewToken: preview.previewToken,
      expectedVersion: 0,
      idempotencyKey: 'upgrade-cargo-1',
    });
    expect(replay).toEqual(changed);
    expect(
      await db.prisma.auditLog.count({ where: { organizationId: t.organizationId, action: 'billing.confirmChange' } }),
    ).toBe(1);
    // The token again with a new key: the subscription moved on since the preview.
    expect(
      await outcome(
        billing.billing.confirmChange({
          ...org,
          brandId,
          previewToken: preview.previewToken,
          expectedVersion: 0,
          idempotencyKey: 'upgrade-cargo-2',
        }),
      ),
    ).toBe('CONFLICT');
  });

  it('two admins confirm at once: one wins, the other gets CONFLICT', async () => {
    const t = await tenant();
    const brandId = await freeBrand(t);
    const owner = await callerFor(db.prisma, t.users.owner.userId);
    const billing = await callerFor(db.prisma, t.users.billing_admin.userId);
    const org = { organizationId: t.organizationId };
    const [a, b] = await Promise.all([
      owner.billing.previewChange({ ...org, brandId, planId: 'pro', seats: 5 }),
      billing.billing.previewChange({ ...org, brandId, planId: 'enterprise', seats: 20 }),
    ]);
    const results = await Promise.all([
      outcome(
        owner.billing.confirmChange({
          ...org,
          brandId,
          previewToken: a.previewToken,
          expectedVersion: 0,
          idempotencyKey: 'race-owner',
        }),
      ),
      outcome(
        billing.billing.confirmChange({
          ...org,
          brandId,
          previewToken: b.previewToken,
          expectedVersion: 0,
          idempotencyKey: 'race-billing',
        }),
      ),
    ]);
    expect(results.sort()).toEqual(['CONFLICT', 'OK']);
    expect(await db.prisma.subscription.count({ where: { brandId } })).toBe(1);
    expect(
      await db.prisma.auditLog.count({ where: { organizationId: t.organizationId, action: 'billing.confirmChange' } }),
    ).toBe(1);
  });

  it('a downgrade waits for the period end, and its preview says what is lost and what history is hidden', async () => {
    const t = await tenant();
    const billing = await callerFor(db.prisma, t.users.billing_admin.userId);
    const org = { organizationId: t.organizationId };
    const brandId = t.brandIds[0]!;
    const preview = await billing.billing.previewChange({ ...org, brandId, planId: 'free', seats: 3 });
    expect(preview).toMatchObject({ effective: 'period_end', totalCents: 0, lines: [], retentionDaysAfter: 30 });
    expect(preview.lostFeatures).toContain('sla_policies');
    expect(preview.lostFeatures).toContain('advanced_analytics');
    expect(Date.parse(preview.hiddenHistoryBefore!)).toBe(Date.parse(preview.effectiveAt) - 30 * 86_400_000);
    const changed = await billing.billing.confirmChange({
      ...org,
      brandId,
      previewToken: preview.previewToken,
      expectedVersion: 1,
      idempotencyKey: 'downgrade-main',
    });
    expect(changed).toMatchObject({ planId: 'enterprise', scheduledPlanId: 'free' });
    // Until then the brand keeps its plan.
    const owner = await callerFor(db.prisma, t.users.owner.userId);
    expect((await owner.billing.entitlements(org)).find((e) => e.brandId === brandId)!.planId).toBe('enterprise');
  });

  it('refuses a tampered, foreign or expired preview, absurd seats and a change on a cancelled plan — changing nothing', async () => {
    const t = await tenant();
    const other = await tenant();
    const billing = await callerFor(db.prisma, t.users.billing_admin.userId);
    const org = { organizationId: t.organizationId };
    const brandId = t.brandIds[1]!;
    const preview = await billing.billing.previewChange({ ...org, brandId, planId: 'pro', seats: 5 });
    const confirm = (previewToken: string, key: string) =>
      outcome(
        billing.billing.confirmChange({ ...org, brandId, previewToken, expectedVersion: 1, idempotencyKey: key }),
      );

    const [body, mac] = preview.previewToken.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, totalCents: -100_000 })).toString('base64url');
    expect(await confirm(`${forged}.${mac}`, 'tampered-1')).toBe('BAD_REQUEST');
    expect(await confirm(`${body}.${mac.slice(0, -2)}xx`, 'tampered-2')).toBe('BAD_REQUEST');

    const otherBilling = await callerFor(db.prisma, other.users.billing_admin.userId);
    const foreign = await otherBilling.billing.previewChange({
      organizationId: other.organizationId,
      brandId: other.brandIds[1]!,
      planId: 'pro',
      seats: 5,
    });
    expect(await confirm(foreign.previewToken, 'foreign-1')).toBe('BAD_REQUEST');
    expect(
      await outcome(billing.billing.previewChange({ ...org, brandId: other.brandIds[1]!, planId: 'pro', seats: 5 })),
    ).toBe('NOT_FOUND');

    expect(await outcome(billing.billing.previewChange({ ...org, brandId, planId: 'pro', seats: -3 }))).toBe(
      'BAD_REQUEST',
    );
    expect(await outcome(billing.billing.previewChange({ ...org, brandId, planId: 'pro', seats: 1e7 }))).toBe(
      'BAD_REQUEST',
    );
    expect(
      await outcome(billing.billing.previewChange({ ...org, brandId, planId: 'platinum' as never, seats: 5 })),
    ).toBe('BAD_REQUEST');

    await billing.billing.cancel({ ...org, brandId, expectedVersion: 1, idempotencyKey: 'cancel-second' });
    expect(await outcome(billing.billing.previewChange({ ...org, brandId, planId: 'pro', seats: 5 }))).toBe(
      'BAD_REQUEST',
    );
    const sub = await db.prisma.subscription.findFirstOrThrow({ where: { brandId } });
    expect(sub).toMatchObject({ planId: 'enterprise', cancelAtPeriodEnd: true, version: 2 });
    await billing.billing.reactivate({ ...org, brandId, expectedVersion: 2, idempotencyKey: 'reactivate-second' });
    expect(await db.prisma.subscription.findFirstOrThrow({ where: { brandId } })).toMatchObject({
      cancelAtPeriodEnd: false,
      version: 3,
    });
  });

  it('a trial of Pro starts once per brand and unlocks its features at once', async () => {
    const t = await tenant();
    const brandId = await freeBrand(t);
    const owner = await callerFor(db.prisma, t.users.owner.userId);
    const org = { organizationId: t.organizationId };
    const trial = await owner.billing.startTrial({
      ...org,
      brandId,
      planId: 'pro',
      expectedVersion: 0,
      idempotencyKey: 'trial-cargo',
    });
    expect(trial).toMatchObject({ planId: 'pro', state: 'trialing', trialAvailable: false });
    expect(Date.parse(trial.trialEndsAt!) - Date.now()).toBeGreaterThan(13.9 * 86_400_000);
    expect((await owner.billing.entitlements(org)).find((e) => e.brandId === brandId)!.features).toContain(
      'sla_policies',
    );
    // A trial changes nothing to pay: its preview has no amounts.
    const preview = await owner.billing.previewChange({ ...org, brandId, planId: 'enterprise', seats: 20 });
    expect(preview).toMatchObject({ effective: 'now', totalCents: 0, lines: [] });
  });

  it('an invitation beyond the seats is refused with a clear message; a billing admin takes no seat', async () => {
    const t = await tenant();
    const owner = await callerFor(db.prisma, t.users.owner.userId);
    const org = { organizationId: t.organizationId };
    await setPlan(t, 'free');
    // Two Free brands bring 6 seats; 5 are taken.
    await owner.members.invite({ ...org, email: 'sixth@example.test', role: 'agent', brandIds: [] });
    const refused = owner.members.invite({ ...org, email: 'seventh@example.test', role: 'agent', brandIds: [] });
    await expect(refused).rejects.toMatchObject({ code: 'PAYMENT_REQUIRED', message: /All 6 seats are taken/ });
    await owner.members.invite({ ...org, email: 'accounts@example.test', role: 'billing_admin', brandIds: [] });
    expect(await db.prisma.invitation.count({ where: { organizationId: t.organizationId, revokedAt: null } })).toBe(3);
  });
});
