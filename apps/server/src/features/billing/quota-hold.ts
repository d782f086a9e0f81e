import type { BrandEntitlements } from '@perch/shared';
import { v7 as uuidv7 } from 'uuid';
import type { DbOrTx, Tx } from '../../db/database.ts';
import type { NormalizedMention } from '../ingest/normalized-mention.ts';
import { periodOf } from './billing-period.ts';
import { catalogOf } from './entitlements.ts';
import { insertHeldMentions, mentionsUsed } from './quota-hold.repository.ts';

/**
 * The over-quota hold (docs/billing.md, "Quotas: hold and warnings"). A brand whose plan sells no overage (Free)
 * has a hard monthly quota: the inbound posts of the current month beyond it are not threaded nor stored as
 * mentions but kept in `HeldMention`, exactly as ingest received them, until the next period or an upgrade releases
 * them (quota-release.ts). Nothing is lost; nothing over a Free quota is billed. Outbound posts (the brand's own)
 * and posts of earlier months (history imports) are never held.
 */

/** A plan bills what is over its quota, or holds it. */
export const holdsOverQuota = (plan: { overagePer1kCents: number }) => plan.overagePer1kCents === 0;

/** Whether the brand's plan holds what is over its quota (Free): one cached catalog read, no query. */
export async function brandHoldsOverQuota(tx: DbOrTx, entitlements: BrandEntitlements | null): Promise<boolean> {
  if (!entitlements) return false;
  const plan = (await catalogOf(tx)).get(entitlements.planId);
  return plan ? holdsOverQuota(plan) : false;
}

/**
 * Splits a batch's fresh posts, in batch order, into those stored and those held, given the `room` left in the
 * period's quota. Posts that count in the period (posted in it, or all of them when released) use up the room:
 * outbound ones too (they are metered) though they are never held.
 */
export function splitOverQuota(
  fresh: readonly NormalizedMention[],
  room: number,
  periodStart: Date,
  releasing: boolean,
): { store: NormalizedMention[]; hold: NormalizedMention[] } {
  const store: NormalizedMention[] = [];
  const hold: NormalizedMention[] = [];
  let left = room;
  for (const m of fresh) {
    const counts = releasing || m.postedAt.getTime() >= periodStart.getTime();
    if (!counts) store.push(m);
    else if (m.kind === 'outbound' || left > 0) {
      store.push(m);
      left--;
    } else hold.push(m);
  }
  return { store, hold };
}

/**
 * Inside the batch's transaction (the brand's ingest lock is held): for a brand with a hard quota, keeps aside the
 * fresh posts over it and returns those to store. One usage read per batch, only for such a brand and only when
 * the batch has posts of the period; nothing for a paid brand.
 */
export async function holdOverQuota(
  tx: Tx,
  scope: { organizationId: string; brandId: string; channelId: string; network: string },
  /** The brand's entitlements when its plan holds what is over its quota (brandHoldsOverQuota); else null. */
  entitlements: BrandEntitlements | null,
  fresh: NormalizedMention[],
  releasedAt: Date | undefined,
): Promise<{ store: NormalizedMention[]; held: number }> {
  if (!entitlements) return { store: fresh, held: 0 };
  const periodStart = periodOf(releasedAt ?? new Date()).start;
  const counted = fresh.some((m) => releasedAt || (m.kind !== 'outbound' && m.postedAt >= periodStart));
  if (!counted) return { store: fresh, held: 0 };
  const used = await mentionsUsed(tx, scope.organizationId, scope.brandId, periodStart);
  const room = Math.max(0, entitlements.monthlyMentions - used);
  const { store, hold } = splitOverQuota(fresh, room, periodStart, releasedAt !== undefined);
  if (hold.length === 0) return { store, held: 0 };
  const held = await insertHeldMentions(
    tx,
    scope,
    hold.map((m) => ({
      id: uuidv7(),
      externalId: m.externalId,
      payload: JSON.stringify(serializeHeld(m)),
      postedAt: m.postedAt,
    })),
  );
  return { store, held };
}

/** The stored form of a held post: the NormalizedMention with its dates as ISO strings (version 1). */
export interface HeldPayload extends Omit<NormalizedMention, 'postedAt'> {
  v: 1;
  postedAt: string;
}

export function serializeHeld(m: NormalizedMention): HeldPayload {
  return { v: 1, ...m, postedAt: m.postedAt.toISOString() };
}

/** The post exactly as ingest received it (what serializeHeld stored). */
export function reviveHeld(payload: unknown): NormalizedMention {
  const p = payload as Partial<HeldPayload> | null;
  if (!p || p.v !== 1 || typeof p.externalId !== 'string' || typeof p.postedAt !== 'string' || !p.author) {
    throw new Error('quota: a held mention has an unknown payload');
  }
  return {
    externalId: p.externalId,
    kind: p.kind!,
    text: p.text ?? '',
    inReplyToExternalId: p.inReplyToExternalId ?? null,
    threadExternalId: p.threadExternalId ?? null,
    postedAt: new Date(p.postedAt),
    author: {
      externalUserId: p.author.externalUserId,
      username: p.author.username,
      displayName: p.author.displayName,
      followers: p.author.followers,
      verified: p.author.verified,
      profileUrl: p.author.profileUrl ?? null,
    },
    raw: p.raw ?? null,
  };
}
