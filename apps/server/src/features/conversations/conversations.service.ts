import type { z } from 'zod';
import {
  canTransition,
  WORK_LIMITS,
  type assignInput,
  type changeStatusInput,
  type changeTagsInput,
  type ConversationActionResult,
  type ConversationStatus,
  type setPriorityInput,
  type setTeamInput,
} from '@perch/shared';
import type { Tx } from '../../db/database.ts';
import { DomainError, notFound } from '../../lib/errors.ts';
import { QUEUES } from '../../queue/queue.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { requestAutomation } from '../automation/automation-triggers.ts';
import { freesCapacity, requestRouting } from '../routing/routing-triggers.ts';
import { staleConflict } from './conflict.ts';
import {
  appendEvents,
  createNotifications,
  findTags,
  findTeam,
  lastChange,
  lockConversations,
  membersAmong,
  updateConversation,
  type ConversationChanges,
  type ConversationState,
  type NewEvent,
} from './conversations.repository.ts';
import { seesBrand, toResult, updatedEvent, worksOn, type WorkActor, type WorkDeps } from './work-context.ts';

export type Target = { conversationId: string; expectedVersion: number };
export type EventSpec = Omit<NewEvent, 'conversationId' | 'brandId' | 'actorUserId'>;
export interface Plan {
  changes: ConversationChanges;
  events: EventSpec[];
  /** Extra work in the same transaction (a wake-up job, a notification). */
  also?: (tx: Tx, conversation: ConversationState) => Promise<void>;
  recipients?: string[];
}

/** The conversation, locked, if the member may see it (another brand's reads as missing). */
export async function lockVisible(tx: Tx, actor: WorkActor, conversationId: string) {
  const [conversation] = await lockConversations(tx, actor.organizationId, [conversationId]);
  if (!conversation || !seesBrand(actor.brandIds, conversation.brandId)) throw notFound('Conversation');
  return conversation;
}

/** The stale-action guard: the version the caller saw must still be the current one. */
export async function assertFresh(tx: Tx, actor: WorkActor, conversation: ConversationState, expectedVersion: number) {
  if (conversation.version === expectedVersion) return;
  const change = await lastChange(tx, actor.organizationId, conversation.id);
  throw staleConflict(change, conversation.version);
}

/**
 * One action on one conversation: lock, check scope and version, apply the plan, bump the version, append its
 * events and one audit row, all in one transaction; the live event is published after COMMIT, then the brand's
 * `conversation_updated` automation rules are asked to run.
 */
export async function act(
  deps: WorkDeps,
  actor: WorkActor,
  target: Target,
  action: string,
  plan: (tx: Tx, conversation: ConversationState) => Promise<Plan> | Plan,
): Promise<ConversationActionResult> {
  const { result, brandId, recipients, freed } = await deps.db.$transaction(async (tx) => {
    const before = await lockVisible(tx, actor, target.conversationId);
    // Stale first: a decision made on an old view is re-made on the new one, whatever it would have failed on.
    await assertFresh(tx, actor, before, target.expectedVersion);
    const p = await plan(tx, before);
    const after = await updateConversation(tx, actor.organizationId, before.id, p.changes);
    await appendEvents(
      tx,
      actor.organizationId,
      p.events.map((e) => ({ ...e, conversationId: before.id, brandId: before.brandId, actorUserId: actor.userId })),
    );
    await p.also?.(tx, after);
    await writeAudit(tx, actor, {
      action,
      targetType: 'conversation',
      targetId: before.id,
      before: auditView(before),
      after: auditView(after),
    });
    return {
      result: toResult(after),
      brandId: before.brandId,
      recipients: p.recipients ?? [],
      freed: freesCapacity(before, after),
    };
  });
  await deps.bus.publish([
    updatedEvent(actor.organizationId, { id: result.id, brandId }),
    ...recipients.map((userId) => notificationEvent(actor.organizationId, brandId, result.id, userId)),
  ]);
  // Automatic assignment (features/routing): the agent's freed capacity goes to the brand's backlog.
  if (freed) await requestRouting(deps, actor.organizationId, [brandId]);
  await requestAutomation(deps, 'conversation_updated', [
    { organizationId: actor.organizationId, brandId, conversationId: result.id },
  ]);
  return result;
}

