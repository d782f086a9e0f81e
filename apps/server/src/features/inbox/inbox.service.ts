import type { z } from 'zod';
import {
  INBOX_LIMITS,
  type InboxCounts,
  type InboxPage,
  type InboxRow,
  type listInboxInput,
  type SavedViewCount,
  type Sentiment,
  type SlaState,
} from '@perch/shared';
import type { Db } from '../../db/database.ts';
import { hiddenClosedCounts, hiddenHistory, hiddenHistoryView, type HiddenRetention } from '../billing/retention.ts';
import { decodeListCursor, listCursorAfter } from './inbox-cursor.ts';
import { boundedCount, pageIds, rowsByIds, type ConversationRowData } from './inbox-list.repository.ts';
import { viewCounters, visibleSavedViews } from './inbox.repository.ts';
import { assertVisibleBrand, resolveQuery, VIEW_STATUSES, type InboxActor } from './inbox-scope.ts';

export type { InboxActor } from './inbox-scope.ts';

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

export function toInboxRow(r: ConversationRowData): InboxRow {
  return {
    id: r.id,
    brandId: r.brandId,
    channelId: r.channelId,
    status: r.status,
    priority: r.priority,
    sentiment: r.sentiment as Sentiment | null,
    language: r.language,
    tagIds: r.tagIds ? r.tagIds.split(',') : [],
    assigneeUserId: r.assigneeUserId,
    teamId: r.teamId,
    isVip: r.isVip,
    customer: {
      id: r.customerId,
      displayName: r.displayName,
      username: r.username,
      followers: r.followers ?? 0,
      verified: r.verified ?? false,
    },
    snippet: r.snippet,
    waitingSince: iso(r.waitingSince),
    lastMessageAt: r.lastMessageAt.toISOString(),
    snoozedUntil: iso(r.snoozedUntil),
    slaDueAt: iso(r.slaDueAt),
    slaState: r.slaState as SlaState,
    version: r.version,
  };
}

/** Rows for ids, in the order of the ids. */
export async function inboxRows(db: Db, organizationId: string, ids: string[]) {
  const data = await rowsByIds(db, organizationId, ids);
  const byId = new Map(data.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [r] : [];
  });
}

/** One page of a view (built-in or saved), filtered and sorted, by keyset (docs/inbox.md). */
export async function listInbox(db: Db, actor: InboxActor, input: z.output<typeof listInboxInput>): Promise<InboxPage> {
  const { scope, sort, hidden } = await resolveQuery(db, actor, input);
  const cursor = input.cursor ? decodeListCursor(sort, input.cursor) : null;
  if (!scope) return { rows: [], nextCursor: null };
  // One more than the page tells whether there is a next page.
  const ids = await pageIds(db, scope, sort, cursor, input.limit + 1);
  const page = await inboxRows(db, actor.organizationId, ids.slice(0, input.limit));
  const last = page.at(-1);
  return {
    rows: page.map(toInboxRow),
    nextCursor: ids.length > input.limit && last ? listCursorAfter(sort, last) : null,
    ...withHidden(hidden),
  };
}

/** The page's note on hidden history (docs/billing.md, "Retention"), absent when nothing is hidden. */
export const withHidden = (hidden: readonly HiddenRetention[]) =>
  hidden.length ? { hiddenHistory: hidden.map(hiddenHistoryView) } : {};

/** Live counts of the built-in views, from the maintained counters (never a scan of conversations). */
export async function inboxCounts(db: Db, actor: InboxActor, brandId: string | undefined): Promise<InboxCounts> {
  // One brand must be visible (else NOT_FOUND); without one, the SQL reads the member's brands (all when
  // unrestricted: the counters are scoped by organization).
  if (brandId) await assertVisibleBrand(db, actor, brandId);
  const brandIds = brandId ? [brandId] : actor.brandIds.length ? actor.brandIds : null;
  const [rows, hidden] = await Promise.all([
    viewCounters(db, actor, brandId),
    // Retention: the counters include closed conversations older than their brand's plan keeps; they are
    // subtracted exactly (an index range count), and only for brands that have some.
    hiddenHistory(db, actor.organizationId, brandIds).then((h) => hiddenClosedCounts(db, actor.organizationId, h)),
  ]);
  const counts = Object.fromEntries(Object.keys(VIEW_STATUSES).map((v) => [v, 0])) as InboxCounts;
  for (const r of rows) {
    const inView = (view: keyof InboxCounts) => VIEW_STATUSES[view].includes(r.status);
    for (const view of ['new', 'all_open', 'pending', 'snoozed', 'resolved'] as const) {
      if (inView(view)) counts[view] += r.count;
    }
    if (inView('mine') && r.mine) counts.mine += r.count;
    if (inView('unassigned') && r.unassigned) counts.unassigned += r.count;
    if (inView('my_team') && r.myTeam) counts.my_team += r.count;
  }
  for (const h of hidden) {
    for (const view of Object.keys(VIEW_STATUSES) as (keyof InboxCounts)[]) {
      // Closed statuses are only in views without an assignee or team condition (resolved).
      if (VIEW_STATUSES[view].includes(h.status)) counts[view] -= h.count;
    }
  }
  return counts;
}

/** Counts of the caller's visible saved views, each a bounded count (capped: "1,000+"). */
export async function savedViewCounts(db: Db, actor: InboxActor, brandId: string | undefined) {
  if (brandId) await assertVisibleBrand(db, actor, brandId);
  const cap = INBOX_LIMITS.savedViewCountCap;
  const views = await visibleSavedViews(db, actor.organizationId, actor.userId);
  const out: SavedViewCount[] = [];
  for (const view of views) {
    let count: number;
    try {
      const { scope } = await resolveQuery(db, actor, { view: view.id, filters: {} }, brandId ? { brandId } : {});
      count = scope ? await boundedCount(db, scope, cap + 1) : 0;
    } catch {
      // A view whose definition no longer parses counts as empty here; opening it reports the error.
      count = 0;
    }
    out.push({ viewId: view.id, count: Math.min(count, cap), capped: count > cap });
  }
  return out;
}
