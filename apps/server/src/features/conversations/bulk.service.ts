import type { z } from 'zod';
import type { BulkAction, BulkResult, bulkInput } from '@perch/shared';
import type { Tx } from '../../db/database.ts';
import type { LiveEvent } from '../../live/event-bus.ts';
import { DomainError, notFound } from '../../lib/errors.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { requestAutomation } from '../automation/automation-triggers.ts';
import { freesCapacity, requestRouting } from '../routing/routing-triggers.ts';
import { staleConflict } from './conflict.ts';
import {
  appendEvents,
  createNotifications,
  lastChange,
  lockConversations,
  updateConversation,
  type ConversationChanges,
  type ConversationState,
  type NewEvent,
} from './conversations.repository.ts';
import {
  assertAssignable,
  assertBrandTags,
  nextTags,
  notificationEvent,
  scheduleWake,
  snoozeEnd,
  statusPlan,
} from './conversations.service.ts';
import { seesBrand, updatedEvent, type WorkActor, type WorkDeps } from './work-context.ts';

/** Above this many changed conversations, one "refetch the brand" event replaces one event per conversation. */
const LIVE_EVENTS_MAX = 50;

type Step = { changes: ConversationChanges; type: string; data: NewEvent['data'] } | null;

/** What the action does to one conversation; null when it is already so (not counted as changed). */
function stepFor(action: BulkAction, c: ConversationState, until: Date | null): Step {
  switch (action.kind) {
    case 'assign':
      if (c.assigneeUserId === action.assigneeUserId) return null;
      return action.assigneeUserId
        ? {
            changes: { assigneeUserId: action.assigneeUserId },
            type: 'assigned',
            data: { assigneeUserId: action.assigneeUserId, previousUserId: c.assigneeUserId },
          }
        : { changes: { assigneeUserId: null }, type: 'unassigned', data: { previousUserId: c.assigneeUserId } };
    case 'add_tag':
      if (c.tagIds.includes(action.tagId)) return null;
      return {
        changes: { tagIds: nextTags(c.tagIds, [action.tagId], []) },
        type: 'tags_changed',
        data: { added: [action.tagId], removed: [] },
      };
    case 'remove_tag':
      if (!c.tagIds.includes(action.tagId)) return null;
      return {
        changes: { tagIds: nextTags(c.tagIds, [], [action.tagId]) },
        type: 'tags_changed',
        data: { added: [], removed: [action.tagId] },
      };
    case 'priority':
      if (c.priority === action.priority) return null;
      return {
        changes: { priority: action.priority },
        type: 'priority_changed',
        data: { from: c.priority, to: action.priority },
      };
    case 'status': {
      if (c.status === action.status) return null;
      const { changes, event } = statusPlan(c, action.status, null);
      return { changes, type: event.type, data: event.data };
    }
    case 'snooze': {
      if (c.status === 'snoozed') {
        return {
          changes: { snoozedUntil: until },
          type: 'snoozed',
          data: { from: 'snoozed', until: until!.toISOString() },
        };
      }
      const { changes, event } = statusPlan(c, 'snoozed', until);
      return { changes, type: event.type, data: event.data };
    }
  }
}

async function validateAction(tx: Tx, actor: WorkActor, action: BulkAction, brandIds: string[]) {
  if (action.kind === 'assign' && action.assigneeUserId) {
    await assertAssignable(tx, actor, action.assigneeUserId, brandIds);
  }
  if (action.kind === 'add_tag' || action.kind === 'remove_tag') {
    await assertBrandTags(tx, actor.organizationId, brandIds, [action.tagId]);
  }
}

/**
 * One action on many conversations, all or nothing in one transaction: an unknown or out-of-reach conversation
 * (NOT_FOUND), a stale one (CONFLICT naming it) or an action one of them cannot take (VALIDATION naming it)
 * changes nothing. One audit row for the call, listing every conversation it changed (S12: one row per mutation).
 */
