import type { AssignmentMode, Priority } from '@perch/shared';
import type { Db } from '../../db/database.ts';
import type { TenantFixture } from '../../../test/harness.ts';

export type WorkerRole = 'owner' | 'admin' | 'manager' | 'agent';

/**
 * A brand routed in `mode`, with one team (serving every brand) of the given members, each with an availability
 * and a capacity (undefined: unset).
 */
export async function routedBrand(
  db: Db,
  t: TenantFixture,
  mode: AssignmentMode,
  members: Partial<Record<WorkerRole, { availability?: string; capacity?: number }>>,
) {
  const brandId = t.brandIds[0]!;
  await db.brand.update({ where: { id: brandId }, data: { assignmentMode: mode } });
  const team = await db.team.create({
    data: { organizationId: t.organizationId, name: `Desk ${mode}` },
    select: { id: true },
  });
  for (const [role, spec] of Object.entries(members) as [WorkerRole, { availability?: string; capacity?: number }][]) {
    const membershipId = t.users[role].membershipId;
    await db.membership.update({
      where: { id: membershipId },
      data: { availability: spec.availability ?? 'online', capacity: spec.capacity ?? null },
    });
    await db.teamMember.create({ data: { teamId: team.id, membershipId } });
  }
  return { brandId, teamId: team.id };
}

/** Waiting (or assigned) conversations of the brand, one customer, in the order given. */
export async function conversationsOf(
  db: Db,
  t: TenantFixture,
  brandId: string,
  specs: { priority?: Priority; teamId?: string; assigneeUserId?: string; status?: 'new' | 'open' }[],
) {
  const customer = await db.customer.create({
    data: { organizationId: t.organizationId, displayName: 'Routing customer' },
    select: { id: true },
  });
  const ids: string[] = [];
  for (const s of specs) {
    const row = await db.conversation.create({
      data: {
        organizationId: t.organizationId,
        brandId,
        customerId: customer.id,
        status: s.status ?? 'new',
        priority: s.priority ?? 'normal',
        teamId: s.teamId ?? null,
        assigneeUserId: s.assigneeUserId ?? null,
        waitingSince: new Date(),
      },
      select: { id: true },
    });
    ids.push(row.id);
  }
  return ids;
}

export async function assigneesOf(db: Db, ids: string[]) {
  const rows = await db.conversation.findMany({
    where: { id: { in: ids } },
    select: { id: true, assigneeUserId: true, version: true },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)!);
}
