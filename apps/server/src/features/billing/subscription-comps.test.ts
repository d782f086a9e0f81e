import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../lib/errors.ts';
import type { PlanId } from '@perch/shared';
import { entitlementsFromSubscription } from './entitlements.ts';
import {
  catchUp,
  compCovered,
  compInForce,
  entitledPlan,
  nextDueEvent,
  transition,
  type SubscriptionEvent,
} from './subscription-machine.ts';
import { apply, at, catalog, free, refused } from './subscription-machine.testing.ts';

/** The operator's comps in the pure machine (docs/billing.md, "Operator"). */
const endsAt = new Date('2026-12-31T23:00:00Z');
const comp = (planId: PlanId, until = endsAt): SubscriptionEvent => ({ type: 'grant_comp', planId, endsAt: until, at });
const ms = (date: Date, delta: number) => new Date(date.getTime() + delta);

describe('comps: a plan granted by the operator until a date', () => {
  it('gives the comp plan until endsAt, the brand’s own plan from that very instant', () => {
    const comped = apply(free, comp('enterprise'));
    expect(comped).toMatchObject({ planId: 'free', compPlanId: 'enterprise', compEndsAt: endsAt });
    expect(entitledPlan(comped, at)).toBe('enterprise');
    expect(entitledPlan(comped, ms(endsAt, -1))).toBe('enterprise');
    // The boundary instant belongs to the brand's own plan again.
    expect(entitledPlan(comped, endsAt)).toBe('free');
    expect(entitledPlan(comped, ms(endsAt, 1))).toBe('free');
    expect(compInForce(comped, endsAt)).toBe(false);
  });

  it('entitlements follow the comp: its features and quota, at least its seats, until the instant it ends', () => {
    const pro = apply(free, { type: 'change_plan', planId: 'pro', seats: 30, at }, comp('enterprise'));
    const during = entitlementsFromSubscription(catalog, 'b', pro, ms(endsAt, -1));
    expect(during).toMatchObject({ planId: 'enterprise', features: ['api_access'], seats: 30 });
    const after = entitlementsFromSubscription(catalog, 'b', pro, endsAt);
    expect(after).toMatchObject({ planId: 'pro', features: ['sla_policies'], seats: 30 });
    const small = apply(free, comp('enterprise'));
    expect(entitlementsFromSubscription(catalog, 'b', small, at).seats).toBe(20);
    expect(entitlementsFromSubscription(catalog, 'b', small, endsAt).seats).toBe(3);
  });

  it('a comp outlives the brand’s own plan ending (cancelled or unpaid)', () => {
    const pro = apply(free, { type: 'change_plan', planId: 'pro', seats: 5, at }, comp('enterprise'));
    const late = apply(pro, { type: 'payment_failed', at }, { type: 'grace_end', at: ms(at, 8 * 86_400_000) });
    expect(late).toMatchObject({ planId: 'free', state: 'canceled', compPlanId: 'enterprise' });
    expect(entitledPlan(late, ms(at, 9 * 86_400_000))).toBe('enterprise');
  });

  it('refuses Free, a past or too distant end, and a plan below the brand’s own', () => {
    expect(refused(free, comp('free'))).toMatch(/comp a paid plan/);
    expect(refused(free, comp('pro', at))).toMatch(/in the future/);
    expect(refused(free, comp('pro', ms(at, 732 * 86_400_000)))).toMatch(/at most 731 days/);
    expect(apply(free, comp('pro', ms(at, 731 * 86_400_000))).compPlanId).toBe('pro');
    const enterprise = apply(free, { type: 'change_plan', planId: 'enterprise', seats: 20, at });
    expect(refused(enterprise, comp('pro'))).toMatch(/on enterprise: comp that plan or a higher one/);
    // The same plan as its own: the brand is simply not charged for a while.
    expect(apply(enterprise, comp('enterprise')).compPlanId).toBe('enterprise');
  });

  it('billing admins cannot change the plan or start a trial during a comp; cancelling stays possible', () => {
    const pro = apply(free, { type: 'change_plan', planId: 'pro', seats: 5, at }, comp('enterprise'));
    expect(refused(pro, { type: 'change_plan', planId: 'enterprise', seats: 20, at })).toMatch(
      /complimentary plan until 2026-12-31/,
    );
    expect(refused(apply(free, comp('pro')), { type: 'start_trial', planId: 'pro', at })).toMatch(/complimentary/);
    expect(apply(pro, { type: 'cancel', at })).toMatchObject({ cancelAtPeriodEnd: true, compPlanId: 'enterprise' });
    // Once the comp has ended, changes are accepted again.
    expect(apply(pro, { type: 'change_plan', planId: 'enterprise', seats: 20, at: endsAt })).toMatchObject({
      planId: 'enterprise',
    });
  });

  it('the operator may end a comp early: it ends at that instant and is remembered as covered until then', () => {
    const comped = apply(free, comp('enterprise'));
    const ended = apply(comped, { type: 'end_comp', at: ms(at, 1000) });
    expect(ended).toMatchObject({ compPlanId: null, compEndsAt: ms(at, 1000) });
    expect(entitledPlan(ended, ms(at, 1000))).toBe('free');
    expect(compCovered(ended, at)).toBe(true);
    expect(compCovered(ended, ms(at, 1000))).toBe(false);
    expect(refused(ended, { type: 'end_comp', at: ms(at, 2000) })).toMatch(/no complimentary plan/);
    expect(refused(free, { type: 'end_comp', at })).toMatch(/no complimentary plan/);
  });

  it('the clock closes an ended comp at its end (comp_end), in order with the other timed events', () => {
    const comped = apply(free, comp('pro', new Date('2026-12-15T00:00:00Z')));
    expect(nextDueEvent(comped, new Date('2026-12-14T23:59:59Z'))).toMatchObject({ type: 'period_end' });
    const { sub, applied } = catchUp(catalog, comped, new Date('2026-12-20T00:00:00Z'));
    expect(applied.map((e) => e.type)).toEqual(['period_end', 'comp_end']);
    expect(sub).toMatchObject({ compPlanId: null, compEndsAt: new Date('2026-12-15T00:00:00Z') });
    // December started under the comp: the invoice of December knows it.
    expect(compCovered(sub, sub.currentPeriodStart)).toBe(true);
    expect(refused(comped, { type: 'comp_end', at })).toMatch(/not ended yet/);
    expect(catchUp(catalog, sub, new Date('2026-12-20T00:00:00Z')).applied).toEqual([]);
  });

  it('any sequence of events with comps: the comp plan exactly while in force, else the own plan (fast-check)', () => {
    const planId = fc.constantFrom<PlanId>('free', 'pro', 'enterprise');
    const event = fc.oneof(
      fc.tuple(planId, fc.integer({ min: -5, max: 800 })).map(([p, days]) => ({
        type: 'grant_comp' as const,
        planId: p,
        days,
      })),
      fc.tuple(planId, fc.integer({ min: 1, max: 30 })).map(([p, seats]) => ({
        type: 'change_plan' as const,
        planId: p,
        seats,
      })),
      fc.constantFrom(
        { type: 'end_comp' as const },
        { type: 'cancel' as const },
        { type: 'payment_failed' as const },
        { type: 'tick' as const },
      ),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(event, fc.integer({ min: 0, max: 40 })), { maxLength: 30 }), (steps) => {
        let sub = free;
        let now = at;
        for (const [e, days] of steps) {
          now = ms(now, days * 86_400_000);
          sub = catchUp(catalog, sub, now).sub;
          // After the clock, no comp that has ended is still marked in force.
          if (sub.compPlanId) expect(sub.compEndsAt!.getTime()).toBeGreaterThan(now.getTime());
          if (e.type === 'tick') continue;
          const step: SubscriptionEvent =
            e.type === 'grant_comp'
              ? { type: 'grant_comp', planId: e.planId, endsAt: ms(now, e.days * 86_400_000), at: now }
              : { ...e, at: now };
          try {
            sub = transition(catalog, sub, step);
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
          }
          const expected = sub.compPlanId && now < sub.compEndsAt! ? sub.compPlanId : null;
          if (expected) expect(entitledPlan(sub, now)).toBe(expected);
          else expect(entitledPlan(sub, now)).toBe(sub.state === 'canceled' ? 'free' : sub.planId);
          // A comp is never cheaper than the plan the brand had when it was granted, nor Free.
          if (sub.compPlanId) expect(sub.compPlanId).not.toBe('free');
        }
      }),
      { numRuns: 300 },
    );
  });
});
