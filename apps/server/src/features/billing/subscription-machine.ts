import { BILLING_LIMITS, OPERATOR_LIMITS, type PlanId, type PlanView, type SubscriptionStateName } from '@perch/shared';
import { DomainError } from '../../lib/errors.ts';
import { addDays, periodOf } from './billing-period.ts';
import { monthlyCents } from './proration.ts';

/**
 * A brand's subscription as a state machine (docs/billing.md, "Subscriptions"). Pure: the service loads the row,
 * applies one event here, and writes the result with the version it read. Every refusal is a VALIDATION error
 * with a sentence a billing admin can act on.
 */
export interface SubscriptionSnapshot {
  planId: PlanId;
  state: SubscriptionStateName;
  seats: number;
  currentPeriodStart: Date;
  currentPeriodEnd: Date;
  cancelAtPeriodEnd: boolean;
  trialEndsAt: Date | null;
  trialUsed: boolean;
  scheduledPlanId: PlanId | null;
  scheduledSeats: number | null;
  graceEndsAt: Date | null;
  /**
   * A plan the platform operator granted free of charge (docs/billing.md, "Operator"): in force while `compPlanId`
   * is set and the instant is before `compEndsAt`. When it ends, `compPlanId` is cleared and `compEndsAt` stays:
   * the invoices of the months it covered know to charge nothing.
   */
  compPlanId: PlanId | null;
  compEndsAt: Date | null;
}

export type SubscriptionEvent =
  | { type: 'start_trial'; planId: PlanId; at: Date }
  | { type: 'change_plan'; planId: PlanId; seats: number; at: Date }
  | { type: 'cancel'; at: Date }
  | { type: 'reactivate'; at: Date }
  | { type: 'trial_end'; at: Date }
  | { type: 'period_end'; at: Date }
  | { type: 'payment_failed'; at: Date }
  | { type: 'payment_succeeded'; at: Date }
  | { type: 'grace_end'; at: Date }
  | { type: 'grant_comp'; planId: PlanId; endsAt: Date; at: Date }
  | { type: 'end_comp'; at: Date }
  | { type: 'comp_end'; at: Date };

export type Catalog = ReadonlyMap<PlanId, PlanView>;

/** A brand that never subscribed: Free, active, this month. */
export function freeSubscription(catalog: Catalog, at: Date): SubscriptionSnapshot {
  const { start, end } = periodOf(at);
  return {
    planId: 'free',
    state: 'active',
    seats: planOf(catalog, 'free').includedSeats,
    currentPeriodStart: start,
    currentPeriodEnd: end,
    cancelAtPeriodEnd: false,
    trialEndsAt: null,
    trialUsed: false,
    scheduledPlanId: null,
    scheduledSeats: null,
    graceEndsAt: null,
    compPlanId: null,
    compEndsAt: null,
  };
}

export function planOf(catalog: Catalog, id: PlanId): PlanView {
  const plan = catalog.get(id);
  if (!plan) throw new DomainError('VALIDATION', `Unknown plan ${id}`);
  return plan;
}

/** Whether `seats` is a seat count `plan` sells: its included seats, and more only where extra seats are sold. */
export function checkSeats(plan: PlanView, seats: number) {
  if (!Number.isInteger(seats) || seats < 1 || seats > BILLING_LIMITS.maxSeats) {
    throw new DomainError('VALIDATION', `Seats must be a whole number from 1 to ${BILLING_LIMITS.maxSeats}`);
  }
  if (seats < plan.includedSeats) {
    throw new DomainError('VALIDATION', `${plan.name} includes ${plan.includedSeats} seats; choose at least that many`);
  }
  if (seats > plan.includedSeats && plan.seatPriceCents === 0) {
    throw new DomainError('VALIDATION', `${plan.name} has ${plan.includedSeats} seats; upgrade for more`);
  }
}

/** Whether a change from `sub` to `planId` with `seats` is an upgrade (at once) rather than a downgrade (at period end). */
export function isImmediate(catalog: Catalog, sub: SubscriptionSnapshot, planId: PlanId, seats: number): boolean {
  if (sub.state === 'trialing') return true;
  const before = monthlyCents(planOf(catalog, sub.planId), sub.seats);
  const after = monthlyCents(planOf(catalog, planId), seats);
  return after >= before;
}

const refuse = (message: string): never => {
  throw new DomainError('VALIDATION', message);
};

const onFree = (catalog: Catalog, sub: SubscriptionSnapshot, state: SubscriptionStateName): SubscriptionSnapshot => ({
  ...sub,
  planId: 'free',
  state,
  seats: planOf(catalog, 'free').includedSeats,
  cancelAtPeriodEnd: false,
  trialEndsAt: null,
  scheduledPlanId: null,
  scheduledSeats: null,
  graceEndsAt: null,
});

