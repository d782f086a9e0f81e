import { brandHasFeature } from '../billing/entitlements.ts';
import type { AutomationActionType, AutomationTrigger } from '@perch/shared';
import type { Db } from '../../db/database.ts';
import type { EventBus, LiveEvent } from '../../live/event-bus.ts';
import type { Logger } from '../../logger.ts';
import type { Queue } from '../../queue/queue.ts';
import {
  appendEvents,
  lockConversations,
  updateConversation,
  type ConversationChanges,
} from '../conversations/conversations.repository.ts';
import { notificationEvent } from '../conversations/conversations.service.ts';
import { updatedEvent } from '../conversations/work-context.ts';
import { freesCapacity, requestRouting } from '../routing/routing-triggers.ts';
import { applyAction, emptyWrites, ranEvent, type RunState } from './automation-actions.ts';
import { loadReferents, referencedIds } from './automation-referents.ts';
import { parseRule } from './automation-rule.ts';
import { enabledRules, recordRuns } from './automation.repository.ts';
import { insertRuleNotes, insertRuleNotifications, markInboundSpam, runFactsOf } from './automation-run.repository.ts';
import { allHold } from './conditions.ts';

export interface RunTarget {
  brandId: string;
  conversationId: string;
  mentionId?: string;
}

export interface RunDeps {
  db: Db;
  bus: EventBus;
  queue: Queue;
  log?: Logger;
}

/** Triggers that may act on a resolved conversation (ingest has reopened it by then, if the customer wrote). */
const ACTS_ON_RESOLVED: ReadonlySet<AutomationTrigger> = new Set(['mention_received', 'conversation_created']);

const STATE_KEYS = ['status', 'priority', 'assigneeUserId', 'teamId', 'snoozedUntil', 'resolvedAt'] as const;

/**
 * Runs the brand's enabled rules of `trigger` on one conversation, in one transaction: the conversation is locked,
 * each rule's conditions are evaluated against the state the earlier rules left, the matching rules' actions
 * apply, and the run is recorded (one `automation_ran` event per matching rule, one version step if the state
 * changed). After COMMIT: live events, and routing when an agent got capacity back. It never requests
 * automation itself: what rules change cannot trigger rules, so loops are impossible.
 * Returns the ids of the rules that matched.
 */
export async function runAutomation(
  deps: RunDeps,
  organizationId: string,
  trigger: AutomationTrigger,
  target: RunTarget,
): Promise<string[]> {
  const outcome = await deps.db.$transaction(async (tx) => {
    const [before] = await lockConversations(tx, organizationId, [target.conversationId]);
    if (!before || before.brandId !== target.brandId) return null;
    if (before.status === 'resolved' && !ACTS_ON_RESOLVED.has(trigger)) return null;
    // Rules stay stored after a downgrade; they only run while the plan includes them (docs/billing.md).
    if (!(await brandHasFeature(tx, organizationId, before.brandId, 'automation_rules'))) return null;
    const rules = (await enabledRules(tx, organizationId, before.brandId, trigger))
      .map(parseRule)
      .filter((r) => !r.damaged)
      .map((r) => r.item);
    if (rules.length === 0) return null;
    const facts = await runFactsOf(tx, organizationId, before.id, target.mentionId);
    if (!facts) return null;
    const now = new Date();
    const ids = referencedIds(
      [],
      rules.flatMap((r) => r.actions),
    );
    const referents = await loadReferents(tx, organizationId, before.brandId, ids);

    const state: RunState = { ...before, tagIds: [...before.tagIds], spammable: facts.spammable };
    const writes = emptyWrites();
    const matched: string[] = [];
    for (const rule of rules) {
      if (!allHold(rule.conditions, { ...facts, now }, state)) continue;
      const applied: AutomationActionType[] = [];
      const at = writes.events.length;
      for (const action of rule.actions) {
        if (applyAction(action, rule, state, referents, writes)) applied.push(action.type);
      }
      // The run first, then its changes: the timeline reads "rule ran: …", and the latest event (what a stale
      // action's conflict message names) is the change itself.
      writes.events.splice(at, 0, ranEvent({ ruleId: rule.id, ruleName: rule.name, trigger, actions: applied }));
      matched.push(rule.id);
    }
    if (matched.length === 0) return null;

    const changes: ConversationChanges = {};
    for (const key of STATE_KEYS) if (state[key] !== before[key]) Object.assign(changes, { [key]: state[key] });
    if (state.tagIds.join() !== before.tagIds.join()) changes.tagIds = state.tagIds;
    if (state.episodeStartedAt) changes.episodeStartedAt = state.episodeStartedAt;
    const stateChanged = Object.keys(changes).length > 0;
    const after = stateChanged ? await updateConversation(tx, organizationId, before.id, changes) : before;
    await appendEvents(
      tx,
      organizationId,
      writes.events.map((e) => ({ ...e, conversationId: before.id, brandId: before.brandId, actorUserId: null })),
    );
    await insertRuleNotes(
      tx,
      writes.notes.map((n) => ({ ...n, organizationId, conversationId: before.id })),
    );
    await insertRuleNotifications(
      tx,
      writes.notifications.map((n) => ({ ...n, organizationId, conversationId: before.id })),
    );
    if (writes.markSpam) await markInboundSpam(tx, organizationId, before.id);
    await recordRuns(tx, organizationId, matched, now);
    return {
      matched,
      brandId: before.brandId,
      recipients: [...new Set(writes.notifications.map((n) => n.userId))],
      freed: freesCapacity(before, after),
    };
  });
  if (!outcome) return [];
  const live: LiveEvent[] = [
    updatedEvent(organizationId, { id: target.conversationId, brandId: outcome.brandId }),
    ...outcome.recipients.map((userId) =>
      notificationEvent(organizationId, outcome.brandId, target.conversationId, userId),
    ),
  ];
  await deps.bus.publish(live);
  // Automatic assignment (features/routing): a rule that resolved or reassigned gave an agent capacity back.
  if (outcome.freed) await requestRouting(deps, organizationId, [outcome.brandId]);
  return outcome.matched;
}
