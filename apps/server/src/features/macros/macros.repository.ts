import { AUTOMATION_LIMITS } from '@perch/shared';
import type { DbOrTx } from '../../db/database.ts';
import type { Prisma } from '../../generated/prisma/client.ts';

const macroSelect = {
  id: true,
  brandId: true,
  name: true,
  actions: true,
  createdAt: true,
  updatedAt: true,
} as const;

export type MacroRow = NonNullable<Awaited<ReturnType<typeof getMacro>>>;

/**
 * Macros of the organization usable on the given brands: the organization-wide ones (no brand) plus those of
 * `brandIds` (null: of every brand), by name.
 */
export function listMacros(db: DbOrTx, organizationId: string, brandIds: readonly string[] | null) {
  return db.macro.findMany({
    where: {
      organizationId,
      ...(brandIds ? { OR: [{ brandId: null }, { brandId: { in: [...brandIds] } }] } : {}),
    },
    select: macroSelect,
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    take: AUTOMATION_LIMITS.macrosPerOrganization,
  });
}

export function getMacro(db: DbOrTx, organizationId: string, macroId: string) {
  return db.macro.findFirst({ where: { id: macroId, organizationId }, select: macroSelect });
}

/** The organization's macro of this name, case ignored ("Refund" is the macro "refund"). */
export function findMacroByName(db: DbOrTx, organizationId: string, name: string) {
  return db.macro.findFirst({
    where: { organizationId, name: { equals: name, mode: 'insensitive' } },
    select: { id: true, name: true },
  });
}

export function countMacros(db: DbOrTx, organizationId: string) {
  return db.macro.count({ where: { organizationId } });
}

export function createMacro(
  db: DbOrTx,
  data: { organizationId: string; brandId: string | null; name: string; actions: Prisma.InputJsonValue },
) {
  return db.macro.create({ data, select: macroSelect });
}

export function updateMacro(
  db: DbOrTx,
  macroId: string,
  data: { brandId?: string | null; name?: string; actions?: Prisma.InputJsonValue },
) {
  return db.macro.update({ where: { id: macroId }, data, select: macroSelect });
}

export function deleteMacro(db: DbOrTx, macroId: string) {
  return db.macro.delete({ where: { id: macroId }, select: { id: true } });
}

/** Tags among `tagIds` of the organization, with their brand. */
export function tagsAmong(db: DbOrTx, organizationId: string, tagIds: string[]) {
  return db.tag.findMany({ where: { organizationId, id: { in: tagIds } }, select: { id: true, brandId: true } });
}

/** Teams among `teamIds` of the organization, with the brands they serve (empty: every brand). */
export function teamsAmong(db: DbOrTx, organizationId: string, teamIds: string[]) {
  return db.team.findMany({
    where: { organizationId, id: { in: teamIds } },
    select: { id: true, name: true, brandIds: true },
  });
}
