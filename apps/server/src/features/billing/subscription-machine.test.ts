import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../lib/errors.ts';
import type { PlanId } from '@perch/shared';
import { catchUp, entitledPlan, transition } from './subscription-machine.ts';
import { apply, at, catalog, free, refused } from './subscription-machine.testing.ts';

const active = (planId: PlanId, seats?: number) =>
  apply(free, { type: 'change_plan', planId, seats: seats ?? catalog.get(planId)!.includedSeats, at });

describe('subscription state machine', () => {
  it('a brand without a subscription is on Free, active, for the calendar month', () => {
    expect(free).toMatchObject({ planId: 'free', state: 'active', seats: 3 });
    expect(free.currentPeriodStart.toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(free.currentPeriodEnd.toISOString()).toBe('2026-12-01T00:00:00.000Z');
  });

  it('trial: 14 days of a paid plan, once; it becomes active at its end, or Free if cancelled', () => {
    const trial = apply(free, { type: 'start_trial', planId: 'pro', at });
    expect(trial).toMatchObject({ planId: 'pro', state: 'trialing', seats: 5, trialUsed: true });
    expect(trial.trialEndsAt!.toISOString()).toBe('2026-11-24T12:00:00.000Z');
    expect(refused(trial, { type: 'trial_end', at })).toMatch(/not ended/);
    const ended = apply(trial, { type: 'trial_end', at: trial.trialEndsAt! });
    expect(ended).toMatchObject({ planId: 'pro', state: 'active', trialEndsAt: null });
    const cancelled = apply(trial, { type: 'cancel', at }, { type: 'trial_end', at: trial.trialEndsAt! });
    expect(cancelled).toMatchObject({ planId: 'free', state: 'canceled', trialUsed: true });
    expect(entitledPlan(cancelled, at)).toBe('free');
    expect(refused(cancelled, { type: 'start_trial', planId: 'enterprise', at })).toMatch(/already had/);
    expect(refused(active('pro'), { type: 'start_trial', planId: 'enterprise', at })).toMatch(/already on a paid/);
    expect(refused(free, { type: 'start_trial', planId: 'free', at })).toMatch(/paid plans/);
  });

  it('during a trial another paid plan applies at once, and Free ends the trial', () => {
    const trial = apply(free, { type: 'start_trial', planId: 'pro', at });
    expect(apply(trial, { type: 'change_plan', planId: 'enterprise', seats: 20, at })).toMatchObject({
      planId: 'enterprise',
      state: 'trialing',
    });
    expect(apply(trial, { type: 'change_plan', planId: 'free', seats: 3, at })).toMatchObject({
      planId: 'free',
      state: 'active',
      trialEndsAt: null,
    });
  });

  it('upgrades and more seats apply at once; downgrades and fewer seats wait for the end of the period', () => {
    const pro = active('pro', 6);
    expect(pro).toMatchObject({ planId: 'pro', state: 'active', seats: 6 });
    expect(apply(pro, { type: 'change_plan', planId: 'pro', seats: 8, at })).toMatchObject({ seats: 8 });
    const down = apply(pro, { type: 'change_plan', planId: 'pro', seats: 5, at });
    expect(down).toMatchObject({ seats: 6, scheduledPlanId: 'pro', scheduledSeats: 5 });
    const toFree = apply(pro, { type: 'change_plan', planId: 'free', seats: 3, at });
    expect(toFree).toMatchObject({ planId: 'pro', scheduledPlanId: 'free' });
    const next = apply(toFree, { type: 'period_end', at: toFree.currentPeriodEnd });
    expect(next).toMatchObject({ planId: 'free', state: 'active', seats: 3, scheduledPlanId: null });
    expect(next.currentPeriodStart.toISOString()).toBe('2026-12-01T00:00:00.000Z');
    // An upgrade after a scheduled downgrade replaces it.
    const up = apply(toFree, { type: 'change_plan', planId: 'enterprise', seats: 20, at });
    expect(up).toMatchObject({ planId: 'enterprise', scheduledPlanId: null });
  });

  it('refuses bad seats, the same plan, and changes while cancelled or past due', () => {
    const pro = active('pro');
    expect(refused(pro, { type: 'change_plan', planId: 'pro', seats: 5, at })).toMatch(/already/);
    expect(refused(pro, { type: 'change_plan', planId: 'pro', seats: 4, at })).toMatch(/at least/);
    expect(refused(pro, { type: 'change_plan', planId: 'pro', seats: -1, at })).toMatch(/whole number/);
    expect(refused(pro, { type: 'change_plan', planId: 'pro', seats: 2.5, at })).toMatch(/whole number/);
    expect(refused(pro, { type: 'change_plan', planId: 'pro', seats: 1e9, at })).toMatch(/whole number/);
    expect(refused(free, { type: 'change_plan', planId: 'free', seats: 4, at })).toMatch(/upgrade for more/);
    const cancelled = apply(pro, { type: 'cancel', at });
    expect(refused(cancelled, { type: 'change_plan', planId: 'enterprise', seats: 20, at })).toMatch(/reactivate/);
    expect(refused(cancelled, { type: 'cancel', at })).toMatch(/already cancelled/);
    const late = apply(pro, { type: 'payment_failed', at });
    expect(refused(late, { type: 'change_plan', planId: 'enterprise', seats: 20, at })).toMatch(/overdue/);
    expect(refused(free, { type: 'cancel', at })).toMatch(/nothing to cancel/);
    expect(refused(pro, { type: 'reactivate', at })).toMatch(/not cancelled/);
  });

  it('cancel at period end, reactivate before it; at the end the brand is on Free', () => {
    const pro = active('pro');
    const cancelled = apply(pro, { type: 'cancel', at });
    expect(cancelled).toMatchObject({ planId: 'pro', cancelAtPeriodEnd: true });
    expect(entitledPlan(cancelled, at)).toBe('pro');
    expect(apply(cancelled, { type: 'reactivate', at })).toMatchObject({ cancelAtPeriodEnd: false });
    const ended = apply(cancelled, { type: 'period_end', at: cancelled.currentPeriodEnd });
    expect(ended).toMatchObject({ planId: 'free', state: 'canceled', cancelAtPeriodEnd: false });
    // A brand whose plan ended may subscribe again.
    expect(apply(ended, { type: 'change_plan', planId: 'pro', seats: 5, at })).toMatchObject({ state: 'active' });
  });

  it('past due keeps the plan for the grace period, then falls back to Free; a payment settles it', () => {
    const pro = active('pro');
    const late = apply(pro, { type: 'payment_failed', at });
    expect(late).toMatchObject({ state: 'past_due', planId: 'pro' });
    expect(entitledPlan(late, at)).toBe('pro');
    expect(late.graceEndsAt!.toISOString()).toBe('2026-11-17T12:00:00.000Z');
    expect(apply(late, { type: 'payment_failed', at })).toBe(late);
    expect(apply(late, { type: 'payment_succeeded', at })).toMatchObject({ state: 'active', graceEndsAt: null });
    expect(refused(late, { type: 'grace_end', at })).toMatch(/not ended/);
    expect(apply(late, { type: 'grace_end', at: late.graceEndsAt! })).toMatchObject({
      planId: 'free',
      state: 'canceled',
    });
    expect(refused(free, { type: 'payment_failed', at })).toMatch(/paid, active/);
    expect(apply(pro, { type: 'payment_succeeded', at })).toBe(pro);
  });

  it('catchUp applies the timed events in order, each once, until nothing is due', () => {
    const late = apply(active('pro'), { type: 'payment_failed', at: new Date('2026-11-28T00:00:00Z') });
    const now = new Date('2026-12-09T00:00:00Z');
    const { sub, applied } = catchUp(catalog, late, now);
    expect(applied.map((e) => e.type)).toEqual(['period_end', 'grace_end']);
    expect(sub).toMatchObject({ planId: 'free', state: 'canceled' });
    expect(sub.currentPeriodStart.toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(catchUp(catalog, sub, now).applied).toEqual([]);
    // Cancelled while past due: the period end ends the plan, and there is no grace left to end.
    const cancelled = apply(late, { type: 'cancel', at: new Date('2026-11-29T00:00:00Z') });
    expect(catchUp(catalog, cancelled, now).applied.map((e) => e.type)).toEqual(['period_end']);
    // Months of downtime: one period end per month.
    expect(catchUp(catalog, active('pro'), new Date('2027-03-15T00:00:00Z')).applied).toHaveLength(4);
  });

  it('any sequence of events keeps the invariants (fast-check)', () => {
    const planId = fc.constantFrom<PlanId>('free', 'pro', 'enterprise');
    const event = fc.oneof(
      planId.map((p) => ({ type: 'start_trial' as const, planId: p })),
      fc.tuple(planId, fc.integer({ min: -2, max: 40 })).map(([p, seats]) => ({
        type: 'change_plan' as const,
        planId: p,
        seats,
      })),
      fc.constantFrom(
        { type: 'cancel' as const },
        { type: 'reactivate' as const },
        { type: 'payment_failed' as const },
        { type: 'payment_succeeded' as const },
        { type: 'tick' as const },
      ),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(event, fc.integer({ min: 0, max: 20 })), { maxLength: 30 }), (steps) => {
        let sub = free;
        let now = at;
        for (const [e, days] of steps) {
          now = new Date(now.getTime() + days * 86_400_000);
          sub = catchUp(catalog, sub, now).sub;
          if (e.type === 'tick') continue;
          try {
            sub = transition(catalog, sub, { ...e, at: now });
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
          }
          const p = catalog.get(sub.planId)!;
          // A paid plan has at least its included seats; Free has exactly its own.
          expect(sub.seats).toBeGreaterThanOrEqual(p.includedSeats);
          if (p.seatPriceCents === 0) expect(sub.seats).toBe(p.includedSeats);
          if (sub.planId === 'free') expect(sub.cancelAtPeriodEnd).toBe(false);
          if (sub.state === 'trialing') expect(sub.trialEndsAt).not.toBeNull();
          if (sub.state === 'past_due') expect(sub.graceEndsAt).not.toBeNull();
          expect(sub.currentPeriodStart < sub.currentPeriodEnd).toBe(true);
          expect(entitledPlan(sub, now) === 'free' || sub.state !== 'canceled').toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
