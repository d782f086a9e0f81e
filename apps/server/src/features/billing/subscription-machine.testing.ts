import { expect } from 'vitest';
import type { PlanId, PlanView } from '@perch/shared';
import { DomainError } from '../../lib/errors.ts';
import {
  freeSubscription,
  transition,
  type Catalog,
  type SubscriptionEvent,
  type SubscriptionSnapshot,
} from './subscription-machine.ts';

/** Test support: a small catalog and helpers for the pure subscription machine's tests. */
const plan = (p: Partial<PlanView> & Pick<PlanView, 'id' | 'priceCents'>): PlanView => ({
  name: p.id,
  includedSeats: 3,
  seatPriceCents: 0,
  monthlyMentions: 1000,
  overagePer1kCents: 0,
  retentionDays: 30,
  features: [],
  ...p,
});

export const catalog: Catalog = new Map<PlanId, PlanView>([
  ['free', plan({ id: 'free', priceCents: 0 })],
  ['pro', plan({ id: 'pro', priceCents: 9900, includedSeats: 5, seatPriceCents: 2500, features: ['sla_policies'] })],
  [
    'enterprise',
    plan({ id: 'enterprise', priceCents: 39900, includedSeats: 20, seatPriceCents: 2000, features: ['api_access'] }),
  ],
]);

export const at = new Date('2026-11-10T12:00:00Z');
export const free = freeSubscription(catalog, at);

export const apply = (sub: SubscriptionSnapshot, ...events: SubscriptionEvent[]) =>
  events.reduce((s, e) => transition(catalog, s, e), sub);

/** The message of the DomainError `event` is refused with (fails if it is accepted). */
export const refused = (sub: SubscriptionSnapshot, event: SubscriptionEvent) => {
  try {
    transition(catalog, sub, event);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return (error as DomainError).message;
  }
  throw new Error(`${event.type} was not refused`);
};
