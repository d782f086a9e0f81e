import { REPLY_LIMITS } from '@perch/shared';
import type { DbOrTx } from '../../db/database.ts';

const cannedSelect = {
  id: true,
  brandId: true,
  name: true,
  shortcut: true,
  text: true,
  language: true,
  useCount: true,
  updatedAt: true,
} as const;

export type CannedReplyRow = NonNullable<Awaited<ReturnType<typeof getCannedReply>>>;

export interface CannedReplyData {
  name: string;
  shortcut: string | null;
  text: string;
  language: string;
}

/** Prisma's `contains` is a LIKE pattern: %, _ and the escape character itself are searched as written. */
const literal = (s: string) => s.replace(/[\\%_]/gu, (c) => `\\${c}`);

/** The brand's canned replies by name; `search` matches name, shortcut or text, case ignored. */
export function listCannedReplies(
  db: DbOrTx,
  organizationId: string,
  brandId: string,
  filter: { search?: string | undefined; language?: string | undefined },
) {
  const contains = filter.search ? { contains: literal(filter.search), mode: 'insensitive' as const } : null;
  return db.cannedReply.findMany({
    where: {
      organizationId,
      brandId,
      ...(filter.language ? { language: filter.language } : {}),
      ...(contains ? { OR: [{ name: contains }, { shortcut: contains }, { text: contains }] } : {}),
    },
    select: cannedSelect,
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    take: REPLY_LIMITS.cannedPerBrand,
  });
}

export function getCannedReply(db: DbOrTx, organizationId: string, cannedReplyId: string) {
  return db.cannedReply.findFirst({ where: { id: cannedReplyId, organizationId }, select: cannedSelect });
}

export function countBrandCannedReplies(db: DbOrTx, organizationId: string, brandId: string) {
  return db.cannedReply.count({ where: { organizationId, brandId } });
}

/** The brand's canned reply of this name, case ignored ("Refund" is the canned reply "refund"). */
export function findCannedReplyByName(db: DbOrTx, organizationId: string, brandId: string, name: string) {
  return db.cannedReply.findFirst({
    where: { organizationId, brandId, name: { equals: name, mode: 'insensitive' } },
    select: { id: true, name: true },
  });
}

/** The brand's canned reply with this shortcut (shortcuts are stored lower-case). */
export function findCannedReplyByShortcut(db: DbOrTx, organizationId: string, brandId: string, shortcut: string) {
  return db.cannedReply.findFirst({
    where: { organizationId, brandId, shortcut },
    select: { id: true, shortcut: true },
  });
}

export function createCannedReply(
  db: DbOrTx,
  data: CannedReplyData & { organizationId: string; brandId: string; createdByUserId: string },
) {
  return db.cannedReply.create({ data, select: cannedSelect });
}

export function updateCannedReply(db: DbOrTx, cannedReplyId: string, data: CannedReplyData) {
  return db.cannedReply.update({ where: { id: cannedReplyId }, data, select: cannedSelect });
}

export function deleteCannedReply(db: DbOrTx, cannedReplyId: string) {
  return db.cannedReply.delete({ where: { id: cannedReplyId }, select: { id: true } });
}
