import type { z } from 'zod';
import {
  AUTOMATION_LIMITS,
  macroActionSchema,
  type createMacroInput,
  type listMacrosInput,
  type MacroAction,
  type MacroItem,
  type updateMacroInput,
} from '@perch/shared';
import type { DbOrTx, Tx } from '../../db/database.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { DomainError, forbidden, notFound } from '../../lib/errors.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { seesBrand } from '../conversations/work-context.ts';
import { assertBrandsInScope, conflict, type WorkspaceActor } from '../teams/workspace-actor.ts';
import {
  countMacros,
  createMacro as insertMacro,
  deleteMacro as removeMacro,
  findMacroByName,
  getMacro,
  listMacros,
  tagsAmong,
  teamsAmong,
  updateMacro as changeMacro,
  type MacroRow,
} from './macros.repository.ts';

const duplicate = (name: string) => conflict(`A macro named "${name}" already exists`);

/** Stored actions, re-read with today's schema: an action an older schema allowed and this one does not is dropped. */
export function readActions(stored: unknown): MacroAction[] {
  if (!Array.isArray(stored)) return [];
  return stored.flatMap((raw) => {
    const parsed = macroActionSchema.safeParse(raw);
    return parsed.success ? [parsed.data] : [];
  });
}

const toItem = (row: MacroRow): MacroItem => ({
  id: row.id,
  brandId: row.brandId,
  name: row.name,
  actions: readActions(row.actions),
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

const auditView = (m: { brandId: string | null; name: string; actions: unknown }) => ({
  brandId: m.brandId,
  name: m.name,
  actions: readActions(m.actions),
});

/** The service is handed a client or a transaction; its writes always run in one transaction. */
function inTransaction<T>(db: DbOrTx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return '$transaction' in db ? db.$transaction(fn) : fn(db);
}

/** Two managers creating the same name at the same moment: the unique index decides. */
async function uniqueName<T>(name: string | undefined, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate(name ?? '');
    throw error;
  }
}

/** A macro of the organization usable by the member: organization-wide, or of a brand they may see. */
export async function macroInScope(
  db: DbOrTx,
  actor: { organizationId: string; brandIds: readonly string[] },
  macroId: string,
) {
  const macro = await getMacro(db, actor.organizationId, macroId);
  if (!macro || (macro.brandId !== null && !seesBrand(actor.brandIds, macro.brandId))) {
    throw notFound('Macro');
  }
  return macro;
}

/** A macro for every brand reaches beyond a brand-restricted manager's brands: they use it but do not manage it. */
function assertManages(actor: WorkspaceActor, brandId: string | null) {
  if (brandId === null && actor.brandIds.length > 0) {
    throw forbidden('A macro for every brand can only be managed by a manager of every brand');
  }
}

async function assertNameFree(db: DbOrTx, organizationId: string, name: string, exceptId?: string) {
  const same = await findMacroByName(db, organizationId, name);
  if (same && same.id !== exceptId) throw duplicate(same.name);
}

const unique = (ids: string[]) => [...new Set(ids)];

/**
 * The ids the actions name: tags of the macro's brand (a macro for every brand cannot hold tag actions, as tags
 * belong to one brand), teams of the organization serving that brand. Anything else reads as missing.
 */
async function assertActionTargets(db: DbOrTx, organizationId: string, brandId: string | null, actions: MacroAction[]) {
  const tagIds = unique(actions.flatMap((a) => (a.type === 'add_tag' || a.type === 'remove_tag' ? [a.tagId] : [])));
  if (tagIds.length > 0) {
    if (brandId === null) {
      throw new DomainError(
        'VALIDATION',
        'Tags belong to one brand: choose the brand of a macro that adds or removes tags',
        {
          field: 'brandId',
        },
      );
    }
    const tags = await tagsAmong(db, organizationId, tagIds);
    if (tags.length !== tagIds.length || tags.some((t) => t.brandId !== brandId)) throw notFound('Tag');
  }
  const teamIds = unique(actions.flatMap((a) => (a.type === 'assign_team' && a.teamId ? [a.teamId] : [])));
  if (teamIds.length > 0) {
    const teams = await teamsAmong(db, organizationId, teamIds);
    if (teams.length !== teamIds.length) throw notFound('Team');
    const elsewhere = brandId && teams.find((t) => t.brandIds.length > 0 && !t.brandIds.includes(brandId));
    if (elsewhere) {
      throw new DomainError('VALIDATION', `The team ${elsewhere.name} does not handle this brand`, {
        field: 'actions',
      });
    }
  }
}

export async function macrosOf(
  db: DbOrTx,
  actor: WorkspaceActor,
  input: z.output<typeof listMacrosInput>,
): Promise<MacroItem[]> {
  if (input.brandId) {
    await assertBrandsInScope(db, actor, [input.brandId]);
    return (await listMacros(db, actor.organizationId, [input.brandId])).map(toItem);
  }
  const rows = await listMacros(db, actor.organizationId, actor.brandIds.length > 0 ? actor.brandIds : null);
  return rows.map(toItem);
}

export function createMacro(
  db: DbOrTx,
  actor: WorkspaceActor,
  input: z.output<typeof createMacroInput>,
): Promise<MacroItem> {
  return uniqueName(input.name, () =>
    inTransaction(db, async (tx) => {
      if (input.brandId) await assertBrandsInScope(tx, actor, [input.brandId]);
      assertManages(actor, input.brandId);
      await assertActionTargets(tx, actor.organizationId, input.brandId, input.actions);
      await assertNameFree(tx, actor.organizationId, input.name);
      if ((await countMacros(tx, actor.organizationId)) >= AUTOMATION_LIMITS.macrosPerOrganization) {
        throw new DomainError(
          'VALIDATION',
          `An organization can have at most ${AUTOMATION_LIMITS.macrosPerOrganization} macros`,
        );
      }
      const macro = await insertMacro(tx, {
        organizationId: actor.organizationId,
        brandId: input.brandId,
        name: input.name,
        actions: input.actions,
      });
      await writeAudit(tx, actor, {
        action: 'macros.create',
        targetType: 'macro',
        targetId: macro.id,
        after: auditView(macro),
      });
      return toItem(macro);
    }),
  );
}

export function updateMacro(
  db: DbOrTx,
  actor: WorkspaceActor,
  input: z.output<typeof updateMacroInput>,
): Promise<MacroItem> {
  return uniqueName(input.name, () =>
    inTransaction(db, async (tx) => {
      const before = await macroInScope(tx, actor, input.macroId);
      assertManages(actor, before.brandId);
      const brandId = input.brandId === undefined ? before.brandId : input.brandId;
      if (brandId !== before.brandId) {
        if (brandId) await assertBrandsInScope(tx, actor, [brandId]);
        assertManages(actor, brandId);
      }
      if (input.brandId !== undefined || input.actions !== undefined) {
        await assertActionTargets(tx, actor.organizationId, brandId, input.actions ?? readActions(before.actions));
      }
      if (input.name !== undefined) await assertNameFree(tx, actor.organizationId, input.name, before.id);
      const macro = await changeMacro(tx, before.id, {
        ...(input.brandId !== undefined && { brandId: input.brandId }),
        ...(input.name !== undefined && { name: input.name }),
        ...(input.actions !== undefined && { actions: input.actions }),
      });
      await writeAudit(tx, actor, {
        action: 'macros.update',
        targetType: 'macro',
        targetId: macro.id,
        before: auditView(before),
        after: auditView(macro),
      });
      return toItem(macro);
    }),
  );
}

export function deleteMacro(db: DbOrTx, actor: WorkspaceActor, macroId: string): Promise<{ id: string }> {
  return inTransaction(db, async (tx) => {
    const macro = await macroInScope(tx, actor, macroId);
    assertManages(actor, macro.brandId);
    await removeMacro(tx, macro.id);
    await writeAudit(tx, actor, {
      action: 'macros.delete',
      targetType: 'macro',
      targetId: macro.id,
      before: auditView(macro),
    });
    return { id: macro.id };
  });
}
