import { brandHasFeature } from '../billing/entitlements.ts';
import { ROUTING_DEFAULT_CAPACITY, type AssignmentMode } from '@perch/shared';
import type { Db } from '../../db/database.ts';
import type { EventBus, LiveEvent } from '../../live/event-bus.ts';
import { openLoads } from '../agents/agents.repository.ts';
import { notificationEvent } from '../conversations/conversations.service.ts';
import { updatedEvent } from '../conversations/work-context.ts';
import {
  assignConversation,
  findBrandMode,
  lockBrandRouting,
  lockCandidates,
  lockWaiting,
  touchLastAssigned,
  writeAssignments,
} from './routing.repository.ts';

/** At most this many conversations are assigned (and looked at) per run; a bigger backlog takes more runs. */
export const ROUTING_RUN_MAX = 200;

export interface Candidate {
  membershipId: string;
  userId: string;
  teamIds: string[];
  remaining: number;
  load: number;
  /** Epoch ms of the last automatic assignment (null: never). */
  lastAssigned: number | null;
}

const older = (a: Candidate, b: Candidate) =>
  a.lastAssigned === b.lastAssigned
    ? a.membershipId.localeCompare(b.membershipId)
    : a.lastAssigned === null
      ? -1
      : b.lastAssigned === null
        ? 1
        : a.lastAssigned - b.lastAssigned;

/** The agent for one conversation: among those with capacity left (and in its team, if it has one). */
export function pickCandidate(mode: AssignmentMode, candidates: Candidate[], teamId: string | null) {
  const eligible = candidates.filter((c) => c.remaining > 0 && (teamId === null || c.teamIds.includes(teamId)));
  const order = mode === 'least_loaded' ? (a: Candidate, b: Candidate) => a.load - b.load || older(a, b) : older;
  return eligible.sort(order)[0] ?? null;
}

export interface RoutingDeps {
  db: Db;
  bus?: EventBus;
}

/**
 * Assigns the brand's waiting conversations to its online agents, within their capacity, in one transaction
 * under a per-brand advisory lock (runs of one brand queue up; the candidates' rows are locked too, so runs of
 * two brands sharing an agent never both fill the same capacity). No audit row: it is not a procedure call; each
 * assignment has its `assigned` event (by: 'auto') and notification. Returns how many were assigned.
 */
export async function assignWaiting(deps: RoutingDeps, organizationId: string, brandId: string): Promise<number> {
  const assigned = await deps.db.$transaction(
    async (tx) => {
      await lockBrandRouting(tx, brandId);
      const brand = await findBrandMode(tx, organizationId, brandId);
      if (!brand || brand.assignmentMode === 'manual') return [];
      // The mode stays set after a downgrade; it only assigns while the plan includes it (docs/billing.md).
      if (!(await brandHasFeature(tx, organizationId, brandId, 'auto_assignment'))) return [];
      const mode = brand.assignmentMode;
      const members = await lockCandidates(tx, organizationId, brandId);
      const loads = await openLoads(
        tx,
        organizationId,
        members.map((m) => m.userId),
      );
      const candidates: Candidate[] = members.map((m) => {
        const load = loads.get(m.userId) ?? 0;
        return {
          membershipId: m.id,
          userId: m.userId,
          teamIds: m.teamMemberships.map((t) => t.teamId),
          load,
          remaining: Math.max(0, (m.capacity ?? ROUTING_DEFAULT_CAPACITY) - load),
          lastAssigned: m.lastAssignedAt?.getTime() ?? null,
        };
      });
      const done: { conversationId: string; userId: string; membershipId: string }[] = [];
      const seen: string[] = [];
      const now = Date.now();
      for (;;) {
        const capacity = candidates.reduce((sum, c) => sum + c.remaining, 0);
        const limit = Math.min(capacity, ROUTING_RUN_MAX - seen.length);
        if (limit <= 0) break;
        const waiting = await lockWaiting(tx, organizationId, brandId, seen, limit);
        if (waiting.length === 0) break;
        for (const conversation of waiting) {
          seen.push(conversation.id);
          const agent = pickCandidate(mode, candidates, conversation.teamId);
          if (!agent || !(await assignConversation(tx, organizationId, conversation.id, agent.userId))) continue;
          agent.remaining -= 1;
          agent.load += 1;
          // Distinct, increasing instants keep the round-robin order within one run.
          agent.lastAssigned = now + done.length;
          done.push({ conversationId: conversation.id, userId: agent.userId, membershipId: agent.membershipId });
        }
      }
      await writeAssignments(tx, organizationId, brandId, mode, done);
      for (const c of candidates) {
        if (done.some((d) => d.membershipId === c.membershipId)) {
          await touchLastAssigned(tx, c.membershipId, new Date(c.lastAssigned!));
        }
      }
      return done;
    },
    { timeout: 30_000 },
  );
  if (deps.bus && assigned.length > 0) {
    const events: LiveEvent[] = assigned.map((a) => updatedEvent(organizationId, { id: a.conversationId, brandId }));
    const lastPerAgent = new Map(assigned.map((a) => [a.userId, a.conversationId]));
    for (const [userId, conversationId] of lastPerAgent) {
      events.push(notificationEvent(organizationId, brandId, conversationId, userId));
    }
    await deps.bus.publish(events);
  }
  return assigned.length;
}
