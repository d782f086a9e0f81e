import type { z } from 'zod';
import {
  REPLY_LIMITS,
  type CannedReplyItem,
  type createCannedReplyInput,
  type listCannedRepliesInput,
  type updateCannedReplyInput,
} from '@perch/shared';
import type { Db, DbOrTx } from '../../db/database.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { DomainError, notFound } from '../../lib/errors.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { assertBrandsInScope, conflict, seesBrand, type WorkspaceActor } from '../teams/workspace-actor.ts';
import {
  countBrandCannedReplies,
  createCannedReply as insertCannedReply,
  deleteCannedReply as removeCannedReply,
  findCannedReplyByName,
  findCannedReplyByShortcut,
  getCannedReply,
  listCannedReplies,
  updateCannedReply as changeCannedReply,
  type CannedReplyData,
  type CannedReplyRow,
} from './canned-replies.repository.ts';

const duplicateName = (name: string) => conflict(`This brand already has a canned reply named "${name}"`, 'name');
const duplicateShortcut = (shortcut: string) =>
  conflict(`This brand already has a canned reply with the shortcut /${shortcut}`, 'shortcut');

const toItem = (row: CannedReplyRow): CannedReplyItem => ({
  id: row.id,
  brandId: row.brandId,
  name: row.name,
  shortcut: row.shortcut,
  text: row.text,
  language: row.language,
  useCount: row.useCount,
  updatedAt: row.updatedAt.toISOString(),
});

const auditView = (c: CannedReplyData & { brandId: string }) => ({
  brandId: c.brandId,
  name: c.name,
  shortcut: c.shortcut,
  text: c.text,
  language: c.language,
});

/** A canned reply of a brand the member may see; another tenant's or another brand's reads as missing. */
async function cannedReplyInScope(db: DbOrTx, actor: WorkspaceActor, cannedReplyId: string) {
  const canned = await getCannedReply(db, actor.organizationId, cannedReplyId);
  if (!canned || !seesBrand(actor, canned.brandId)) throw notFound('Canned reply');
  return canned;
}

/** Names (case ignored) and shortcuts are unique per brand; the message names the field that collides. */
async function assertFree(
  db: DbOrTx,
  actor: WorkspaceActor,
  brandId: string,
  data: CannedReplyData,
  exceptId?: string,
) {
  const sameName = await findCannedReplyByName(db, actor.organizationId, brandId, data.name);
  if (sameName && sameName.id !== exceptId) throw duplicateName(sameName.name);
  if (data.shortcut === null) return;
  const sameShortcut = await findCannedReplyByShortcut(db, actor.organizationId, brandId, data.shortcut);
  if (sameShortcut && sameShortcut.id !== exceptId) throw duplicateShortcut(data.shortcut);
}

/**
 * Two managers saving the same name or shortcut at the same moment: a unique index decides, and the winner's row
 * (committed by then) tells which field collided.
 */
async function uniqueFields<T>(
  db: Db,
  actor: WorkspaceActor,
  target: () => { brandId: string; exceptId?: string } | undefined,
  data: CannedReplyData,
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    const where = target();
    if (!isUniqueViolation(error) || !where) throw error;
    const sameName = await findCannedReplyByName(db, actor.organizationId, where.brandId, data.name);
    throw sameName && sameName.id !== where.exceptId
      ? duplicateName(sameName.name)
      : duplicateShortcut(data.shortcut ?? '');
  }
}

const fieldsOf = (input: CannedReplyData): CannedReplyData => ({
  name: input.name,
  shortcut: input.shortcut,
  text: input.text,
  language: input.language,
});

export async function cannedRepliesOf(
  db: DbOrTx,
  actor: WorkspaceActor,
  input: z.output<typeof listCannedRepliesInput>,
): Promise<CannedReplyItem[]> {
  await assertBrandsInScope(db, actor, [input.brandId]);
  const rows = await listCannedReplies(db, actor.organizationId, input.brandId, {
    search: input.search || undefined,
    language: input.language,
  });
  return rows.map(toItem);
}

export function createCannedReply(
  db: Db,
  actor: WorkspaceActor,
  input: z.output<typeof createCannedReplyInput>,
): Promise<CannedReplyItem> {
  const data = fieldsOf(input);
  return uniqueFields(
    db,
    actor,
    () => ({ brandId: input.brandId }),
    data,
    () =>
      db.$transaction(async (tx) => {
        await assertBrandsInScope(tx, actor, [input.brandId]);
        await assertFree(tx, actor, input.brandId, data);
        if ((await countBrandCannedReplies(tx, actor.organizationId, input.brandId)) >= REPLY_LIMITS.cannedPerBrand) {
          throw new DomainError('VALIDATION', `A brand can have at most ${REPLY_LIMITS.cannedPerBrand} canned replies`);
        }
        const canned = await insertCannedReply(tx, {
          ...data,
          organizationId: actor.organizationId,
          brandId: input.brandId,
          createdByUserId: actor.userId,
        });
        await writeAudit(tx, actor, {
          action: 'cannedReplies.create',
          targetType: 'cannedReply',
          targetId: canned.id,
          after: auditView(canned),
        });
        return toItem(canned);
      }),
  );
}

export function updateCannedReply(
  db: Db,
  actor: WorkspaceActor,
  input: z.output<typeof updateCannedReplyInput>,
): Promise<CannedReplyItem> {
  const data = fieldsOf(input);
  let brandId: string | undefined;
  return uniqueFields(
    db,
    actor,
    () => (brandId ? { brandId, exceptId: input.cannedReplyId } : undefined),
    data,
    () =>
      db.$transaction(async (tx) => {
        const before = await cannedReplyInScope(tx, actor, input.cannedReplyId);
        brandId = before.brandId;
        await assertFree(tx, actor, before.brandId, data, before.id);
        const canned = await changeCannedReply(tx, before.id, data);
        await writeAudit(tx, actor, {
          action: 'cannedReplies.update',
          targetType: 'cannedReply',
          targetId: canned.id,
          before: auditView(before),
          after: auditView(canned),
        });
        return toItem(canned);
      }),
  );
}

export function deleteCannedReply(db: Db, actor: WorkspaceActor, cannedReplyId: string): Promise<{ id: string }> {
  return db.$transaction(async (tx) => {
    const canned = await cannedReplyInScope(tx, actor, cannedReplyId);
    await removeCannedReply(tx, canned.id);
    await writeAudit(tx, actor, {
      action: 'cannedReplies.delete',
      targetType: 'cannedReply',
      targetId: canned.id,
      before: auditView(canned),
    });
    return { id: canned.id };
  });
}