export const notificationEvent = (organizationId: string, brandId: string, conversationId: string, userId: string) => ({
  organizationId,
  brandId,
  conversationId,
  userId,
  type: 'notification.created' as const,
  at: new Date().toISOString(),
});

const auditView = (s: ConversationState | Omit<ConversationState, 'customerId'>) => ({
  version: s.version,
  status: s.status,
  priority: s.priority,
  assigneeUserId: s.assigneeUserId,
  teamId: s.teamId,
  tagIds: s.tagIds,
  snoozedUntil: s.snoozedUntil?.toISOString() ?? null,
});

const reason = (from: ConversationStatus, to: ConversationStatus) =>
  from === 'resolved'
    ? 'A resolved conversation can only be reopened'
    : from === to
      ? `The conversation is already ${to}`
      : `A ${from} conversation cannot be set to ${to}`;

/** A snooze end: in the future, at most WORK_LIMITS.snoozeMaxDays ahead. */
export function snoozeEnd(iso: string | undefined, now = new Date()): Date {
  if (!iso) throw new DomainError('VALIDATION', 'Choose when the snooze ends', { field: 'snoozedUntil' });
  const until = new Date(iso);
  if (until.getTime() <= now.getTime()) {
    throw new DomainError('VALIDATION', 'The snooze must end in the future', { field: 'snoozedUntil' });
  }
  if (until.getTime() > now.getTime() + WORK_LIMITS.snoozeMaxDays * 86_400_000) {
    throw new DomainError('VALIDATION', `A snooze lasts at most ${WORK_LIMITS.snoozeMaxDays} days`, {
      field: 'snoozedUntil',
    });
  }
  return until;
}

/** The changes and event of a status change (shared with bulk). */
export function statusPlan(
  from: ConversationState,
  to: ConversationStatus,
  snoozedUntil: Date | null,
): { changes: ConversationChanges; event: EventSpec } {
  if (!canTransition(from.status, to)) {
    throw new DomainError('VALIDATION', reason(from.status, to), { field: 'status' });
  }
  const now = new Date();
  const changes: ConversationChanges = { status: to, snoozedUntil: to === 'snoozed' ? snoozedUntil : null };
  if (to === 'resolved') changes.resolvedAt = now;
  if (from.status === 'resolved') {
    // A new episode: SLA clocks and metrics count from the reopening.
    changes.resolvedAt = null;
    changes.episodeStartedAt = now;
    return { changes, event: { type: 'reopened', data: { from: from.status, to } } };
  }
  if (to === 'snoozed') {
    return { changes, event: { type: 'snoozed', data: { from: from.status, until: snoozedUntil!.toISOString() } } };
  }
  return { changes, event: { type: 'status_changed', data: { from: from.status, to } } };
}

export async function scheduleWake(deps: WorkDeps, tx: Tx, organizationId: string, id: string, until: Date) {
  await deps.queue.enqueueInTransaction(
    tx,
    QUEUES.wake.name,
    { organizationId, conversationId: id, until: until.toISOString() },
    { startAfter: until },
  );
}

export function changeStatus(deps: WorkDeps, actor: WorkActor, input: z.output<typeof changeStatusInput>) {
  if (input.status !== 'snoozed' && input.snoozedUntil !== undefined) {
    throw new DomainError('VALIDATION', 'Only a snooze has an end time', { field: 'snoozedUntil' });
  }
  const until = input.status === 'snoozed' ? snoozeEnd(input.snoozedUntil) : null;
  return act(deps, actor, input, 'conversations.changeStatus', (_tx, c) => {
    const { changes, event } = statusPlan(c, input.status, until);
    return {
      changes,
      events: [event],
      also: until ? (tx) => scheduleWake(deps, tx, actor.organizationId, c.id, until) : undefined,
    };
  });
}

/** The assignee must be a member with a working role who may see the conversation's brand. */
export async function assertAssignable(tx: Tx, actor: WorkActor, userId: string, brandIds: string[]) {
  const [member] = await membersAmong(tx, actor.organizationId, [userId]);
  if (!member || !brandIds.every((b) => worksOn(member, b))) throw notFound('Member');
  return member;
}

