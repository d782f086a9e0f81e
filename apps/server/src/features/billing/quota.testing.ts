import type { Db } from '../../db/database.ts';
import type { NormalizedMention } from '../ingest/normalized-mention.ts';
import { periodOf } from './billing-period.ts';
import { serializeHeld } from './quota-hold.ts';

let seq = 0;

/** A post as ingest hands it over (tests of the hold and the release). */
export function heldTestMention(over: Partial<NormalizedMention> & { externalId?: string } = {}): NormalizedMention {
  const externalId = over.externalId ?? `held-${Date.now()}-${++seq}`;
  return {
    externalId,
    kind: 'mention',
    text: `@Brand my parcel ${externalId} is late`,
    inReplyToExternalId: null,
    threadExternalId: null,
    postedAt: new Date(),
    author: {
      externalUserId: `author-${externalId}`,
      username: `shipper${seq}`,
      displayName: 'Shipper',
      followers: 12,
      verified: false,
      profileUrl: null,
    },
    raw: { id: externalId },
    ...over,
  };
}

/** One held mention of the brand on the channel (as the hold would have written it); returns its id. */
export async function createHeldMentionFixture(
  db: Db,
  scope: { organizationId: string; brandId: string; channelId: string },
  mention: NormalizedMention = heldTestMention(),
): Promise<string> {
  const row = await db.heldMention.create({
    data: {
      ...scope,
      externalId: mention.externalId,
      network: 'webhook',
      payload: JSON.parse(JSON.stringify(serializeHeld(mention))) as object,
      postedAt: mention.postedAt,
    },
    select: { id: true },
  });
  return row.id;
}

/** Sets a brand's metered mentions for the month of `at` (tests of the hold, the release and the warnings). */
export async function setMonthUsage(
  db: Db,
  organizationId: string,
  brandId: string,
  quantity: number,
  at = new Date(),
) {
  const periodStart = periodOf(at).start;
  await db.usageRecord.upsert({
    where: { organizationId_brandId_metric_periodStart: { organizationId, brandId, metric: 'mentions', periodStart } },
    create: { organizationId, brandId, metric: 'mentions', periodStart, quantity },
    update: { quantity },
  });
}