export function transition(
  catalog: Catalog,
  sub: SubscriptionSnapshot,
  event: SubscriptionEvent,
): SubscriptionSnapshot {
  switch (event.type) {
    case 'start_trial': {
      refuseDuringComp(sub, event.at);
      if (event.planId === 'free') return refuse('Trials are for paid plans');
      if (sub.planId !== 'free') return refuse('This brand is already on a paid plan');
      if (sub.trialUsed) return refuse('This brand has already had its free trial');
      const plan = planOf(catalog, event.planId);
      return {
        ...sub,
        planId: event.planId,
        state: 'trialing',
        seats: plan.includedSeats,
        trialEndsAt: addDays(event.at, BILLING_LIMITS.trialDays),
        trialUsed: true,
        cancelAtPeriodEnd: false,
        scheduledPlanId: null,
        scheduledSeats: null,
        graceEndsAt: null,
      };
    }
    case 'change_plan': {
      refuseDuringComp(sub, event.at);
      if (sub.cancelAtPeriodEnd)
        return refuse('This brand’s plan is cancelled at the end of the period: reactivate it first');
      if (sub.state === 'past_due') return refuse('A payment is overdue: settle the open invoice before changing plan');
      const plan = planOf(catalog, event.planId);
      checkSeats(plan, event.seats);
      if (event.planId === sub.planId && event.seats === sub.seats) return refuse('That is already this brand’s plan');
      if (sub.state === 'trialing') {
        // Nothing is paid during a trial: another paid plan applies at once, Free ends the trial.
        if (event.planId === 'free') return onFree(catalog, sub, 'active');
        return { ...sub, planId: event.planId, seats: event.seats, scheduledPlanId: null, scheduledSeats: null };
      }
      if (isImmediate(catalog, sub, event.planId, event.seats)) {
        return {
          ...sub,
          planId: event.planId,
          state: 'active',
          seats: event.seats,
          scheduledPlanId: null,
          scheduledSeats: null,
        };
      }
      return { ...sub, scheduledPlanId: event.planId, scheduledSeats: event.seats };
    }
    case 'cancel': {
      if (sub.planId === 'free') return refuse('Free has nothing to cancel');
      if (sub.cancelAtPeriodEnd) return refuse('This plan is already cancelled at the end of the period');
      return { ...sub, cancelAtPeriodEnd: true, scheduledPlanId: null, scheduledSeats: null };
    }
    case 'reactivate': {
      if (!sub.cancelAtPeriodEnd) return refuse('This plan is not cancelled');
      return { ...sub, cancelAtPeriodEnd: false };
    }
    case 'trial_end': {
      if (sub.state !== 'trialing' || !sub.trialEndsAt) return refuse('No trial is running');
      if (event.at < sub.trialEndsAt) return refuse('The trial has not ended yet');
      if (sub.cancelAtPeriodEnd) return onFree(catalog, sub, 'canceled');
      return { ...sub, state: 'active', trialEndsAt: null };
    }
    case 'period_end': {
      if (event.at < sub.currentPeriodEnd) return refuse('The period has not ended yet');
      const { start, end } = periodOf(event.at);
      const next = { ...sub, currentPeriodStart: start, currentPeriodEnd: end };
      if (sub.cancelAtPeriodEnd && sub.state !== 'trialing') return onFree(catalog, next, 'canceled');
      if (sub.scheduledPlanId) {
        const planId = sub.scheduledPlanId;
        const seats = sub.scheduledSeats ?? planOf(catalog, planId).includedSeats;
        if (planId === 'free') return onFree(catalog, next, 'active');
        return { ...next, planId, seats, scheduledPlanId: null, scheduledSeats: null };
      }
      return next;
    }
    case 'payment_failed': {
      if (sub.state === 'past_due') return sub;
      if (sub.state !== 'active' || sub.planId === 'free') return refuse('Only a paid, active plan can fall behind');
      return { ...sub, state: 'past_due', graceEndsAt: addDays(event.at, BILLING_LIMITS.graceDays) };
    }
    case 'payment_succeeded': {
      if (sub.state !== 'past_due') return sub;
      return { ...sub, state: 'active', graceEndsAt: null };
    }
    case 'grace_end': {
      if (sub.state !== 'past_due' || !sub.graceEndsAt) return refuse('No grace period is running');
      if (event.at < sub.graceEndsAt) return refuse('The grace period has not ended yet');
      return onFree(catalog, sub, 'canceled');
    }
    case 'grant_comp': {
      if (event.planId === 'free') return refuse('Free costs nothing: comp a paid plan');
      if (event.endsAt <= event.at) return refuse('A complimentary plan ends in the future');
      if (event.endsAt > addDays(event.at, COMP_MAX_DAYS)) {
        return refuse(`A complimentary plan lasts at most ${COMP_MAX_DAYS} days`);
      }
      const own = planOf(catalog, ownPlan(sub));
      if (planOf(catalog, event.planId).priceCents < own.priceCents) {
        return refuse(`This brand is on ${own.name}: comp that plan or a higher one`);
      }
      return { ...sub, compPlanId: event.planId, compEndsAt: event.endsAt };
    }
    case 'end_comp': {
      if (!compInForce(sub, event.at)) return refuse('This brand has no complimentary plan');
      return { ...sub, compPlanId: null, compEndsAt: event.at };
    }
    case 'comp_end': {
      if (!sub.compPlanId || !sub.compEndsAt) return refuse('This brand has no complimentary plan');
      if (event.at < sub.compEndsAt) return refuse('The complimentary plan has not ended yet');
      return { ...sub, compPlanId: null };
    }
  }
}

