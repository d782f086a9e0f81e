import type { Db } from '../db/database.ts';

/** The P1 baseline: the naive way to store a mention, one `prisma.mention.create` per row. */
export function insertMentionForBaseline(
  db: Db,
  row: { organizationId: string; brandId: string; channelId: string; externalId: string; text: string; postedAt: Date },
) {
  return db.mention.create({ data: row, select: { id: true } });
}
