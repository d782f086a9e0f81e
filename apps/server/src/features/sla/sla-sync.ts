import { brandHasFeature } from '../billing/entitlements.ts';
import type { AutomationTrigger, SlaEventData } from '@perch/shared';
import type { Db, Tx } from '../../db/database.ts';
import type { EventBus, LiveEvent } from '../../live/event-bus.ts';
import type { Logger } from '../../logger.ts';
import type { Queue } from '../../queue/queue.ts';
import { requestAutomation, type AutomationTarget } from '../automation/automation-triggers.ts';
import { computeSlaClocks, type DesiredClock } from './sla-clocks.ts';
import {
  appendSlaEvents,
  clocksOf,
  conversationForSync,
  eventsOf,
  lockForSync,
  notifyBreach,
  policiesOf,
  saveClock,
  updateConversationSla,
  type ClockFields,
  type ConversationSla,
  type SlaEventRow,
  type StoredClock,
} from './sla-clocks.repository.ts';

/**
 * Keeps a conversation's stored SLA clocks, its SLA events and its SLA columns in step with what its event log
 * says as of now (docs/sla.md). One transaction per conversation; live events and automation after the commit.
 */

export interface SlaDeps {
  db: Db;
  /** For automation requests (sla_warning / sla_breached); without it none are made. */
  queue?: Queue;
  /** For the live `sla.changed` events; without it none are published. */
  bus?: EventBus;
  log?: Logger;
}

/** Outcomes older than this are history (a recompute, a worker back from a pause): no automation for them. */
export const FRESH_OUTCOME_MS = 15 * 60_000;

/** What one conversation's sync changed, for the after-commit effects. */
export interface SyncOutcome {
  organizationId: string;
  brandId: string;
  conversationId: string;
  warnings: number;
  breaches: number;
  met: number;
  freshWarning: boolean;
  freshBreach: boolean;
  /** Users told of a fresh breach (a notification each). */
  notified: string[];
}

const FINAL: ReadonlySet<string> = new Set(['hit', 'breached']);
const keyOf = (c: { target: string; episode: number; seq: number }) => `${c.target}/${c.episode}/${c.seq}`;
const time = (d: Date | null) => d?.getTime() ?? null;

function sameFields(a: ClockFields, b: ClockFields): boolean {
  return (Object.keys(b) as (keyof ClockFields)[]).every((key) => {
    const [x, y] = [a[key], b[key]];
    return x instanceof Date || y instanceof Date ? time(x as Date | null) === time(y as Date | null) : x === y;
  });
}

function fieldsOf(c: StoredClock): ClockFields {
  const { id: _id, ...fields } = c;
  return fields;
}

/**
 * The row to store for a desired clock, given the stored one: a hit or breached clock is final (a later policy
 * change does not rewrite history; a breached clock only learns when it was finally fulfilled), and a warning
 * once given stays given.
 */
function merge(desired: DesiredClock, stored: StoredClock | undefined): ClockFields {
  if (stored && FINAL.has(stored.state)) {
    const late = stored.state === 'breached' && stored.stoppedAt === null ? desired.stoppedAt : stored.stoppedAt;
    return { ...fieldsOf(stored), stoppedAt: late, warnAt: null, runningSince: null };
  }
  const warnedAt = stored?.warnedAt ?? desired.warnedAt;
  return { ...desired, warnedAt, warnAt: warnedAt ? null : desired.warnAt };
}

const isLive = (c: ClockFields) =>
  c.state === 'running' || c.state === 'paused' || (c.state === 'breached' && c.stoppedAt === null);