function assignmentPlan(actor: WorkActor, c: ConversationState, assigneeUserId: string | null): Plan {
  const events: EventSpec[] = assigneeUserId
    ? [{ type: 'assigned', data: { assigneeUserId, previousUserId: c.assigneeUserId } }]
    : [{ type: 'unassigned', data: { previousUserId: c.assigneeUserId } }];
  const notify = assigneeUserId && assigneeUserId !== actor.userId && assigneeUserId !== c.assigneeUserId;
  return {
    changes: { assigneeUserId },
    events,
    recipients: notify ? [assigneeUserId] : [],
    also: notify
      ? (tx) =>
          createNotifications(tx, [
            {
              organizationId: actor.organizationId,
              userId: assigneeUserId,
              kind: 'assigned',
              conversationId: c.id,
              actorUserId: actor.userId,
              data: {},
            },
          ])
      : undefined,
  };
}

export function assign(deps: WorkDeps, actor: WorkActor, input: z.output<typeof assignInput>) {
  return act(deps, actor, input, 'conversations.assign', async (tx, c) => {
    if (input.assigneeUserId) await assertAssignable(tx, actor, input.assigneeUserId, [c.brandId]);
    return assignmentPlan(actor, c, input.assigneeUserId);
  });
}

/** Take the conversation: refused (CONFLICT, naming who holds it) when a colleague already does. */
export function claim(deps: WorkDeps, actor: WorkActor, input: Target) {
  return act(deps, actor, input, 'conversations.claim', async (tx, c) => {
    if (c.assigneeUserId && c.assigneeUserId !== actor.userId) {
      const change = await lastChange(tx, actor.organizationId, c.id);
      throw staleConflict(change, c.version, 'so it is no longer free to take.');
    }
    return assignmentPlan(actor, c, actor.userId);
  });
}

export function setTeam(deps: WorkDeps, actor: WorkActor, input: z.output<typeof setTeamInput>) {
  return act(deps, actor, input, 'conversations.setTeam', async (tx, c) => {
    if (input.teamId) {
      const team = await findTeam(tx, actor.organizationId, input.teamId);
      if (!team) throw notFound('Team');
      if (team.brandIds.length > 0 && !team.brandIds.includes(c.brandId)) {
        throw new DomainError('VALIDATION', `The team ${team.name} does not handle this brand`, { field: 'teamId' });
      }
    }
    return {
      changes: { teamId: input.teamId },
      events: [{ type: 'team_changed', data: { from: c.teamId, to: input.teamId } }],
    };
  });
}

export function setPriority(deps: WorkDeps, actor: WorkActor, input: z.output<typeof setPriorityInput>) {
  return act(deps, actor, input, 'conversations.setPriority', (_tx, c) => ({
    changes: { priority: input.priority },
    events: [{ type: 'priority_changed', data: { from: c.priority, to: input.priority } }],
  }));
}

/** Tags of the conversation's brand only: another brand's or organization's tag reads as missing. */
export async function assertBrandTags(tx: Tx, organizationId: string, brandIds: string[], tagIds: string[]) {
  const unique = [...new Set(tagIds)];
  if (unique.length === 0) return;
  const tags = await findTags(tx, organizationId, unique);
  if (tags.length !== unique.length || tags.some((t) => !brandIds.every((b) => b === t.brandId))) {
    throw notFound('Tag');
  }
}

export function nextTags(current: string[], add: string[], remove: string[]): string[] {
  const removed = new Set(remove);
  const next = [...new Set([...current, ...add])].filter((id) => !removed.has(id));
  if (next.length > WORK_LIMITS.tagsPerConversation) {
    throw new DomainError('VALIDATION', `A conversation has at most ${WORK_LIMITS.tagsPerConversation} tags`, {
      field: 'add',
    });
  }
  return next;
}

export function changeTags(deps: WorkDeps, actor: WorkActor, input: z.output<typeof changeTagsInput>) {
  return act(deps, actor, input, 'conversations.changeTags', async (tx, c) => {
    await assertBrandTags(tx, actor.organizationId, [c.brandId], [...input.add, ...input.remove]);
    const tagIds = nextTags(c.tagIds, input.add, input.remove);
    return {
      changes: { tagIds },
      events: [{ type: 'tags_changed', data: { added: input.add, removed: input.remove } }],
    };
  });
}
