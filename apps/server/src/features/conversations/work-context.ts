import { WORKERS } from '../../trpc/policy-types.ts';
import type { ConversationActionResult, Role } from '@perch/shared';
import type { Db } from '../../db/database.ts';
import type { EventBus, LiveEvent } from '../../live/event-bus.ts';
import type { Queue } from '../../queue/queue.ts';
import type { OrgActor } from '../members/members.service.ts';
import type { ConversationState } from './conversations.repository.ts';

/** The caller, with the brands their membership is limited to (empty: every brand of the organization). */
export type WorkActor = OrgActor & { brandIds: readonly string[] };

/** What the conversation actions need beyond the database: the queue (snooze wake-ups) and the live bus. */
export interface WorkDeps {
  db: Db;
  bus: EventBus;
  queue: Queue;
}

/** Whether a member limited to `memberBrandIds` (empty: all) may see the brand. */
export const seesBrand = (memberBrandIds: readonly string[], brandId: string) =>
  memberBrandIds.length === 0 || memberBrandIds.includes(brandId);

/** A member who may work conversations of the brand: a working role, and the brand within their reach. */
export const worksOn = (member: { role: Role; brandIds: readonly string[] }, brandId: string) =>
  WORKERS.includes(member.role) && seesBrand(member.brandIds, brandId);

export function toResult(s: Omit<ConversationState, 'customerId' | 'brandId'>): ConversationActionResult {
  return {
    id: s.id,
    version: s.version,
    status: s.status,
    priority: s.priority,
    assigneeUserId: s.assigneeUserId,
    teamId: s.teamId,
    tagIds: s.tagIds,
    snoozedUntil: s.snoozedUntil?.toISOString() ?? null,
    resolvedAt: s.resolvedAt?.toISOString() ?? null,
  };
}

export function updatedEvent(organizationId: string, c: { id: string; brandId: string }): LiveEvent {
  return {
    organizationId,
    brandId: c.brandId,
    type: 'conversation.updated',
    conversationId: c.id,
    at: new Date().toISOString(),
  };
}
