import type { z } from 'zod';
import type { searchInboxInput, SearchHit, SearchPage } from '@perch/shared';
import type { Db } from '../../db/database.ts';
import { decodeSearchCursor, searchCursorAfter, type SearchCursor } from './inbox-cursor.ts';
import {
  customerHits,
  customersByPrefix,
  estimatedTextShare,
  mentionTimeBounds,
  recentWindowStart,
  probedTextMentions,
  textHits,
  textHitsAmong,
  walkedTextHits,
  type Hit,
} from './inbox-search.repository.ts';
import { EVERY_STATUS, resolveQuery, type InboxActor } from './inbox-scope.ts';
import type { ConversationScope } from './inbox-list.repository.ts';
import { inboxRows, toInboxRow, withHidden } from './inbox.service.ts';

const SNIPPET = 200;

/** The words of the query, folded (lower case, no accents), for locating a match in a text. */
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** About 200 characters of `text` around the first query word found (stems: the first 4 letters), plain text. */
export function matchedExcerpt(text: string, query: string): string {
  if (text.length <= SNIPPET) return text;
  const folded = fold(text);
  const words = fold(query)
    .split(/[^\p{L}\p{N}_@]+/u)
    .filter((w) => w.length >= 2)
    .map((w) => w.replace(/^@/, '').slice(0, 4));
  const at = Math.min(...words.map((w) => folded.indexOf(w)).filter((i) => i >= 0), Number.MAX_SAFE_INTEGER);
  if (at === Number.MAX_SAFE_INTEGER) return text.slice(0, SNIPPET);
  const start = Math.max(0, Math.min(at - 60, text.length - SNIPPET));
  return text.slice(start, start + SNIPPET);
}

export interface SearchTuning {
  /** Mentions in the recent window (default RECENT_WINDOW). */
  recentWindow?: number;
  /** A probed window with more matching mentions than this is walked newest first instead (default PROBE_CAP). */
  probeCap?: number;
  /** The estimated share of mentions above which a word is walked in every window (default COMMON_SHARE). */
  commonShare?: number;
}

/** Each older window spans this many times the time of all newer ones (the recent window first). */
export const WINDOW_GROWTH = 8;
/** A probed window with at most this many matching mentions is read through the GIN index and sorted. */
export const PROBE_CAP = 500;
/** Above this estimated share of all mentions, a word is common: older windows are walked, not probed. */
export const COMMON_SHARE = 0.05;

/**
 * Text matches older than the recent window, newest first (docs/inbox.md "Search"), so that no statement reads
 * the whole brand:
 * - a rare word (by the planner's statistics) is first probed over all older mentions through the GIN index:
 *   if it has at most PROBE_CAP older matching mentions, they are all there, sorted, and the search is done;
 * - otherwise, and for a common word, older mentions are read in windows of time that widen ×WINDOW_GROWTH,
 *   newest first, until the page is full: a rare word's window is probed through the GIN index (intersected
 *   with the window's time range while the window is narrow) and walked instead when it holds more than
 *   PROBE_CAP matches; a common word's window is walked by time, since reading its GIN entries would cost
 *   more than walking to its newest matches.
 */
async function olderTextHits(
  db: Db,
  scope: ConversationScope,
  query: string,
  exceptCustomers: string[],
  cursor: SearchCursor | null,
  limit: number,
  windowStart: Date,
  opts: SearchTuning,
): Promise<Hit[]> {
  const bounds = await mentionTimeBounds(db, scope, cursor);
  if (!bounds) return [];
  const cap = opts.probeCap ?? PROBE_CAP;
  const common = (opts.commonShare ?? COMMON_SHARE) < (await estimatedTextShare(db, query));
  const hitsAmong = (ids: string[], need: number) => textHitsAmong(db, scope, query, exceptCustomers, ids, need);
  if (!common) {
    const all = { from: null, before: windowStart };
    const ids = await probedTextMentions(db, scope, query, cursor, all, cap + 1, 'filter');
    if (ids.length <= cap) return hitsAmong(ids, limit);
  }
  const history = windowStart.getTime() - bounds.oldest.getTime();
  const hits: Hit[] = [];
  let before = windowStart;
  let span = Math.max(bounds.newest.getTime() - windowStart.getTime(), 1000);
  while (hits.length < limit) {
    span *= WINDOW_GROWTH;
    const from = before.getTime() - span > bounds.oldest.getTime() ? new Date(before.getTime() - span) : null;
    const need = limit - hits.length;
    const range = { from, before };
    const walk = () => walkedTextHits(db, scope, query, exceptCustomers, cursor, need, range);
    if (common) hits.push(...(await walk()));
    else {
      const access = span * WINDOW_GROWTH < history ? 'intersect' : 'filter';
      const ids = await probedTextMentions(db, scope, query, cursor, range, cap + 1, access);
      hits.push(...(ids.length <= cap ? await hitsAmong(ids, need) : await walk()));
    }
    if (!from) break;
    before = from;
  }
  return hits;
}

const newerFirst = (a: Hit, b: Hit) =>
  b.at.getTime() - a.at.getTime() ||
  (a.conversationId < b.conversationId ? 1 : a.conversationId > b.conversationId ? -1 : 0);

/**
 * Full-text search in one brand, newest first, one row per conversation: mention text (each mention in its
 * language's configuration) and customers whose handle or name starts with the query. Two keyset streams on
 * the same key (time, conversation id), disjoint by construction, merged here (docs/inbox.md "Search").
 */
export async function searchInbox(
  db: Db,
  actor: InboxActor,
  input: z.output<typeof searchInboxInput>,
  /** Tests shrink the recent window and the probe cap to exercise the older windows on a small data set. */
  opts: SearchTuning = {},
): Promise<SearchPage> {
  const { scope, hidden } = await resolveQuery(
    db,
    actor,
    { view: EVERY_STATUS, filters: { ...input.filters, brandIds: [input.brandId] } },
    { brandId: input.brandId },
  );
  const cursor = input.cursor ? decodeSearchCursor(input.cursor) : null;
  if (!scope) return { rows: [], nextCursor: null };
  const query = input.query.trim();
  const handle = query.replace(/^@/, '');
  const customers = handle.length >= 2 ? await customersByPrefix(db, actor.organizationId, handle) : [];
  // Recent window first (newest first, bounded reads); older mentions in widening windows only if needed.
  const windowStart = await recentWindowStart(db, scope, cursor, opts.recentWindow);
  const want = input.limit + 1;
  const byText = await textHits(db, scope, query, customers, cursor, want, { from: windowStart, before: null });
  if (byText.length < want && windowStart) {
    byText.push(...(await olderTextHits(db, scope, query, customers, cursor, want - byText.length, windowStart, opts)));
  }
  const byCustomer = await customerHits(db, scope, customers, cursor, input.limit + 1);
  const merged = [...byText, ...byCustomer].sort(newerFirst);
  const page = merged.slice(0, input.limit);
  const rows = await inboxRows(
    db,
    actor.organizationId,
    page.map((h) => h.conversationId),
  );
  const hitOf = new Map(page.map((h) => [h.conversationId, h]));
  const hits: SearchHit[] = rows.map((r) => {
    const hit = hitOf.get(r.id);
    return {
      ...toInboxRow(r),
      matchedMentionId: hit?.mentionId ?? null,
      matchedText: hit?.text ? matchedExcerpt(hit.text, query) : r.snippet,
    };
  });
  const last = page.at(-1);
  return {
    rows: hits,
    nextCursor: merged.length > input.limit && last ? searchCursorAfter(last.at, last.conversationId) : null,
    ...withHidden(hidden),
  };
}