/** The conversation's SLA columns from its clocks: the dues still owed in the open episode, and its state. */
export function conversationSla(clocks: readonly ClockFields[], openEpisode: number | null): ConversationSla {
  const open = openEpisode === null ? [] : clocks.filter((c) => c.episode === openEpisode);
  // A breached clock still unfulfilled is still owed: its due time keeps it first in the "SLA due" sort.
  const owed = open.filter((c) => isLive(c) && c.dueAt !== null);
  const dueOf = (target: string) =>
    owed.filter((c) => c.target === target).reduce<Date | null>((m, c) => (!m || c.dueAt! < m ? c.dueAt : m), null);
  const dues = {
    firstResponseDueAt: dueOf('first_response'),
    nextResponseDueAt: dueOf('next_response'),
    resolutionDueAt: dueOf('resolution'),
  };
  const earliest = Object.values(dues).filter((d): d is Date => d !== null);
  const inForce = open.filter((c) => c.state === 'running' || c.state === 'paused');
  const slaState = open.some((c) => c.state === 'breached')
    ? 'breached'
    : inForce.some((c) => c.warnedAt !== null)
      ? 'warning'
      : inForce.length > 0
        ? 'ok'
        : 'none';
  return {
    ...dues,
    slaDueAt: earliest.length ? new Date(Math.min(...earliest.map((d) => d.getTime()))) : null,
    slaState,
  };
}

/** The event's data: which clock, and the due time it was held to (a stopped or breached clock keeps one). */
function eventData(c: ClockFields): SlaEventData {
  return {
    target: c.target,
    episode: c.episode,
    dueAt: (c.dueAt ?? c.startedAt).toISOString(),
    targetMinutes: c.targetMinutes,
    businessHours: c.businessHours,
    warnAtPercent: c.warnAtPercent,
  };
}

/** Syncs one conversation inside `tx` (the caller commits). Null when the conversation is gone. */
export async function syncConversationInTx(tx: Tx, conversationId: string, now: Date): Promise<SyncOutcome | null> {
  await lockForSync(tx, conversationId);
  const conversation = await conversationForSync(tx, conversationId);
  if (!conversation) return null;
  const { organizationId, brandId } = conversation;
  const scope = { organizationId, brandId, conversationId };
  // SLA clocks run only while the brand's plan includes SLA policies (docs/billing.md); without, none are due.
  const policies = (await brandHasFeature(tx, organizationId, brandId, 'sla_policies'))
    ? await policiesOf(tx, organizationId, brandId)
    : {};
  const stored = await clocksOf(tx, organizationId, conversationId);
  const outcome: SyncOutcome = {
    ...scope,
    warnings: 0,
    breaches: 0,
    met: 0,
    freshWarning: false,
    freshBreach: false,
    notified: [],
  };
  let desired: DesiredClock[] = [];
  let openEpisode: number | null = null;
  // Fast path: a brand without policies and a conversation without clocks has nothing to compute.
  if (Object.keys(policies).length > 0 || stored.length > 0) {
    const events = await eventsOf(tx, organizationId, conversationId);
    ({ clocks: desired, openEpisode } = computeSlaClocks({
      events,
      priority: conversation.priority,
      policies,
      calendar: conversation.calendar,
      now,
    }));
  }

  const storedByKey = new Map(stored.map((c) => [keyOf(c), c]));
  const result: ClockFields[] = [];
  const events: SlaEventRow[] = [];
  const fresh = (at: Date | null) => at !== null && now.getTime() - at.getTime() < FRESH_OUTCOME_MS;
  for (const clock of desired) {
    const before = storedByKey.get(keyOf(clock));
    storedByKey.delete(keyOf(clock));
    const next = merge(clock, before);
    result.push(next);
    if (next.warnedAt && !before?.warnedAt) {
      events.push({ type: 'sla_warning', occurredAt: next.warnedAt, data: { ...eventData(next) } });
      outcome.warnings++;
      outcome.freshWarning ||= fresh(next.warnedAt);
    }
    if (next.state === 'breached' && before?.state !== 'breached') {
      events.push({ type: 'sla_breached', occurredAt: next.breachedAt!, data: { ...eventData(next) } });
      outcome.breaches++;
      outcome.freshBreach ||= fresh(next.breachedAt);
    }
    if (next.state === 'hit' && before?.state !== 'hit') {
      events.push({ type: 'sla_met', occurredAt: next.stoppedAt!, data: { ...eventData(next) } });
      outcome.met++;
    }
    if (!before || !sameFields(fieldsOf(before), next)) await saveClock(tx, scope, before?.id ?? null, next);
  }
  // Clocks no longer wanted (the policy or the priority changed): canceled, unless final.
  for (const orphan of storedByKey.values()) {
    const fields = fieldsOf(orphan);
    if (!FINAL.has(orphan.state) && orphan.state !== 'canceled') {
      const canceled: ClockFields = { ...fields, state: 'canceled', warnAt: null, runningSince: null, stoppedAt: now };
      await saveClock(tx, scope, orphan.id, canceled);
      result.push(canceled);
    } else {
      result.push(fields);
    }
  }
  const sla = conversationSla(result, openEpisode);
  const changed = (Object.keys(sla) as (keyof ConversationSla)[]).some((key) => {
    const [x, y] = [sla[key], conversation[key]];
    return typeof x === 'string' ? x !== y : time(x) !== time(y as Date | null);
  });
  // The conversation row before the events (whose trigger locks the dirty marks): the order people's actions
  // take, so a sync and an action on the same conversation queue instead of deadlocking.
  if (changed) await updateConversationSla(tx, organizationId, conversationId, sla);
  await appendSlaEvents(tx, scope, events);
  const freshBreaches = events.filter((e) => e.type === 'sla_breached' && fresh(e.occurredAt));
  if (freshBreaches.length > 0) {
    const { target, dueAt } = freshBreaches[0]!.data as unknown as SlaEventData;
    outcome.notified = await notifyBreach(tx, scope, conversation.assigneeUserId, { target, dueAt });
  }
  return outcome;
}

