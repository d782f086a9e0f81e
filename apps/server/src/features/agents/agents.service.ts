import { AVAILABILITIES, ROUTING_DEFAULT_CAPACITY, type AgentItem, type Availability } from '@perch/shared';
import type { Db } from '../../db/database.ts';
import type { Queue } from '../../queue/queue.ts';
import { DomainError, notFound } from '../../lib/errors.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { requestRouting } from '../routing/routing-triggers.ts';
import { isWorkingRole } from '../teams/teams.repository.ts';
import type { WorkspaceActor } from '../teams/workspace-actor.ts';
import { getMembership, listWorkingMembers, openLoads, setAvailability, setCapacity } from './agents.repository.ts';

/** A stored value outside the known set (older data) reads as offline: never routes work to someone by mistake. */
const asAvailability = (value: string): Availability =>
  (AVAILABILITIES as readonly string[]).includes(value) ? (value as Availability) : 'offline';

export async function agentsOf(db: Db, actor: WorkspaceActor): Promise<AgentItem[]> {
  const members = await listWorkingMembers(db, actor.organizationId);
  const loads = await openLoads(
    db,
    actor.organizationId,
    members.map((m) => m.user.id),
  );
  return members.map((m) => ({
    membershipId: m.id,
    userId: m.user.id,
    name: m.user.name,
    email: m.user.email,
    role: m.role,
    availability: asAvailability(m.availability),
    capacity: m.capacity,
    needsApproval: m.needsApproval,
    openCount: loads.get(m.user.id) ?? 0,
    brandIds: m.brandIds,
    teams: m.teamMemberships.map((t) => t.team).sort((a, b) => a.name.localeCompare(b.name)),
  }));
}

/** The caller's own availability (online / away / offline); audited like every mutation (S12). */
export async function setAvailabilityFor(db: Db, actor: WorkspaceActor, availability: Availability, queue?: Queue) {
  const result = await db.$transaction(async (tx) => {
    const before = await getMembership(tx, actor.organizationId, actor.membershipId);
    if (!before) throw notFound('Member');
    await setAvailability(tx, before.id, availability);
    await writeAudit(tx, actor, {
      action: 'agents.setAvailability',
      targetType: 'membership',
      targetId: before.id,
      before: { availability: before.availability },
      after: { availability },
    });
    return { membershipId: before.id, availability, changed: before.availability !== availability };
  });
  // Automatic assignment (features/routing): an agent coming online is given the waiting backlog.
  if (queue && result.changed && availability === 'online') {
    await requestRouting({ db, queue }, actor.organizationId, actor.brandIds.length > 0 ? actor.brandIds : null);
  }
  return result;
}

/** A working member's capacity (max open conversations for automatic assignment); null: no limit. */
export async function setCapacityFor(
  db: Db,
  actor: WorkspaceActor,
  input: { membershipId: string; capacity: number | null },
  queue?: Queue,
) {
  const result = await db.$transaction(async (tx) => {
    const before = await getMembership(tx, actor.organizationId, input.membershipId);
    if (!before) throw notFound('Member');
    if (!isWorkingRole(before.role)) {
      throw new DomainError('VALIDATION', 'Only members who work conversations have a capacity', {
        field: 'membershipId',
      });
    }
    await setCapacity(tx, before.id, input.capacity);
    await writeAudit(tx, actor, {
      action: 'agents.setCapacity',
      targetType: 'membership',
      targetId: before.id,
      before: { capacity: before.capacity },
      after: { capacity: input.capacity },
    });
    return { membershipId: before.id, capacity: input.capacity, raised: raises(before.capacity, input.capacity) };
  });
  // Automatic assignment (features/routing): a raised capacity takes more of the backlog.
  if (queue && result.raised) await requestRouting({ db, queue }, actor.organizationId, null);
  return { membershipId: result.membershipId, capacity: result.capacity };
}

const raises = (from: number | null, to: number | null) =>
  (to ?? ROUTING_DEFAULT_CAPACITY) > (from ?? ROUTING_DEFAULT_CAPACITY);