/** A comp ends at most two years after it is granted. */
const COMP_MAX_DAYS = OPERATOR_LIMITS.compMaxDays;

type CompFields = Pick<SubscriptionSnapshot, 'compPlanId' | 'compEndsAt'>;
type PlanFields = Pick<SubscriptionSnapshot, 'planId' | 'state'> & CompFields;

/** Whether the operator's comp gives the brand its plan at `at`. */
export function compInForce(sub: CompFields, at: Date): boolean {
  return sub.compPlanId !== null && sub.compEndsAt !== null && at < sub.compEndsAt;
}

/**
 * Whether a comp was in force at `at` (a past instant) as far as the row knows — in force now, or ended after
 * `at`. Billing asks this of the month an invoice covers: comped time is charged nothing.
 */
export function compCovered(sub: CompFields, at: Date): boolean {
  return sub.compEndsAt !== null && at < sub.compEndsAt;
}

function refuseDuringComp(sub: SubscriptionSnapshot, at: Date) {
  if (compInForce(sub, at)) {
    refuse(
      `This brand is on a complimentary plan until ${sub.compEndsAt!.toISOString().slice(0, 10)}: ` +
        'its own plan can change once that ends',
    );
  }
}

/**
 * The earliest timed event due at `now` (trial end, grace end, period end), or null. Apply it, then ask again:
 * one event can make another moot (a cancelled plan ending at the period end has no grace period left to end).
 */
export function nextDueEvent(sub: SubscriptionSnapshot, now: Date): SubscriptionEvent | null {
  const due: SubscriptionEvent[] = [];
  if (sub.state === 'trialing' && sub.trialEndsAt && sub.trialEndsAt <= now) {
    due.push({ type: 'trial_end', at: sub.trialEndsAt });
  }
  if (sub.state === 'past_due' && sub.graceEndsAt && sub.graceEndsAt <= now) {
    due.push({ type: 'grace_end', at: sub.graceEndsAt });
  }
  if (sub.currentPeriodEnd <= now) due.push({ type: 'period_end', at: sub.currentPeriodEnd });
  if (sub.compPlanId && sub.compEndsAt && sub.compEndsAt <= now) due.push({ type: 'comp_end', at: sub.compEndsAt });
  return due.sort((a, b) => a.at.getTime() - b.at.getTime())[0] ?? null;
}

/** Applies every timed event due at `now`, in order; returns the events applied and the result. */
export function catchUp(catalog: Catalog, sub: SubscriptionSnapshot, now: Date) {
  const applied: SubscriptionEvent[] = [];
  let current = sub;
  for (let event = nextDueEvent(current, now); event; event = nextDueEvent(current, now)) {
    current = transition(catalog, current, event);
    applied.push(event);
    if (applied.length > 1_000) throw new Error('catchUp: a subscription did not settle');
  }
  return { sub: current, applied };
}

/** The plan the brand's own subscription gives it (without a comp). */
export function ownPlan(sub: Pick<SubscriptionSnapshot, 'planId' | 'state'>): PlanId {
  return sub.state === 'canceled' ? 'free' : sub.planId;
}

/** The plan whose features the brand has at `now`: the operator's comp while it is in force, else its own. */
export function entitledPlan(sub: PlanFields, now: Date): PlanId {
  return compInForce(sub, now) ? sub.compPlanId! : ownPlan(sub);
}