/** After the commit: the live event and the automation triggers of fresh outcomes (best effort). */
export async function afterSync(deps: SlaDeps, outcomes: readonly SyncOutcome[]) {
  const touched = outcomes.filter((o) => o.warnings + o.breaches + o.met > 0);
  if (touched.length === 0) return;
  const at = new Date().toISOString();
  const live: LiveEvent[] = touched.flatMap((o): LiveEvent[] => [
    { organizationId: o.organizationId, brandId: o.brandId, type: 'sla.changed', conversationId: o.conversationId, at },
    ...o.notified.map((userId) => ({
      organizationId: o.organizationId,
      brandId: o.brandId,
      type: 'notification.created' as const,
      conversationId: o.conversationId,
      userId,
      at,
    })),
  ]);
  try {
    await deps.bus?.publish(live);
  } catch (error) {
    deps.log?.warn({ err: error }, 'sla: live publish failed');
  }
  if (!deps.queue) return;
  const target = (o: SyncOutcome): AutomationTarget => ({
    organizationId: o.organizationId,
    brandId: o.brandId,
    conversationId: o.conversationId,
  });
  const ask = async (trigger: AutomationTrigger, which: SyncOutcome[]) => {
    if (which.length > 0)
      await requestAutomation({ db: deps.db, queue: deps.queue!, log: deps.log }, trigger, which.map(target));
  };
  await ask(
    'sla_warning',
    touched.filter((o) => o.freshWarning),
  );
  await ask(
    'sla_breached',
    touched.filter((o) => o.freshBreach),
  );
}

/** Syncs these conversations as of `now`, each in its own transaction, then publishes and asks for automation. */
export async function syncSlaClocks(deps: SlaDeps, conversationIds: readonly string[], now = new Date()) {
  const outcomes: SyncOutcome[] = [];
  for (const id of new Set(conversationIds)) {
    const outcome = await deps.db.$transaction((tx) => syncConversationInTx(tx, id, now));
    if (outcome) outcomes.push(outcome);
  }
  await afterSync(deps, outcomes);
  return outcomes;
}
