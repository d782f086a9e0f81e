import type { z } from 'zod';
import {
  WORKSPACE_LIMITS,
  type createSavedViewInput,
  type reorderSavedViewsInput,
  type SavedViewItem,
  type updateSavedViewInput,
} from '@perch/shared';
import type { Db, DbOrTx } from '../../db/database.ts';
import { DomainError, forbidden, notFound } from '../../lib/errors.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { isManager, type WorkspaceActor } from '../teams/workspace-actor.ts';
import { assertDefinitionIds, readDefinition } from './saved-view-definition.ts';
import {
  createView,
  deleteView,
  getView,
  listVisibleViews,
  ownViews,
  setViewPositions,
  updateView,
} from './saved-views.repository.ts';

type ViewRow = NonNullable<Awaited<ReturnType<typeof getView>>>;

const mayEdit = (actor: WorkspaceActor, view: ViewRow) =>
  view.ownerUserId === actor.userId || (view.shared && isManager(actor.role));

function toItem(actor: WorkspaceActor, view: ViewRow): SavedViewItem {
  return {
    id: view.id,
    name: view.name,
    shared: view.shared,
    ownerUserId: view.ownerUserId,
    mine: view.ownerUserId === actor.userId,
    editable: mayEdit(actor, view),
    definition: readDefinition(view.definition),
    position: view.position,
    createdAt: view.createdAt.toISOString(),
    updatedAt: view.updatedAt.toISOString(),
  };
}

/** Someone else's personal view does not exist for the caller; a shared one only managers (or its owner) edit. */
async function editableView(db: DbOrTx, actor: WorkspaceActor, viewId: string) {
  const view = await getView(db, actor.organizationId, viewId);
  if (!view || (!view.shared && view.ownerUserId !== actor.userId)) throw notFound('Saved view');
  if (!mayEdit(actor, view)) throw forbidden('Only managers can change a shared view');
  return view;
}

function assertMayShare(actor: WorkspaceActor) {
  if (!isManager(actor.role)) throw forbidden('Only managers can share a view with the organization');
}

const auditView = (v: { name: string; shared: boolean; definition: unknown }) => ({
  name: v.name,
  shared: v.shared,
  definition: readDefinition(v.definition),
});

/** The caller's own views first, then the views others shared, each in its order. */
export async function savedViewsOf(db: DbOrTx, actor: WorkspaceActor): Promise<SavedViewItem[]> {
  const rows = await listVisibleViews(db, actor.organizationId, actor.userId);
  const items = rows.map((row) => toItem(actor, row));
  return [...items.filter((v) => v.mine), ...items.filter((v) => !v.mine)];
}

export function createSavedViewFor(db: Db, actor: WorkspaceActor, input: z.output<typeof createSavedViewInput>) {
  return db.$transaction(async (tx) => {
    if (input.shared) assertMayShare(actor);
    await assertDefinitionIds(tx, actor, input.definition);
    const own = await ownViews(tx, actor.organizationId, actor.userId);
    if (own.length >= WORKSPACE_LIMITS.savedViewsPerUser) {
      throw new DomainError('VALIDATION', `You can have at most ${WORKSPACE_LIMITS.savedViewsPerUser} saved views`);
    }
    const view = await createView(tx, {
      organizationId: actor.organizationId,
      ownerUserId: actor.userId,
      shared: input.shared,
      name: input.name,
      definition: input.definition,
      position: own.reduce((max, v) => Math.max(max, v.position + 1), 0),
    });
    await writeAudit(tx, actor, {
      action: 'savedViews.create',
      targetType: 'saved_view',
      targetId: view.id,
      after: auditView(view),
    });
    return toItem(actor, view);
  });
}

export function updateSavedViewFor(db: Db, actor: WorkspaceActor, input: z.output<typeof updateSavedViewInput>) {
  return db.$transaction(async (tx) => {
    const before = await editableView(tx, actor, input.viewId);
    if (input.shared === true && !before.shared) assertMayShare(actor);
    if (input.definition) await assertDefinitionIds(tx, actor, input.definition);
    const view = await updateView(tx, before.id, {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.shared !== undefined && { shared: input.shared }),
      ...(input.definition !== undefined && { definition: input.definition }),
    });
    await writeAudit(tx, actor, {
      action: 'savedViews.update',
      targetType: 'saved_view',
      targetId: view.id,
      before: auditView(before),
      after: auditView(view),
    });
    return toItem(actor, view);
  });
}

export function deleteSavedViewFor(db: Db, actor: WorkspaceActor, viewId: string) {
  return db.$transaction(async (tx) => {
    const view = await editableView(tx, actor, viewId);
    await deleteView(tx, view.id);
    await writeAudit(tx, actor, {
      action: 'savedViews.delete',
      targetType: 'saved_view',
      targetId: view.id,
      before: { ...auditView(view), ownerUserId: view.ownerUserId },
    });
    return { id: view.id };
  });
}

/**
 * Puts views in a new order: each must be one the caller may edit (their own, or a shared one for managers);
 * they take positions 0, 1, 2… in the order given, so listing all of one's views orders them all.
 */
export function reorderSavedViewsFor(db: Db, actor: WorkspaceActor, input: z.output<typeof reorderSavedViewsInput>) {
  return db.$transaction(async (tx) => {
    if (new Set(input.viewIds).size !== input.viewIds.length) {
      throw new DomainError('VALIDATION', 'Each view may appear only once', { field: 'viewIds' });
    }
    const before: { id: string; position: number }[] = [];
    for (const id of input.viewIds) {
      const view = await editableView(tx, actor, id);
      before.push({ id: view.id, position: view.position });
    }
    await setViewPositions(tx, actor.organizationId, input.viewIds);
    await writeAudit(tx, actor, {
      action: 'savedViews.reorder',
      targetType: 'saved_view',
      targetId: input.viewIds[0]!,
      before: { positions: before },
      after: { viewIds: input.viewIds },
    });
    return savedViewsOf(tx, actor);
  });
}
