import type { Db } from '../../db/database.ts';
import type { EventBus } from '../../live/event-bus.ts';
import type { Logger } from '../../logger.ts';
import { periodOf } from './billing-period.ts';
import { catalogOf, dropEntitlements } from './entitlements.ts';
import { applyFeatureChange } from './plan-effects.ts';
import { catchUp, compCovered, entitledPlan, ownPlan, planOf } from './subscription-machine.ts';
import { saveSubscription, subscriptionsDue } from './subscriptions.repository.ts';
import { prorationLines } from './invoice-lines.ts';
import { failOverdueInvoices, issueBrandPeriodInvoice, issueInvoice } from './invoicing.service.ts';
import { monthlyCents, prorate } from './proration.ts';
import { releaseDueHeldMentions, type ReleaseDeps } from './quota-release.ts';

const BATCH = 100;
export const DEFAULT_BILLING_INTERVAL_MS = 60_000;

/**
 * The billing clock (docs/billing.md): trials end, grace periods run out, periods roll over and scheduled
 * downgrades and cancellations take effect, within a minute of their time, even when nobody is signed in. An
 * operator's comp that ended is closed here too (entitlements already ignore it from its end): SLA clocks and open
 * browsers follow. Nothing is invoiced for comped time (docs/billing.md, "Operator"). Each
 * subscription is written only at the version read, so several worker processes may run the clock: the loser of a
 * race finds the row moved on and leaves it. Each transition is audited (no actor: the clock).
 */
export async function applyDueSubscriptions(deps: { db: Db; bus: EventBus }, now: Date): Promise<number> {
  const catalog = await catalogOf(deps.db);
  const due = await subscriptionsDue(deps.db, now, BATCH);
  let applied = 0;
  for (const row of due) {
    const { sub: next, applied: events } = catchUp(catalog, row, now);
    if (events.length === 0) continue;
    // What the brand had just before the first event, and has now.
    const had = entitledPlan(row, new Date(events[0]!.at.getTime() - 1));
    const has = entitledPlan(next, now);
    const wrote = await deps.db.$transaction(async (tx) => {
      if (!(await saveSubscription(tx, row.organizationId, row.brandId, row.version, next))) return false;
      await applyFeatureChange(
        tx,
        row.organizationId,
        row.brandId,
        planOf(catalog, had).features,
        planOf(catalog, has).features,
      );
      const brand = await tx.brand.findFirstOrThrow({ where: { id: row.brandId }, select: { id: true, name: true } });
      // A new period of a paid plan is invoiced as it starts (plan, extra seats, the ended month's overage) —
      // unless a comp is in force at its start: a comped month costs nothing, nor does the overage of a month
      // during which a comp was in force.
      const billed = next.state === 'active' || next.state === 'past_due';
      const comped = compCovered(next, next.currentPeriodStart);
      if (events.some((e) => e.type === 'period_end') && billed && next.planId !== 'free' && !comped) {
        const previousStart = periodOf(new Date(next.currentPeriodStart.getTime() - 1)).start;
        await issueBrandPeriodInvoice(tx, {
          organizationId: row.organizationId,
          brand,
          plan: planOf(catalog, next.planId),
          seats: next.seats,
          previousPlan: compCovered(next, previousStart) ? null : planOf(catalog, ownPlan(row)),
          periodStart: next.currentPeriodStart,
          now,
        });
      }
      // A trial that became a paid plan is charged for the rest of its month from the trial's end.
      const trialEnd = events.find((e) => e.type === 'trial_end');
      if (trialEnd && next.state === 'active' && next.planId !== 'free' && !compCovered(next, trialEnd.at)) {
        const plan = planOf(catalog, next.planId);
        const { lines } = prorate({
          from: { planName: 'Trial', monthlyCents: 0, seats: next.seats },
          to: { planName: plan.name, monthlyCents: monthlyCents(plan, next.seats), seats: next.seats },
          periodStart: row.currentPeriodStart,
          periodEnd: row.currentPeriodEnd,
          at: trialEnd.at,
        });
        if (trialEnd.at < row.currentPeriodEnd) {
          await issueInvoice(tx, row.organizationId, 'change', prorationLines(brand, lines), now);
        }
      }
      await tx.auditLog.create({
        data: {
          organizationId: row.organizationId,
          actorUserId: null,
          action: 'billing.clock',
          targetType: 'subscription',
          targetId: row.brandId,
          before: { planId: row.planId, state: row.state, seats: row.seats },
          after: { planId: next.planId, state: next.state, seats: next.seats, events: events.map((e) => e.type) },
        },
        select: { id: true },
      });
      return true;
    });
    if (!wrote) continue;
    applied++;
    if (had !== has || row.seats !== next.seats) {
      dropEntitlements(row.organizationId);
      await deps.bus.publish([
        { organizationId: row.organizationId, brandId: row.brandId, type: 'plan.changed', at: now.toISOString() },
      ]);
    }
  }
  return applied;
}

export function startBillingClock(
  deps: {
    db: Db;
    bus: EventBus;
    /** Ingest's step (worker processes): held mentions are released as the plan and the month allow. */
    release?: Pick<ReleaseDeps, 'enrich' | 'loadTriage' | 'queue'>;
  },
  log: Logger,
  options: { intervalMs?: number; now?: () => Date } = {},
): { stop(): Promise<void> } {
  const clock = options.now ?? (() => new Date());
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = async () => {
    for (let n = BATCH; n === BATCH && !stopped;) n = await applyDueSubscriptions(deps, clock());
    // Then what an unpaid invoice past its due date does.
    await failOverdueInvoices(deps.db, clock());
    // Then mentions held over a Free quota: released by a new month or a plan that bills overage.
    if (deps.release && !stopped)
      await releaseDueHeldMentions({ ...deps.release, db: deps.db, bus: deps.bus, log }, clock);
  };
  const timer = setInterval(() => {
    if (stopped) return;
    running ??= tick()
      .catch((error: unknown) => log.warn({ err: error }, 'billing: clock tick failed'))
      .finally(() => {
        running = null;
      });
  }, options.intervalMs ?? DEFAULT_BILLING_INTERVAL_MS);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
