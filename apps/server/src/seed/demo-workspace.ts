import type { Tx } from '../db/database.ts';
import { seedDemoAutomation } from './demo-automation.ts';
import { seedDemoCannedReplies } from './demo-canned-replies.ts';
import { stableId } from './factories.ts';

/** A demo team: its members by the people's `local` name, and the brands it serves (none: every brand). */
export interface DemoTeam {
  name: string;
  members: string[];
  brands?: string[];
}

/** Who is at work when the demo starts, and how many open conversations auto-assignment may give them. */
export interface DemoShift {
  local: string;
  availability: 'online' | 'away' | 'offline';
  capacity: number;
}

/**
 * The demo's workspace (issue #4): teams serving brands, agents' availability and capacity, and the extra tags
 * managers use by hand (the keyword rules' tags are seeded with the rules), then the automation rules and macros
 * that use them (demo-automation.ts). Stable ids, like the rest of the demo.
 */
export async function seedDemoWorkspace(
  tx: Tx,
  organizationId: string,
  spec: {
    slug: string;
    teams: DemoTeam[];
    shifts: DemoShift[];
    tags: { brand: string; name: string; color: string }[];
  },
  ids: { users: Map<string, string>; memberships: Map<string, string>; brands: Map<string, string> },
) {
  for (const team of spec.teams) {
    const teamId = stableId(`team:${organizationId}:${team.name}`);
    await tx.team.create({
      data: {
        id: teamId,
        organizationId,
        name: team.name,
        brandIds: (team.brands ?? []).map((b) => must(ids.brands, b)),
        members: { create: team.members.map((local) => ({ membershipId: must(ids.memberships, local) })) },
      },
      select: { id: true },
    });
  }
  for (const shift of spec.shifts) {
    await tx.membership.update({
      where: { id: must(ids.memberships, shift.local) },
      data: { availability: shift.availability, capacity: shift.capacity },
      select: { id: true },
    });
  }
  for (const tag of spec.tags) {
    const brandId = must(ids.brands, tag.brand);
    await tx.tag.create({
      data: { id: stableId(`tag:${brandId}:${tag.name}`), organizationId, brandId, name: tag.name, color: tag.color },
      select: { id: true },
    });
  }
  await seedDemoAutomation(tx, organizationId, spec.slug, ids);
  await seedDemoCannedReplies(tx, organizationId, spec.slug, ids);
}

function must(map: Map<string, string>, key: string): string {
  const value = map.get(key);
  if (!value) throw new Error(`demo seed: unknown ${key}`);
  return value;
}
