import { z } from 'zod';
import type { NormalizedMention } from './normalized-mention.ts';

/**
 * The stored payload of one import batch: already-validated mentions (import-parsers.ts did the checking), as
 * JSON. Re-validated when the worker reads it back, so a hand-edited row cannot slip through.
 */
export const IMPORT_BATCH_SIZE = 500;

const storedMention = z.object({
  externalId: z.string().min(1).max(64),
  kind: z.enum(['mention', 'reply', 'quote', 'dm', 'outbound']),
  text: z.string().max(25_000),
  inReplyToExternalId: z.string().max(64).nullable(),
  threadExternalId: z.string().max(64).nullable(),
  postedAt: z.iso.datetime({ offset: true }),
  author: z.object({
    externalUserId: z.string().min(1).max(64),
    username: z.string().max(100),
    displayName: z.string().max(200),
    followers: z.number().int().min(0),
    verified: z.boolean(),
    profileUrl: z.string().max(500).nullable(),
  }),
});
const importBatch = z.object({ mentions: z.array(z.unknown()).max(IMPORT_BATCH_SIZE) });

export function toImportBatch(mentions: NormalizedMention[]) {
  return {
    mentions: mentions.map((m) => ({ ...m, postedAt: m.postedAt.toISOString(), raw: undefined })),
  };
}

export function parseImportBatch(payload: unknown): {
  mentions: NormalizedMention[];
  rejected: { path: string; reason: string }[];
} {
  const batch = importBatch.safeParse(payload);
  if (!batch.success) return { mentions: [], rejected: [{ path: '(root)', reason: batch.error.message }] };
  const mentions: NormalizedMention[] = [];
  const rejected: { path: string; reason: string }[] = [];
  batch.data.mentions.forEach((item, i) => {
    const m = storedMention.safeParse(item);
    if (m.success) mentions.push({ ...m.data, postedAt: new Date(m.data.postedAt), raw: { source: 'import' } });
    else rejected.push({ path: `mentions[${i}]`, reason: m.error.message });
  });
  return { mentions, rejected };
}