export async function bulk(deps: WorkDeps, actor: WorkActor, input: z.output<typeof bulkInput>): Promise<BulkResult> {
  const ids = input.items.map((i) => i.conversationId);
  if (new Set(ids).size !== ids.length) {
    throw new DomainError('VALIDATION', 'A conversation appears twice in the selection', { field: 'items' });
  }
  const until = input.action.kind === 'snooze' ? snoozeEnd(input.action.snoozedUntil) : null;
  const { changed, live } = await deps.db.$transaction(
    async (tx) => {
      const rows = await lockConversations(tx, actor.organizationId, ids);
      if (rows.length !== ids.length || rows.some((c) => !seesBrand(actor.brandIds, c.brandId))) {
        throw notFound('Conversation');
      }
      const byId = new Map(rows.map((c) => [c.id, c]));
      for (const item of input.items) {
        const c = byId.get(item.conversationId)!;
        if (c.version !== item.expectedVersion) {
          const change = await lastChange(tx, actor.organizationId, c.id);
          throw staleConflict(
            change,
            c.version,
            'after you selected it. Nothing was changed: check it and try again.',
            {
              conversationId: c.id,
            },
          );
        }
      }
      await validateAction(tx, actor, input.action, [...new Set(rows.map((c) => c.brandId))]);
      const events: NewEvent[] = [];
      const changed: ConversationState[] = [];
      for (const c of rows) {
        let step: Step;
        try {
          step = stepFor(input.action, c, until);
        } catch (error) {
          if (error instanceof DomainError) {
            throw new DomainError(error.code, `${error.message} (nothing was changed)`, { conversationId: c.id });
          }
          throw error;
        }
        if (!step) continue;
        await updateConversation(tx, actor.organizationId, c.id, step.changes);
        events.push({
          conversationId: c.id,
          brandId: c.brandId,
          type: step.type,
          actorUserId: actor.userId,
          data: step.data,
        });
        if (until) await scheduleWake(deps, tx, actor.organizationId, c.id, until);
        changed.push(c);
      }
      await appendEvents(tx, actor.organizationId, events);
      const live = await notifyAssignee(tx, actor, input.action, changed);
      await writeAudit(tx, actor, {
        action: 'conversations.bulk',
        targetType: 'conversation',
        after: { action: input.action, conversationIds: changed.map((c) => c.id), selected: ids.length },
      });
      return { changed, live };
    },
    { timeout: 30_000 },
  );
  await deps.bus.publish([...liveEvents(actor.organizationId, changed), ...live]);
  // Automatic assignment (features/routing): capacity freed by resolving or unassigning goes to the backlog.
  const freed = changed.filter((c) => freesCapacity(c, afterAction(input.action, c)));
  await requestRouting(deps, actor.organizationId, freed.length > 0 ? freed.map((c) => c.brandId) : []);
  await requestAutomation(
    deps,
    'conversation_updated',
    changed.map((c) => ({ organizationId: actor.organizationId, brandId: c.brandId, conversationId: c.id })),
  );
  return { changed: changed.length };
}

async function notifyAssignee(tx: Tx, actor: WorkActor, action: BulkAction, changed: ConversationState[]) {
  if (action.kind !== 'assign' || !action.assigneeUserId || action.assigneeUserId === actor.userId) return [];
  const userId = action.assigneeUserId;
  await createNotifications(
    tx,
    changed.map((c) => ({
      organizationId: actor.organizationId,
      userId,
      kind: 'assigned',
      conversationId: c.id,
      actorUserId: actor.userId,
      data: {},
    })),
  );
  return changed.slice(0, LIVE_EVENTS_MAX).map((c) => notificationEvent(actor.organizationId, c.brandId, c.id, userId));
}

function liveEvents(organizationId: string, changed: ConversationState[]): LiveEvent[] {
  if (changed.length <= LIVE_EVENTS_MAX) return changed.map((c) => updatedEvent(organizationId, c));
  const brands = [...new Set(changed.map((c) => c.brandId))];
  const at = new Date().toISOString();
  return brands.map((brandId) => ({ organizationId, brandId, type: 'inbox.bulk_changed' as const, at }));
}

/** The assignee and status after the action (enough to tell whether it gave an agent capacity back). */
function afterAction(action: BulkAction, c: ConversationState) {
  if (action.kind === 'assign') return { assigneeUserId: action.assigneeUserId, status: c.status };
  if (action.kind === 'status') return { assigneeUserId: c.assigneeUserId, status: action.status };
  return c;
}
